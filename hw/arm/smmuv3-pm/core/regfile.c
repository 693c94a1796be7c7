/*
 * arm-smmuv3-pm core: the Non-secure register file (Arm IHI 0070, ch. 6)
 *
 * Every register is described once in reg_table[]: where it lives, how
 * wide it is, whether this configuration implements it, and how a write
 * changes state.  Access-size rules, page-1 aliases, read-only registers
 * and RES0 masking are handled here in one place, so individual write
 * handlers only express the architecture's side effects.
 *
 * Handshakes (CR0 -> CR0ACK, GBPA.UPDATE, IRQ_CTRL -> IRQ_CTRLACK) go
 * through the *_take_effect() functions: at once with timing off, after
 * their latency with timing on (smmu_pm_regs_timer(), base/timing.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <inttypes.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <glib.h>

#include "hw/arm/smmuv3-pm/core/smmuv3-pm-core.h"
#include "hw/arm/smmuv3-pm/core/cmdq/cmdq.h"
#include "hw/arm/smmuv3-pm/core/base/state.h"
#include "hw/arm/smmuv3-pm/core/base/irq.h"
#include "hw/arm/smmuv3-pm/core/xlate/strtab.h"
#include "hw/arm/smmuv3-pm/core/base/arch.h"
#include "hw/arm/smmuv3-pm/core/base/log.h"
#include "hw/arm/smmuv3-pm/core/base/timing.h"
#include "hw/arm/smmuv3-pm/core/checker/checker.h"

typedef struct RegDesc RegDesc;
struct RegDesc {
    const char *name;
    uint32_t offset;
    uint8_t width;                              /* bytes: 4 or 8 */
    size_t field;                               /* offsetof(SmmuPmRegs) */
    uint64_t (*read)(SmmuPmCore *c, const RegDesc *r);
    /* NULL: read-only.  @value is the full-width value being written. */
    void (*write)(SmmuPmCore *c, const RegDesc *r, uint64_t value);
    /* NULL: always implemented; otherwise RES0 when it returns false */
    bool (*present)(const SmmuPmCore *c);
};

/* Mask of address bits [oas-1:lsb] */
static uint64_t addr_mask(const SmmuPmCore *c, unsigned lsb)
{
    return MAKE_64BIT_MASK(lsb, c->cfg.oas_bits - lsb);
}

static uint32_t *reg32(SmmuPmCore *c, const RegDesc *r)
{
    return (uint32_t *)((char *)&c->regs + r->field);
}

static uint64_t *reg64(SmmuPmCore *c, const RegDesc *r)
{
    return (uint64_t *)((char *)&c->regs + r->field);
}

static uint64_t read_field(SmmuPmCore *c, const RegDesc *r)
{
    return r->width == 8 ? *reg64(c, r) : *reg32(c, r);
}

static uint64_t read_zero(SmmuPmCore *c, const RegDesc *r)
{
    return 0;
}

/* RES0 register: writes are legal and have no effect */
static void write_ignored(SmmuPmCore *c, const RegDesc *r, uint64_t value)
{
}

static void ignore_write(SmmuPmCore *c, const RegDesc *r, const char *why)
{
    smmu_pm_log(c, SMMU_PM_LOG_GUEST_ERROR,
                "write to %s ignored: %s (CONSTRAINED UNPREDICTABLE)",
                r->name, why);
}

/* ---- Presence ---------------------------------------------------------- */

static bool has_msi(const SmmuPmCore *c)
{
    return c->cfg.msi;
}

static bool has_pri(const SmmuPmCore *c)
{
    return c->cfg.pri;
}

static bool has_pri_msi(const SmmuPmCore *c)
{
    return c->cfg.pri && c->cfg.msi;
}

/* ---- Enable state as seen by constraints ------------------------------- */

/* A bit counts as enabled while either requested or still acknowledged */
static bool cr0_enabled(const SmmuPmCore *c, uint32_t mask)
{
    return (c->regs.cr0 | c->regs.cr0ack) & mask;
}

static bool irq_enabled(const SmmuPmCore *c, uint32_t mask)
{
    return (c->regs.irq_ctrl | c->regs.irq_ctrlack) & mask;
}

/* ---- Handshakes -------------------------------------------------------- */

static void cr0_take_effect(SmmuPmCore *c)
{
    bool was_enabled = smmu_pm_enabled(c);
    bool cmdq_on = c->regs.cr0 & ~c->regs.cr0ack & R_CR0_CMDQEN_MASK;

    c->regs.cr0ack = c->regs.cr0;
    if (cmdq_on) {
        smmu_pm_kick(c);
    }
    if (smmu_pm_enabled(c) && !was_enabled) {
        smmu_pm_check_enable(c);
    }
    if (smmu_pm_enabled(c) != was_enabled) {
        smmu_pm_log(c, SMMU_PM_LOG_INFO, "SMMUEN %d -> %d", was_enabled,
                    !was_enabled);
        smmu_pm_notify_translation_changed(c);
    }
    if (was_enabled && !smmu_pm_enabled(c)) {
        /* Translation off terminates whatever stalled (3.12.2) */
        smmu_pm_stall_terminate_all(c);
    }
    smmu_pm_stall_eventq_writable(c);
}

static void gbpa_take_effect(SmmuPmCore *c, uint32_t value)
{
    bool changed = value != c->regs.gbpa;

    c->regs.gbpa = value;       /* UPDATE reads as 0: update complete */
    if (changed) {
        smmu_pm_notify_translation_changed(c);
    }
}

/* IRQ_CTRL enable bit of each interrupt source the checker follows */
static const uint32_t msi_source_irqen[SMMU_PM_MSI__MAX] = {
    [SMMU_PM_MSI_EVENTQ] = R_IRQ_CTRL_EVENTQ_IRQEN_MASK,
    [SMMU_PM_MSI_GERROR] = R_IRQ_CTRL_GERROR_IRQEN_MASK,
    [SMMU_PM_MSI_PRIQ] = R_IRQ_CTRL_PRIQ_IRQEN_MASK,
};

static void irq_ctrl_take_effect(SmmuPmCore *c)
{
    uint32_t enabled = c->regs.irq_ctrl & ~c->regs.irq_ctrlack;

    c->regs.irq_ctrlack = c->regs.irq_ctrl;
    for (int i = 0; i < SMMU_PM_MSI__MAX; i++) {
        if (enabled & msi_source_irqen[i]) {
            smmu_pm_check_irq_enable(c, i);
        }
    }
}

static const char *const handshake_regs[SMMU_PM_HS__MAX] = {
    [SMMU_PM_HS_CR0] = "CR0",
    [SMMU_PM_HS_GBPA] = "GBPA",
    [SMMU_PM_HS_IRQ_CTRL] = "IRQ_CTRL",
};

/*
 * A write to @r that the SMMU may not have seen the end of @hs for: a
 * driver waits for each acknowledgement before its next step
 */
static void check_acknowledged(SmmuPmCore *c, const RegDesc *r,
                               SmmuPmHandshake hs)
{
    if (smmu_pm_timing_handshake_pending(c, hs)) {
        smmu_pm_check_write_before_ack(c, r->name, handshake_regs[hs]);
    }
}

/*
 * Start the update of @hs: true if it completes later (timing on), false
 * if the caller applies it now.  A write of the value already
 * acknowledged (@changes false) has nothing to wait for: a driver
 * polling the ACK register sees it at once, so it must be done at once.
 */
static bool handshake_deferred(SmmuPmCore *c, SmmuPmHandshake hs,
                               bool changes)
{
    if (!smmu_pm_timing_on(c) ||
        (!changes && !smmu_pm_timing_handshake_pending(c, hs))) {
        return false;
    }
    /* A second write before the first completed: one acknowledgement */
    if (!smmu_pm_timing_handshake_pending(c, hs)) {
        smmu_pm_timing_handshake_start(c, hs);
    }
    return true;
}

void smmu_pm_regs_timer(SmmuPmCore *c, uint64_t now)
{
    if (smmu_pm_timing_handshake_take(c, SMMU_PM_HS_CR0, now)) {
        cr0_take_effect(c);
    }
    if (smmu_pm_timing_handshake_take(c, SMMU_PM_HS_GBPA, now)) {
        gbpa_take_effect(c, c->timing.gbpa_new);
    }
    if (smmu_pm_timing_handshake_take(c, SMMU_PM_HS_IRQ_CTRL, now)) {
        irq_ctrl_take_effect(c);
    }
}

/* ---- Write handlers ---------------------------------------------------- */

static void write_cr0(SmmuPmCore *c, const RegDesc *r, uint64_t value)
{
    uint32_t mask = R_CR0_SMMUEN_MASK | R_CR0_EVENTQEN_MASK |
                    R_CR0_CMDQEN_MASK;

    if (c->cfg.pri) {
        mask |= R_CR0_PRIQEN_MASK;
    }
    if (c->cfg.ats) {
        mask |= R_CR0_ATSCHK_MASK;
    }
    check_acknowledged(c, r, SMMU_PM_HS_CR0);
    c->regs.cr0 = value & mask;
    if (!handshake_deferred(c, SMMU_PM_HS_CR0,
                            c->regs.cr0 != c->regs.cr0ack)) {
        cr0_take_effect(c);
    }
}

static void write_cr1(SmmuPmCore *c, const RegDesc *r, uint64_t value)
{
    check_acknowledged(c, r, SMMU_PM_HS_CR0);
    if (cr0_enabled(c, R_CR0_SMMUEN_MASK | R_CR0_CMDQEN_MASK |
                    R_CR0_EVENTQEN_MASK | R_CR0_PRIQEN_MASK)) {
        ignore_write(c, r, "queues or translation are enabled");
        return;
    }
    c->regs.cr1 = value & SMMU_CR1_VALID_MASK;
}

static void write_cr2(SmmuPmCore *c, const RegDesc *r, uint64_t value)
{
    uint32_t mask = R_CR2_RECINVSID_MASK | R_CR2_PTM_MASK;

    check_acknowledged(c, r, SMMU_PM_HS_CR0);
    if (cr0_enabled(c, R_CR0_SMMUEN_MASK)) {
        ignore_write(c, r, "SMMUEN is 1");
        return;
    }
    if (FIELD_EX32(c->regs.idr[0], IDR0, HYP)) {
        mask |= R_CR2_E2H_MASK;
    }
    c->regs.cr2 = value & mask;
}

static void write_gbpa(SmmuPmCore *c, const RegDesc *r, uint64_t value)
{
    uint32_t mask = R_GBPA_MEMATTR_MASK | R_GBPA_MTCFG_MASK |
                    R_GBPA_ALLOCCFG_MASK | R_GBPA_SHCFG_MASK |
                    R_GBPA_PRIVCFG_MASK | R_GBPA_INSTCFG_MASK |
                    R_GBPA_ABORT_MASK;

    check_acknowledged(c, r, SMMU_PM_HS_GBPA);
    if (!FIELD_EX32(value, GBPA, UPDATE)) {
        ignore_write(c, r, "UPDATE is 0, so the new value is not applied");
        return;
    }
    c->timing.gbpa_new = value & mask;
    if (!handshake_deferred(c, SMMU_PM_HS_GBPA, true)) {
        gbpa_take_effect(c, value & mask);
    }
}

/* While an update is in progress UPDATE reads as 1 with the new value */
static uint64_t read_gbpa(SmmuPmCore *c, const RegDesc *r)
{
    if (smmu_pm_timing_handshake_pending(c, SMMU_PM_HS_GBPA)) {
        return c->timing.gbpa_new | R_GBPA_UPDATE_MASK;
    }
    return c->regs.gbpa;
}

static void write_irq_ctrl(SmmuPmCore *c, const RegDesc *r, uint64_t value)
{
    uint32_t mask = R_IRQ_CTRL_GERROR_IRQEN_MASK |
                    R_IRQ_CTRL_EVENTQ_IRQEN_MASK;

    if (c->cfg.pri) {
        mask |= R_IRQ_CTRL_PRIQ_IRQEN_MASK;
    }
    check_acknowledged(c, r, SMMU_PM_HS_IRQ_CTRL);
    c->regs.irq_ctrl = value & mask;
    if (!handshake_deferred(c, SMMU_PM_HS_IRQ_CTRL,
                            c->regs.irq_ctrl != c->regs.irq_ctrlack)) {
        irq_ctrl_take_effect(c);
    }
}

static void write_gerrorn(SmmuPmCore *c, const RegDesc *r, uint64_t value)
{
    uint32_t toggled = (value ^ c->regs.gerrorn) & SMMU_GERROR_VALID_MASK;
    uint32_t active = smmu_pm_active_gerrors(c);
    uint32_t bogus = toggled & ~active;

    if (bogus) {
        smmu_pm_log(c, SMMU_PM_LOG_GUEST_ERROR,
                    "GERRORN toggles inactive error bits 0x%x "
                    "(GERROR=0x%x GERRORN=0x%x): those bits are ignored "
                    "(CONSTRAINED UNPREDICTABLE)", bogus, c->regs.gerror,
                    c->regs.gerrorn);
    }
    c->regs.gerrorn ^= toggled & active;
    if (toggled & active & R_GERROR_EVENTQ_ABT_ERR_MASK) {
        smmu_pm_stall_eventq_writable(c);
    }
    /* An acknowledged command error lets the queue restart */
    if (toggled & active & R_GERROR_CMDQ_ERR_MASK) {
        smmu_pm_kick(c);
    }
}

/* IRQ_CFG0/1/2 of one interrupt: only while that interrupt is disabled */
static bool irq_cfg_writable(SmmuPmCore *c, const RegDesc *r,
                             uint32_t irqen_mask)
{
    check_acknowledged(c, r, SMMU_PM_HS_IRQ_CTRL);
    if (irq_enabled(c, irqen_mask)) {
        ignore_write(c, r, "its interrupt is enabled in IRQ_CTRL");
        return false;
    }
    return true;
}

/* The interrupt source an IRQ_CFGn register belongs to */
static SmmuPmMsiSource msi_source_of(const RegDesc *r)
{
    if (r->offset >= A_PRIQ_IRQ_CFG0) {
        return SMMU_PM_MSI_PRIQ;
    } else if (r->offset >= A_EVENTQ_IRQ_CFG0) {
        return SMMU_PM_MSI_EVENTQ;
    }
    return SMMU_PM_MSI_GERROR;
}

static uint32_t irqen_for(const RegDesc *r)
{
    return msi_source_irqen[msi_source_of(r)];
}

static void write_irq_cfg0(SmmuPmCore *c, const RegDesc *r, uint64_t value)
{
    if (irq_cfg_writable(c, r, irqen_for(r))) {
        *reg64(c, r) = value & addr_mask(c, 2);
        smmu_pm_check_msi_config(c, msi_source_of(r));
    }
}

static void write_irq_cfg1(SmmuPmCore *c, const RegDesc *r, uint64_t value)
{
    if (irq_cfg_writable(c, r, irqen_for(r))) {
        *reg32(c, r) = value;
    }
}

static void write_irq_cfg2(SmmuPmCore *c, const RegDesc *r, uint64_t value)
{
    if (irq_cfg_writable(c, r, irqen_for(r))) {
        *reg32(c, r) = value & (R_IRQ_CFG2_MEMATTR_MASK | R_IRQ_CFG2_SH_MASK);
    }
}

static void write_strtab_base(SmmuPmCore *c, const RegDesc *r, uint64_t value)
{
    check_acknowledged(c, r, SMMU_PM_HS_CR0);
    if (cr0_enabled(c, R_CR0_SMMUEN_MASK)) {
        ignore_write(c, r, "SMMUEN is 1");
        return;
    }
    c->regs.strtab_base = value & (R_STRTAB_BASE_RA_MASK | addr_mask(c, 6));
}

static void write_strtab_base_cfg(SmmuPmCore *c, const RegDesc *r,
                                  uint64_t value)
{
    check_acknowledged(c, r, SMMU_PM_HS_CR0);
    if (cr0_enabled(c, R_CR0_SMMUEN_MASK)) {
        ignore_write(c, r, "SMMUEN is 1");
        return;
    }
    c->regs.strtab_base_cfg = value & (R_STRTAB_BASE_CFG_LOG2SIZE_MASK |
                                       R_STRTAB_BASE_CFG_SPLIT_MASK |
                                       R_STRTAB_BASE_CFG_FMT_MASK);
}

/* The queue a PROD/CONS/BASE descriptor belongs to */
typedef struct QueueInfo {
    SmmuPmQueueRegs *q;
    uint32_t enable_mask;       /* CR0 bit */
    unsigned max_log2size;      /* IDR1.xQS */
} QueueInfo;

static QueueInfo queue_of(SmmuPmCore *c, const RegDesc *r)
{
    uint32_t off = r->offset % SMMU_PAGE_SIZE;

    if (off >= A_PRIQ_BASE) {
        return (QueueInfo){ &c->regs.priq, R_CR0_PRIQEN_MASK,
                            FIELD_EX32(c->regs.idr[1], IDR1, PRIQS) };
    } else if (off >= A_EVENTQ_BASE) {
        return (QueueInfo){ &c->regs.eventq, R_CR0_EVENTQEN_MASK,
                            FIELD_EX32(c->regs.idr[1], IDR1, EVENTQS) };
    }
    return (QueueInfo){ &c->regs.cmdq, R_CR0_CMDQEN_MASK,
                        FIELD_EX32(c->regs.idr[1], IDR1, CMDQS) };
}

/*
 * PROD/CONS hold an index of log2size bits plus the wrap bit above it;
 * a LOG2SIZE larger than IDR1's limit behaves as the limit.
 */
static uint32_t queue_idx_mask(const QueueInfo *qi)
{
    unsigned log2size = FIELD_EX64(qi->q->base, Q_BASE, LOG2SIZE);

    log2size = MIN(log2size, qi->max_log2size);
    return MAKE_64BIT_MASK(0, log2size + 1);
}

static void write_queue_base(SmmuPmCore *c, const RegDesc *r, uint64_t value)
{
    QueueInfo qi = queue_of(c, r);

    check_acknowledged(c, r, SMMU_PM_HS_CR0);
    if (cr0_enabled(c, qi.enable_mask)) {
        ignore_write(c, r, "the queue is enabled");
        return;
    }
    if (qi.q == &c->regs.cmdq) {
        smmu_pm_check_cmdq_base(c);
    }
    qi.q->base = value & (R_Q_BASE_RA_WA_MASK | addr_mask(c, 5) |
                          R_Q_BASE_LOG2SIZE_MASK);
}

/*
 * The index register the SMMU owns (CMDQ_CONS, EVENTQ_PROD, PRIQ_PROD) is
 * only written by software while the queue is disabled, to initialise it.
 */
static void write_owned_index(SmmuPmCore *c, const RegDesc *r,
                              uint64_t value, uint32_t extra_mask)
{
    QueueInfo qi = queue_of(c, r);
    uint32_t *idx = reg32(c, r);
    uint32_t mask = queue_idx_mask(&qi) | extra_mask;

    check_acknowledged(c, r, SMMU_PM_HS_CR0);
    if (cr0_enabled(c, qi.enable_mask)) {
        ignore_write(c, r, "the queue is enabled, so the SMMU owns it");
        return;
    }
    /*
     * Index bits above the current LOG2SIZE are RES0: clear the whole
     * index field, not only the bits of today's size, so bits left by a
     * larger queue before CMDQ_BASE shrank it cannot survive the write
     * (CONS.ERR and other fields outside it are kept)
     */
    *idx = (*idx & ~(R_Q_IDX_IDX_WRAP_MASK | extra_mask)) | (value & mask);
    if (idx == &c->regs.eventq.prod) {
        smmu_pm_timing_outq_reset(c, SMMU_PM_OUTQ_EVENTQ);
    } else if (idx == &c->regs.priq.prod) {
        smmu_pm_timing_outq_reset(c, SMMU_PM_OUTQ_PRIQ);
    }
}

static void write_cmdq_cons(SmmuPmCore *c, const RegDesc *r, uint64_t value)
{
    /* CONS.ERR is reported by the SMMU and not written by software */
    write_owned_index(c, r, value, 0);
}

static void write_cmdq_prod(SmmuPmCore *c, const RegDesc *r, uint64_t value)
{
    QueueInfo qi = queue_of(c, r);

    uint32_t idx_mask = queue_idx_mask(&qi);

    smmu_pm_check_cmdq_prod(c, value);
    c->regs.cmdq.prod = value & idx_mask;
    smmu_pm_timing_cmd_arrival(c, c->regs.cmdq.prod,
                               (c->regs.cmdq.prod - c->regs.cmdq.cons) &
                               idx_mask);
    smmu_pm_kick(c);
}

static void write_outq_prod(SmmuPmCore *c, const RegDesc *r, uint64_t value)
{
    write_owned_index(c, r, value, R_Q_IDX_OVFLG_MASK);
}

/* EVENTQ_PROD/PRIQ_PROD: the records software may see yet */
static uint64_t read_outq_prod(SmmuPmCore *c, const RegDesc *r)
{
    uint32_t *prod = reg32(c, r);

    return smmu_pm_timing_outq_prod(c, prod == &c->regs.eventq.prod ?
                                    SMMU_PM_OUTQ_EVENTQ : SMMU_PM_OUTQ_PRIQ,
                                    *prod);
}

static void write_outq_cons(SmmuPmCore *c, const RegDesc *r, uint64_t value)
{
    QueueInfo qi = queue_of(c, r);

    *reg32(c, r) = value & (queue_idx_mask(&qi) | R_Q_IDX_OVFLG_MASK);
    if (reg32(c, r) == &c->regs.eventq.cons) {
        smmu_pm_stall_eventq_writable(c);
    }
}

/* ---- Identification registers ------------------------------------------ */

static uint64_t read_pidr(SmmuPmCore *c, const RegDesc *r)
{
    unsigned n = r->offset >= A_PIDR0 ? (r->offset - A_PIDR0) / 4
                                      : 4 + (r->offset - A_PIDR4) / 4;

    return c->identity->pidr[n];
}

static uint64_t read_cidr(SmmuPmCore *c, const RegDesc *r)
{
    /* CoreSight component class 0xF: generic IP, preamble 0xB105_000D */
    static const uint8_t cidr[4] = { 0x0d, 0xf0, 0x05, 0xb1 };

    return cidr[(r->offset - A_CIDR0) / 4];
}

/* ---- The table --------------------------------------------------------- */

#define F(member) offsetof(SmmuPmRegs, member)
#define RO32(reg, member) \
    { #reg, A_ ## reg, 4, F(member), read_field, NULL, NULL }
#define RW32(reg, member, wr, pres) \
    { #reg, A_ ## reg, 4, F(member), read_field, wr, pres }
#define RW64(reg, member, wr, pres) \
    { #reg, A_ ## reg, 8, F(member), read_field, wr, pres }
#define OUTQ_PROD(reg, member, pres) \
    { #reg, A_ ## reg, 4, F(member), read_outq_prod, write_outq_prod, pres }
#define OUTQ_PROD_P1(reg, member, pres) \
    { #reg "(page 1)", A_ ## reg + SMMU_PAGE_SIZE, 4, F(member), \
      read_outq_prod, write_outq_prod, pres }
#define RW32_P1(reg, member, wr, pres) \
    { #reg "(page 1)", A_ ## reg + SMMU_PAGE_SIZE, 4, F(member), read_field, \
      wr, pres }
#define ID32(reg, fn) { #reg, A_ ## reg, 4, 0, fn, NULL, NULL }

static const RegDesc reg_table[] = {
    RO32(IDR0, idr[0]),
    RO32(IDR1, idr[1]),
    RO32(IDR2, idr[2]),
    RO32(IDR3, idr[3]),
    RO32(IDR4, idr[4]),
    RO32(IDR5, idr[5]),
    RO32(IIDR, iidr),
    RO32(AIDR, aidr),
    RW32(CR0, cr0, write_cr0, NULL),
    RO32(CR0ACK, cr0ack),
    RW32(CR1, cr1, write_cr1, NULL),
    RW32(CR2, cr2, write_cr2, NULL),
    RO32(STATUSR, statusr),
    { "GBPA", A_GBPA, 4, F(gbpa), read_gbpa, write_gbpa, NULL },
    /* No alternate attributes are implemented: AGBPA is RAZ/WI */
    { "AGBPA", A_AGBPA, 4, 0, read_zero, write_ignored, NULL },
    RW32(IRQ_CTRL, irq_ctrl, write_irq_ctrl, NULL),
    RO32(IRQ_CTRLACK, irq_ctrlack),
    RO32(GERROR, gerror),
    RW32(GERRORN, gerrorn, write_gerrorn, NULL),
    RW64(GERROR_IRQ_CFG0, gerror_irq_cfg0, write_irq_cfg0, has_msi),
    RW32(GERROR_IRQ_CFG1, gerror_irq_cfg1, write_irq_cfg1, has_msi),
    RW32(GERROR_IRQ_CFG2, gerror_irq_cfg2, write_irq_cfg2, has_msi),
    RW64(STRTAB_BASE, strtab_base, write_strtab_base, NULL),
    RW32(STRTAB_BASE_CFG, strtab_base_cfg, write_strtab_base_cfg, NULL),
    RW64(CMDQ_BASE, cmdq.base, write_queue_base, NULL),
    RW32(CMDQ_PROD, cmdq.prod, write_cmdq_prod, NULL),
    RW32(CMDQ_CONS, cmdq.cons, write_cmdq_cons, NULL),
    RW64(EVENTQ_BASE, eventq.base, write_queue_base, NULL),
    OUTQ_PROD(EVENTQ_PROD, eventq.prod, NULL),
    RW32(EVENTQ_CONS, eventq.cons, write_outq_cons, NULL),
    RW64(EVENTQ_IRQ_CFG0, eventq.irq_cfg0, write_irq_cfg0, has_msi),
    RW32(EVENTQ_IRQ_CFG1, eventq.irq_cfg1, write_irq_cfg1, has_msi),
    RW32(EVENTQ_IRQ_CFG2, eventq.irq_cfg2, write_irq_cfg2, has_msi),
    RW64(PRIQ_BASE, priq.base, write_queue_base, has_pri),
    OUTQ_PROD(PRIQ_PROD, priq.prod, has_pri),
    RW32(PRIQ_CONS, priq.cons, write_outq_cons, has_pri),
    RW64(PRIQ_IRQ_CFG0, priq.irq_cfg0, write_irq_cfg0, has_pri_msi),
    RW32(PRIQ_IRQ_CFG1, priq.irq_cfg1, write_irq_cfg1, has_pri_msi),
    RW32(PRIQ_IRQ_CFG2, priq.irq_cfg2, write_irq_cfg2, has_pri_msi),
    ID32(PIDR4, read_pidr),
    ID32(PIDR5, read_pidr),
    ID32(PIDR6, read_pidr),
    ID32(PIDR7, read_pidr),
    ID32(PIDR0, read_pidr),
    ID32(PIDR1, read_pidr),
    ID32(PIDR2, read_pidr),
    ID32(PIDR3, read_pidr),
    ID32(CIDR0, read_cidr),
    ID32(CIDR1, read_cidr),
    ID32(CIDR2, read_cidr),
    ID32(CIDR3, read_cidr),
    OUTQ_PROD_P1(EVENTQ_PROD, eventq.prod, NULL),
    RW32_P1(EVENTQ_CONS, eventq.cons, write_outq_cons, NULL),
    OUTQ_PROD_P1(PRIQ_PROD, priq.prod, has_pri),
    RW32_P1(PRIQ_CONS, priq.cons, write_outq_cons, has_pri),
};

/* The register containing byte @offset, or NULL */
static const RegDesc *find_reg(uint64_t offset)
{
    for (unsigned i = 0; i < G_N_ELEMENTS(reg_table); i++) {
        const RegDesc *r = &reg_table[i];

        if (offset >= r->offset && offset < r->offset + r->width) {
            return r;
        }
    }
    return NULL;
}

const char *smmu_pm_reg_name(uint64_t offset)
{
    const RegDesc *r = find_reg(offset);

    return r ? r->name : "an unallocated offset";
}

static bool is_secure_offset(uint64_t offset)
{
    return offset >= SMMU_SECURE_BASE && offset < SMMU_SECURE_END;
}

/*
 * Decide whether an access reaches register @r: 32-bit accesses to 32-bit
 * registers, 32-bit or 64-bit accesses to 64-bit registers, naturally
 * aligned.  Everything else is CONSTRAINED UNPREDICTABLE; we make it RAZ/WI.
 */
static const RegDesc *decode(SmmuPmCore *c, uint64_t offset, unsigned size,
                             bool is_write)
{
    const char *dir = is_write ? "write" : "read";
    const RegDesc *r;

    if (offset >= SMMU_REGION_SIZE) {
        smmu_pm_log(c, SMMU_PM_LOG_GUEST_ERROR,
                    "%u-byte %s at 0x%" PRIx64 " is outside the register "
                    "pages: RAZ/WI", size, dir, offset);
        return NULL;
    }
    if (is_secure_offset(offset)) {
        smmu_pm_log(c, SMMU_PM_LOG_INFO,
                    "Non-secure %s of Secure register 0x%" PRIx64 ": RAZ/WI",
                    dir, offset);
        return NULL;
    }
    r = find_reg(offset);
    if (!r) {
        smmu_pm_log(c, SMMU_PM_LOG_GUEST_ERROR,
                    "%u-byte %s at reserved offset 0x%" PRIx64 ": RAZ/WI",
                    size, dir, offset);
        return NULL;
    }
    if ((size != 4 && size != 8) || (size == 8 && r->width != 8) ||
        (offset & (size - 1))) {
        smmu_pm_log(c, SMMU_PM_LOG_GUEST_ERROR,
                    "%u-byte %s at 0x%" PRIx64 " (%s, %u-bit register): "
                    "access size or alignment not allowed, RAZ/WI",
                    size, dir, offset, r->name, r->width * 8);
        return NULL;
    }
    if (r->present && !r->present(c)) {
        /*
         * A register of a feature this configuration lacks is RES0, and
         * accessing it is legal: Linux clears GERROR_IRQ_CFG0 and
         * EVENTQ_IRQ_CFG0 before it looks at IDR0.MSI
         */
        smmu_pm_log(c, SMMU_PM_LOG_INFO,
                    "%s of %s: RES0 in this configuration (RAZ/WI)", dir,
                    r->name);
        return NULL;
    }
    return r;
}

uint64_t smmu_pm_mmio_read(SmmuPmCore *c, uint64_t offset, unsigned size)
{
    const RegDesc *r;
    uint64_t value;

    c->stats.reads++;
    if (!smmu_pm_powered(c)) {
        smmu_pm_check_access_while_off(c, smmu_pm_reg_name(offset), offset,
                                       false);
        return 0;
    }
    r = decode(c, offset, size, false);
    if (!r) {
        return 0;
    }
    value = r->read(c, r);
    if (size == 4 && r->width == 8) {
        value = (uint32_t)(value >> ((offset - r->offset) * 8));
    }
    return value;
}

void smmu_pm_mmio_write(SmmuPmCore *c, uint64_t offset, uint64_t value,
                        unsigned size)
{
    const RegDesc *r;

    c->stats.writes++;
    if (!smmu_pm_powered(c)) {
        smmu_pm_check_access_while_off(c, smmu_pm_reg_name(offset), offset,
                                       true);
        return;
    }
    r = decode(c, offset, size, true);
    if (!r) {
        return;
    }
    if (!r->write) {
        smmu_pm_log(c, SMMU_PM_LOG_GUEST_ERROR,
                    "write of 0x%" PRIx64 " to read-only register %s ignored",
                    value, r->name);
        return;
    }
    if (size == 4 && r->width == 8) {
        unsigned shift = (offset - r->offset) * 8;
        uint64_t old = r->read(c, r);

        value = (old & ~(0xffffffffULL << shift)) |
                ((value & 0xffffffffULL) << shift);
    }
    r->write(c, r, value);
}
