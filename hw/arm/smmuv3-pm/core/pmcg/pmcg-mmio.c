/*
 * arm-smmuv3-pm core: the PMCG's register pages (Arm IHI 0070, ch. 10)
 *
 * Every register is described once in regs[]: where it lives (an array
 * of one element per counter, or of a fixed count), how wide it is,
 * whether it moves to page 1 with RELOC_CTRS, whether this configuration
 * implements it, and how a write changes state.  Access sizes, pages,
 * read-only registers and RES0 bits are handled here in one place, as
 * the SMMU's regfile.c does for its own pages.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <inttypes.h>
#include <stdio.h>
#include <glib.h>

#include "hw/arm/smmuv3-pm/core/pmcg/pmcg-mmio.h"
#include "hw/arm/smmuv3-pm/core/pmcg/pmcg-regs.h"

typedef struct RegDesc RegDesc;
struct RegDesc {
    const char *name;
    uint32_t offset;            /* of element 0 */
    uint8_t count;              /* elements; 0: one per counter */
    uint8_t width;              /* bytes; 0: a counter's (4 or 8) */
    bool reloc;                 /* in page 1 with CFGR.RELOC_CTRS */
    /*
     * Set/clear by writing ones: a 32-bit write to one half must not
     * write the other half's current bits back (that would clear them)
     */
    bool ones;
    bool (*present)(const SmmuPmPmcg *p, unsigned n);
    uint64_t (*read)(SmmuPmPmcg *p, unsigned n);
    /* NULL: read-only.  @value is the full-width value being written. */
    void (*write)(SmmuPmPmcg *p, unsigned n, uint64_t value);
};

/* An access resolved to one register */
typedef struct Access {
    const RegDesc *r;
    unsigned n;                 /* element */
    unsigned offset;            /* of the element */
    unsigned width;
    char name[24];              /* "EVCNTR3", "CFGR" */
} Access;

static unsigned counter_width(const SmmuPmPmcg *p)
{
    return p->cfg.counter_bits > 32 ? 8 : 4;
}

/* ---- Presence ----------------------------------------------------------- */

static bool has_capture(const SmmuPmPmcg *p, unsigned n)
{
    return p->cfg.capture;
}

static bool has_msi(const SmmuPmPmcg *p, unsigned n)
{
    return p->cfg.msi;
}

/* With a global filter only SMR0 exists: SMR1..n are RES0 */
static bool has_smr(const SmmuPmPmcg *p, unsigned n)
{
    return !p->cfg.global_filter || n == 0;
}

/* No Secure state is modelled: SCR is RES0 to Non-secure software */
static bool never(const SmmuPmPmcg *p, unsigned n)
{
    return false;
}

/* ---- Counters, types, filters, capture ---------------------------------- */

static uint64_t read_evcntr(SmmuPmPmcg *p, unsigned n)
{
    return p->regs.evcntr[n];
}

static void write_evcntr(SmmuPmPmcg *p, unsigned n, uint64_t value)
{
    p->regs.evcntr[n] = value & p->max;
}

static uint64_t read_svr(SmmuPmPmcg *p, unsigned n)
{
    return p->regs.svr[n];
}

static uint64_t read_evtyper(SmmuPmPmcg *p, unsigned n)
{
    return p->regs.evtyper[n];
}

/*
 * EVENT always; FILTER_SID_SPAN where the counter has a filter of its
 * own (every counter, or counter 0 for a global filter); OVFCAP with
 * capture.  FILTER_SEC_SID is RES0: no Secure StreamIDs are modelled.
 */
static void write_evtyper(SmmuPmPmcg *p, unsigned n, uint64_t value)
{
    uint32_t mask = R_PMCG_EVTYPER_EVENT_MASK;

    if (has_smr(p, n)) {
        mask |= R_PMCG_EVTYPER_FILTER_SID_SPAN_MASK;
    }
    if (p->cfg.capture) {
        mask |= R_PMCG_EVTYPER_OVFCAP_MASK;
    }
    p->regs.evtyper[n] = value & mask;
}

static uint64_t read_smr(SmmuPmPmcg *p, unsigned n)
{
    return p->regs.smr[n];
}

static void write_smr(SmmuPmPmcg *p, unsigned n, uint64_t value)
{
    p->regs.smr[n] = value;
}

/* CAPR.CAPTURE is write-only: it reads as 0 */
static uint64_t read_zero(SmmuPmPmcg *p, unsigned n)
{
    return 0;
}

static void write_capr(SmmuPmPmcg *p, unsigned n, uint64_t value)
{
    if (FIELD_EX32(value, PMCG_CAPR, CAPTURE)) {
        smmu_pm_pmcg_capture(p);
    }
}

/* ---- Per-counter bit sets ----------------------------------------------- */

static uint64_t read_cnten(SmmuPmPmcg *p, unsigned n)
{
    return p->regs.cnten;
}

static void write_cntenset(SmmuPmPmcg *p, unsigned n, uint64_t value)
{
    p->regs.cnten |= value & p->impl;
}

static void write_cntenclr(SmmuPmPmcg *p, unsigned n, uint64_t value)
{
    p->regs.cnten &= ~value;
}

static uint64_t read_inten(SmmuPmPmcg *p, unsigned n)
{
    return p->regs.inten;
}

static void write_intenset(SmmuPmPmcg *p, unsigned n, uint64_t value)
{
    p->regs.inten |= value & p->impl;
}

static void write_intenclr(SmmuPmPmcg *p, unsigned n, uint64_t value)
{
    p->regs.inten &= ~value;
}

static uint64_t read_ovs(SmmuPmPmcg *p, unsigned n)
{
    return p->regs.ovs;
}

static void write_ovsclr(SmmuPmPmcg *p, unsigned n, uint64_t value)
{
    p->regs.ovs &= ~value;
}

static void write_ovsset(SmmuPmPmcg *p, unsigned n, uint64_t value)
{
    uint64_t set = value & p->impl & ~p->regs.ovs;

    if (set) {
        smmu_pm_pmcg_ovs_set(p, set);
    }
}

/* ---- Configuration, control, identification ---------------------------- */

static uint64_t read_cfgr(SmmuPmPmcg *p, unsigned n)
{
    uint32_t v = 0;

    v = FIELD_DP32(v, PMCG_CFGR, NCTR, p->cfg.counters - 1);
    v = FIELD_DP32(v, PMCG_CFGR, SIZE, p->cfg.counter_bits - 1);
    v = FIELD_DP32(v, PMCG_CFGR, RELOC_CTRS, p->cfg.reloc_ctrs);
    v = FIELD_DP32(v, PMCG_CFGR, MSI, p->cfg.msi);
    v = FIELD_DP32(v, PMCG_CFGR, CAPTURE, p->cfg.capture);
    v = FIELD_DP32(v, PMCG_CFGR, SID_FILTER_TYPE, p->cfg.global_filter);
    return v;
}

static uint64_t read_cr(SmmuPmPmcg *p, unsigned n)
{
    return p->regs.cr;
}

static void write_cr(SmmuPmPmcg *p, unsigned n, uint64_t value)
{
    p->regs.cr = value & R_PMCG_CR_E_MASK;
}

static uint64_t read_iidr(SmmuPmPmcg *p, unsigned n)
{
    return p->cfg.identity.iidr;
}

static uint64_t read_aidr(SmmuPmPmcg *p, unsigned n)
{
    return p->cfg.identity.aidr;
}

static uint64_t read_ceid(SmmuPmPmcg *p, unsigned n)
{
    return smmu_pm_pmcg_ceid(p, n);
}

/* PIDR4-7 then PIDR0-3, as they lie in the page */
static uint64_t read_pidr4(SmmuPmPmcg *p, unsigned n)
{
    return p->cfg.identity.pidr[4 + n];
}

static uint64_t read_pidr0(SmmuPmPmcg *p, unsigned n)
{
    return p->cfg.identity.pidr[n];
}

static uint64_t read_cidr(SmmuPmPmcg *p, unsigned n)
{
    /* CoreSight component class 0xF: generic IP, preamble 0xB105_000D */
    static const uint8_t cidr[4] = { 0x0d, 0xf0, 0x05, 0xb1 };

    return cidr[n];
}

/* ---- The overflow interrupt --------------------------------------------- */

/* IRQ_CTRLACK follows at once: nothing here takes time to update */
static uint64_t read_irq_ctrl(SmmuPmPmcg *p, unsigned n)
{
    return p->regs.irq_ctrl;
}

static void write_irq_ctrl(SmmuPmPmcg *p, unsigned n, uint64_t value)
{
    p->regs.irq_ctrl = value & R_PMCG_IRQ_CTRL_IRQEN_MASK;
    p->regs.irq_ctrlack = p->regs.irq_ctrl;
}

static uint64_t read_irq_ctrlack(SmmuPmPmcg *p, unsigned n)
{
    return p->regs.irq_ctrlack;
}

/*
 * Changing where the interrupt goes while it is enabled is CONSTRAINED
 * UNPREDICTABLE: the model keeps the old value and says so
 */
static bool irq_cfg_writable(SmmuPmPmcg *p, const char *name)
{
    if (!FIELD_EX32(p->regs.irq_ctrlack, PMCG_IRQ_CTRL, IRQEN)) {
        return true;
    }
    smmu_pm_pmcg_log(p, SMMU_PM_LOG_GUEST_ERROR, "PMCG %s written with "
                     "IRQ_CTRL.IRQEN=1: ignored", name);
    return false;
}

static uint64_t read_irq_cfg0(SmmuPmPmcg *p, unsigned n)
{
    return p->regs.irq_cfg0;
}

static void write_irq_cfg0(SmmuPmPmcg *p, unsigned n, uint64_t value)
{
    if (irq_cfg_writable(p, "IRQ_CFG0")) {
        p->regs.irq_cfg0 = value & R_PMCG_IRQ_CFG0_ADDR_MASK;
    }
}

static uint64_t read_irq_cfg1(SmmuPmPmcg *p, unsigned n)
{
    return p->regs.irq_cfg1;
}

static void write_irq_cfg1(SmmuPmPmcg *p, unsigned n, uint64_t value)
{
    if (irq_cfg_writable(p, "IRQ_CFG1")) {
        p->regs.irq_cfg1 = value;
    }
}

static uint64_t read_irq_cfg2(SmmuPmPmcg *p, unsigned n)
{
    return p->regs.irq_cfg2;
}

static void write_irq_cfg2(SmmuPmPmcg *p, unsigned n, uint64_t value)
{
    if (irq_cfg_writable(p, "IRQ_CFG2")) {
        p->regs.irq_cfg2 = value & (R_PMCG_IRQ_CFG2_MEMATTR_MASK |
                                    R_PMCG_IRQ_CFG2_SH_MASK);
    }
}

/* ---- The table ---------------------------------------------------------- */

#define ONES(nm, off, rel, rd, wr) \
    { .name = nm, .offset = off, .count = 1, .width = 8, .reloc = rel, \
      .ones = true, .read = rd, .write = wr }
#define ARRAY(nm, off, w, rel, pres, rd, wr) \
    { .name = nm, .offset = off, .count = 0, .width = w, .reloc = rel, \
      .present = pres, .read = rd, .write = wr }
#define REG(nm, off, w, rel, pres, rd, wr) \
    { .name = nm, .offset = off, .count = 1, .width = w, .reloc = rel, \
      .present = pres, .read = rd, .write = wr }
#define ID4(nm, off, rd) \
    { .name = nm, .offset = off, .count = 4, .width = 4, .read = rd }

static const RegDesc regs[] = {
    ARRAY("EVCNTR", A_PMCG_EVCNTR0, 0, true, NULL, read_evcntr,
          write_evcntr),
    ARRAY("EVTYPER", A_PMCG_EVTYPER0, 4, false, NULL, read_evtyper,
          write_evtyper),
    ARRAY("SVR", A_PMCG_SVR0, 0, true, has_capture, read_svr, NULL),
    ARRAY("SMR", A_PMCG_SMR0, 4, false, has_smr, read_smr, write_smr),
    ONES("CNTENSET0", A_PMCG_CNTENSET0, false, read_cnten, write_cntenset),
    ONES("CNTENCLR0", A_PMCG_CNTENCLR0, false, read_cnten, write_cntenclr),
    ONES("INTENSET0", A_PMCG_INTENSET0, false, read_inten, write_intenset),
    ONES("INTENCLR0", A_PMCG_INTENCLR0, false, read_inten, write_intenclr),
    ONES("OVSCLR0", A_PMCG_OVSCLR0, true, read_ovs, write_ovsclr),
    ONES("OVSSET0", A_PMCG_OVSSET0, true, read_ovs, write_ovsset),
    REG("CAPR", A_PMCG_CAPR, 4, true, has_capture, read_zero, write_capr),
    REG("SCR", A_PMCG_SCR, 4, false, never, read_zero, NULL),
    REG("CFGR", A_PMCG_CFGR, 4, false, NULL, read_cfgr, NULL),
    REG("CR", A_PMCG_CR, 4, false, NULL, read_cr, write_cr),
    REG("IIDR", A_PMCG_IIDR, 4, false, NULL, read_iidr, NULL),
    { .name = "CEID", .offset = A_PMCG_CEID0, .count = 2, .width = 8,
      .read = read_ceid },
    REG("IRQ_CTRL", A_PMCG_IRQ_CTRL, 4, false, NULL, read_irq_ctrl,
        write_irq_ctrl),
    REG("IRQ_CTRLACK", A_PMCG_IRQ_CTRLACK, 4, false, NULL, read_irq_ctrlack,
        NULL),
    REG("IRQ_CFG0", A_PMCG_IRQ_CFG0, 8, false, has_msi, read_irq_cfg0,
        write_irq_cfg0),
    REG("IRQ_CFG1", A_PMCG_IRQ_CFG1, 4, false, has_msi, read_irq_cfg1,
        write_irq_cfg1),
    REG("IRQ_CFG2", A_PMCG_IRQ_CFG2, 4, false, has_msi, read_irq_cfg2,
        write_irq_cfg2),
    REG("AIDR", A_PMCG_AIDR, 4, false, NULL, read_aidr, NULL),
    ID4("PIDR", A_PMCG_PIDR4, read_pidr4),
    ID4("PIDR", A_PMCG_PIDR0, read_pidr0),
    ID4("CIDR", A_PMCG_CIDR0, read_cidr),
};

/* The element of @r that @offset falls in; false if none */
static bool find_in(const SmmuPmPmcg *p, const RegDesc *r, uint64_t offset,
                    Access *a)
{
    unsigned width = r->width ? r->width : counter_width(p);
    unsigned count = r->count ? r->count : p->cfg.counters;
    unsigned n;

    if (offset < r->offset || offset >= r->offset + count * width) {
        return false;
    }
    n = (offset - r->offset) / width;
    a->r = r;
    a->n = n;
    a->offset = r->offset + n * width;
    a->width = width;
    if (r->count == 1) {
        snprintf(a->name, sizeof(a->name), "%s", r->name);
    } else if (r->read == read_pidr4) {
        snprintf(a->name, sizeof(a->name), "PIDR%u", 4 + n);
    } else {
        snprintf(a->name, sizeof(a->name), "%s%u", r->name, n);
    }
    return true;
}

static bool find(const SmmuPmPmcg *p, uint64_t offset, Access *a)
{
    for (unsigned i = 0; i < G_N_ELEMENTS(regs); i++) {
        if (find_in(p, &regs[i], offset, a)) {
            return true;
        }
    }
    return false;
}

/* ---- Access ------------------------------------------------------------- */

/*
 * Decide whether an access reaches a register: the page it lives in,
 * 32-bit accesses to 32-bit registers, 32-bit or 64-bit accesses to
 * 64-bit registers, naturally aligned.  Everything else is RAZ/WI, and
 * a guest error; a register this configuration does not implement is
 * RES0, which is legal to access.
 */
static bool decode(SmmuPmPmcg *p, unsigned page, uint64_t offset,
                   unsigned size, bool is_write, Access *a)
{
    const char *dir = is_write ? "write" : "read";

    if (page > 1 || offset >= SMMU_PMCG_PAGE_SIZE ||
        !find(p, offset, a) ||
        page != (a->r->reloc && p->cfg.reloc_ctrs)) {
        smmu_pm_pmcg_log(p, SMMU_PM_LOG_GUEST_ERROR, "PMCG %u-byte %s at "
                         "reserved offset 0x%" PRIx64 " of page %u: RAZ/WI",
                         size, dir, offset, page);
        return false;
    }
    if ((size != 4 && size != 8) || size > a->width ||
        (offset & (size - 1))) {
        smmu_pm_pmcg_log(p, SMMU_PM_LOG_GUEST_ERROR, "PMCG %u-byte %s at "
                         "0x%" PRIx64 " (%s, %u-bit register): access size "
                         "or alignment not allowed, RAZ/WI", size, dir,
                         offset, a->name, a->width * 8);
        return false;
    }
    if (a->r->present && !a->r->present(p, a->n)) {
        smmu_pm_pmcg_log(p, SMMU_PM_LOG_INFO, "PMCG %s of %s: RES0 in this "
                         "configuration (RAZ/WI)", dir, a->name);
        return false;
    }
    return true;
}

uint64_t smmu_pm_pmcg_read(SmmuPmPmcg *p, unsigned page, uint64_t offset,
                           unsigned size)
{
    Access a;
    uint64_t value;

    if (!decode(p, page, offset, size, false, &a)) {
        return 0;
    }
    value = a.r->read(p, a.n);
    if (size < a.width) {
        value = (uint32_t)(value >> ((offset - a.offset) * 8));
    }
    return value;
}

void smmu_pm_pmcg_write(SmmuPmPmcg *p, unsigned page, uint64_t offset,
                        uint64_t value, unsigned size)
{
    Access a;

    if (!decode(p, page, offset, size, true, &a)) {
        return;
    }
    if (!a.r->write) {
        smmu_pm_pmcg_log(p, SMMU_PM_LOG_GUEST_ERROR, "PMCG write of 0x%"
                         PRIx64 " to read-only register %s ignored", value,
                         a.name);
        return;
    }
    if (size < a.width) {
        unsigned shift = (offset - a.offset) * 8;
        uint64_t old = a.r->ones ? 0 : a.r->read(p, a.n);

        value = (old & ~(0xffffffffULL << shift)) |
                ((value & 0xffffffffULL) << shift);
    }
    a.r->write(p, a.n, value);
    p->regs_lost = false;
}
