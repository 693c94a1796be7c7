/*
 * arm-pck600-ppu core: the register blocks and the policy sequencer
 *
 * Only static transitions between OFF and ON are implemented (IDR0):
 * any other policy, or a dynamic one, is an unsupported policy (DEN 0051
 * AISR.UNSPT_POLICY_IRQ): the PPU does not act on it and the domain
 * stays in the mode PWSR reports.  With PWPR.LOCK_EN set, entering OFF
 * locks the PPU there until software writes PPU_UNLK.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <glib.h>

#include "ppu.h"

/* ---- Names ------------------------------------------------------------- */

static const char *const mode_names[] = {
    [PPU_MODE_OFF] = "OFF",
    [PPU_MODE_OFF_EMU] = "OFF_EMU",
    [PPU_MODE_MEM_RET] = "MEM_RET",
    [PPU_MODE_MEM_RET_EMU] = "MEM_RET_EMU",
    [PPU_MODE_LOGIC_RET] = "LOGIC_RET",
    [PPU_MODE_FULL_RET] = "FULL_RET",
    [PPU_MODE_MEM_OFF] = "MEM_OFF",
    [PPU_MODE_FUNC_RET] = "FUNC_RET",
    [PPU_MODE_ON] = "ON",
    [PPU_MODE_WARM_RST] = "WARM_RST",
    [PPU_MODE_DBG_RECOV] = "DBG_RECOV",
};

const char *ppu_mode_name(uint32_t mode)
{
    return mode < G_N_ELEMENTS(mode_names) ? mode_names[mode] : "reserved";
}

static void report(Ppu *p, const char *msg)
{
    p->guest_errors++;
    if (p->ops && p->ops->guest_error) {
        p->ops->guest_error(p->opaque, msg);
    }
}

/* Something software got wrong with @dom's PPU */
static void guest_error(Ppu *p, unsigned dom, const char *fmt, ...)
    G_GNUC_PRINTF(3, 4);

static void guest_error(Ppu *p, unsigned dom, const char *fmt, ...)
{
    g_autofree char *what = NULL;
    g_autofree char *msg = NULL;
    va_list ap;

    va_start(ap, fmt);
    what = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    msg = g_strdup_printf("domain %u (%s): %s", dom, p->cfg.names[dom],
                          what);
    report(p, msg);
}

/* ---- Interrupts -------------------------------------------------------- */

bool ppu_irq_level(const Ppu *p, unsigned dom)
{
    return p->d[dom].isr || p->d[dom].aisr;
}

/* Set or clear status bits, then tell the host if the output moved */
static void update_status(Ppu *p, unsigned dom, uint32_t isr, uint32_t aisr)
{
    bool old = ppu_irq_level(p, dom);

    p->d[dom].isr = isr;
    p->d[dom].aisr = aisr;
    if (old != ppu_irq_level(p, dom) && p->ops && p->ops->irq_changed) {
        p->ops->irq_changed(p->opaque, dom, !old);
    }
}

/* An ISR event: recorded unless IMR masks it (the bits line up) */
static void isr_event(Ppu *p, unsigned dom, uint32_t bit)
{
    PpuDomain *d = &p->d[dom];

    if (!(d->imr & bit)) {
        update_status(p, dom, d->isr | bit, d->aisr);
    }
}

/* An AISR event, unless AIMR masks it */
static void aisr_event(Ppu *p, unsigned dom, uint32_t bit)
{
    PpuDomain *d = &p->d[dom];

    if (!(d->aimr & bit)) {
        update_status(p, dom, d->isr, d->aisr | bit);
    }
}

/* ---- The policy sequencer ---------------------------------------------- */

static uint32_t status_mode(const PpuDomain *d)
{
    return FIELD_EX32(d->pwsr, PPU_PWSR, PWR_STATUS);
}

bool ppu_domain_on(const Ppu *p, unsigned dom)
{
    return status_mode(&p->d[dom]) == PPU_MODE_ON;
}

/*
 * IDR0 has one static support bit per mode from STA_OFF_SPT (OFF) to
 * STA_DBG_RECOV_SPT, and one dynamic support bit per mode from
 * DYN_OFF_SPT (OFF) to DYN_WRM_RST_SPT, in mode order
 */
static bool mode_supported(uint32_t mode, bool dynamic)
{
    unsigned bit = dynamic ? R_PPU_IDR0_DYN_OFF_SPT_SHIFT + mode
                           : R_PPU_IDR0_STA_OFF_SPT_SHIFT + mode;

    if (mode > (dynamic ? PPU_MODE_WARM_RST : PPU_MODE_DBG_RECOV)) {
        return false;
    }
    return PPU_IDR0_VALUE & (1u << bit);
}

static void refuse_policy(Ppu *p, unsigned dom, uint32_t mode, bool dynamic)
{
    PpuDomain *d = &p->d[dom];

    d->unsupported++;
    aisr_event(p, dom, R_PPU_AISR_UNSPT_POLICY_IRQ_MASK);
    guest_error(p, dom, "PWPR policy %s%s (PWR_POLICY 0x%x, PWR_DYN_EN %d) "
                "is not supported (PPU_IDR0 0x%08x: static OFF and ON "
                "only): not acted on, PWSR stays %s, AISR.UNSPT_POLICY_IRQ "
                "%s", dynamic ? "dynamic " : "", ppu_mode_name(mode), mode,
                dynamic, PPU_IDR0_VALUE, ppu_mode_name(status_mode(d)),
                (d->aimr & R_PPU_AISR_UNSPT_POLICY_IRQ_MASK) ?
                "masked" : "set");
}

static void start_transition(Ppu *p, unsigned dom, uint32_t mode)
{
    PpuDomain *d = &p->d[dom];

    d->busy = true;
    d->target = mode;
    if (!p->cfg.latency_ns || !p->ops || !p->ops->schedule) {
        ppu_transition_done(p, dom);
    } else {
        p->ops->schedule(p->opaque, dom, p->cfg.latency_ns);
    }
}

/*
 * Act on the policy: start a transition towards it unless one is in
 * flight (the PPU looks again when it ends), the PPU is locked, or the
 * domain is there already.  @written: software just wrote it.
 */
static void apply_policy(Ppu *p, unsigned dom, bool written)
{
    PpuDomain *d = &p->d[dom];
    uint32_t mode = FIELD_EX32(d->pwpr, PPU_PWPR, PWR_POLICY);
    bool dynamic = FIELD_EX32(d->pwpr, PPU_PWPR, PWR_DYN_EN);

    if (!mode_supported(mode, dynamic)) {
        if (written) {
            refuse_policy(p, dom, mode, dynamic);
        }
        return;
    }
    if (d->busy || FIELD_EX32(d->pwsr, PPU_PWSR, LOCK_STATUS) ||
        mode == status_mode(d)) {
        return;
    }
    start_transition(p, dom, mode);
}

void ppu_transition_done(Ppu *p, unsigned dom)
{
    PpuDomain *d = &p->d[dom];
    bool was_on = ppu_domain_on(p, dom);

    if (!d->busy) {
        return;                 /* dropped by a reset */
    }
    d->busy = false;
    d->pwsr = FIELD_DP32(d->pwsr, PPU_PWSR, PWR_STATUS, d->target);
    if (was_on != ppu_domain_on(p, dom)) {
        if (was_on) {
            d->power_off++;
        } else {
            d->power_on++;
        }
        if (p->ops && p->ops->power_changed) {
            p->ops->power_changed(p->opaque, dom, !was_on);
        }
    }
    /* the device (always) accepted; the policy may have moved meanwhile */
    isr_event(p, dom, R_PPU_ISR_STA_ACCEPT_IRQ_MASK);
    if (d->target == FIELD_EX32(d->pwpr, PPU_PWPR, PWR_POLICY)) {
        isr_event(p, dom, R_PPU_ISR_STA_POLICY_TRN_IRQ_MASK);
    }
    if (d->target == PPU_MODE_OFF && FIELD_EX32(d->pwpr, PPU_PWPR, LOCK_EN)) {
        d->pwsr = FIELD_DP32(d->pwsr, PPU_PWSR, LOCK_STATUS, 1);
        isr_event(p, dom, R_PPU_ISR_LOCKED_IRQ_MASK);
    }
    apply_policy(p, dom, false);
}

/* ---- Register writes with side effects --------------------------------- */

static void write_pwpr(Ppu *p, unsigned dom, uint32_t v)
{
    p->d[dom].pwpr = v;
    apply_policy(p, dom, true);
}

static void write_unlk(Ppu *p, unsigned dom, uint32_t v)
{
    PpuDomain *d = &p->d[dom];

    if (v & R_PPU_UNLK_UNLOCK_MASK &&
        FIELD_EX32(d->pwsr, PPU_PWSR, LOCK_STATUS)) {
        d->pwsr = FIELD_DP32(d->pwsr, PPU_PWSR, LOCK_STATUS, 0);
        apply_policy(p, dom, false);
    }
}

/* Write 1 to clear; OTHER_IRQ follows AISR and is not cleared here */
static void write_isr(Ppu *p, unsigned dom, uint32_t v)
{
    update_status(p, dom, p->d[dom].isr & ~v, p->d[dom].aisr);
}

static void write_aisr(Ppu *p, unsigned dom, uint32_t v)
{
    update_status(p, dom, p->d[dom].isr, p->d[dom].aisr & ~v);
}

static uint32_t read_isr(Ppu *p, unsigned dom)
{
    return p->d[dom].isr |
           (p->d[dom].aisr ? R_PPU_ISR_OTHER_IRQ_MASK : 0);
}

/* ---- The register block ------------------------------------------------ */

#define NO_FIELD (-1)

typedef struct PpuRegDesc {
    uint32_t offset;
    const char *name;
    ptrdiff_t field;            /* in PpuDomain, or NO_FIELD: constant */
    uint32_t value;             /* the constant */
    bool ro;                    /* a write is a guest error */
    uint32_t wmask;             /* implemented writable bits */
    void (*write)(Ppu *p, unsigned dom, uint32_t v);   /* NULL: store */
    uint32_t (*read)(Ppu *p, unsigned dom);            /* NULL: load */
} PpuRegDesc;

#define REG(reg) .offset = A_PPU_ ## reg, .name = #reg
#define RW(reg, f, mask, ...) \
    { REG(reg), .field = offsetof(PpuDomain, f), .wmask = (mask), \
      __VA_ARGS__ }
#define RO(reg, f) \
    { REG(reg), .field = offsetof(PpuDomain, f), .ro = true }
#define CONST(reg, v) \
    { REG(reg), .field = NO_FIELD, .value = (v), .ro = true }
/* An architected register whose every bit is unimplemented here */
#define RES0(reg) \
    { REG(reg), .field = NO_FIELD }

/* Arm's identification, derived from PPU_IIDR (JEP106 0x3b, bank 4) */
#define PPU_PIDR0       0xb6u   /* product ID [7:0] */
#define PPU_PIDR1       0xb0u   /* JEP106 ID [3:0], product ID [11:8] */
#define PPU_PIDR2       0x0bu   /* revision 0, JEDEC, JEP106 ID [6:4] */
#define PPU_PIDR4       0x04u   /* one 4 KiB page, JEP106 continuation 4 */

static const PpuRegDesc ppu_regs[] = {
    RW(PWPR, pwpr, R_PPU_PWPR_PWR_POLICY_MASK | R_PPU_PWPR_PWR_DYN_EN_MASK |
                   R_PPU_PWPR_LOCK_EN_MASK, .write = write_pwpr),
    RES0(PMER),                 /* no emulated modes */
    RO(PWSR, pwsr),
    CONST(DISR, 0),             /* the device interface is not modelled */
    CONST(MISR, 0),
    CONST(STSR, 0),
    { REG(UNLK), .field = NO_FIELD, .wmask = R_PPU_UNLK_UNLOCK_MASK,
      .write = write_unlk },
    RW(PWCR, pwcr, 0x1u | R_PPU_PWCR_PWR_DEVACTIVEEN_MASK),
    RW(PTCR, ptcr, R_PPU_PTCR_WARM_RST_DEVREQEN_MASK |
                   R_PPU_PTCR_DBG_RECOV_PORST_EN_MASK),
    RW(IMR, imr, 0x3fu),
    RW(AIMR, aimr, 0x1fu),
    RW(ISR, isr, 0xffffffffu, .write = write_isr, .read = read_isr),
    RW(AISR, aisr, 0xffffffffu, .write = write_aisr),
    RW(IESR, iesr, 0x3fffffu),
    RES0(OPSR),                 /* no operating modes */
    RW(DCDR0, dcdr0, 0xffffffu),
    RW(DCDR1, dcdr1, 0xffffu),
    RW(SUNXI_LPSDR0, sunxi_lpsdr0, 0xffffffffu),
    RW(SUNXI_LPSDR1, sunxi_lpsdr1, 0xffffffffu),
    RW(SUNXI_OFF2ON, sunxi_off2on, 0xffffffffu),
    CONST(IDR0, PPU_IDR0_VALUE),
    CONST(IDR1, PPU_IDR1_VALUE),
    CONST(IIDR, PPU_IIDR_VALUE),
    CONST(AIDR, PPU_AIDR_VALUE),
    CONST(PIDR4, PPU_PIDR4),
    CONST(PIDR5, 0),
    CONST(PIDR6, 0),
    CONST(PIDR7, 0),
    CONST(PIDR0, PPU_PIDR0),
    CONST(PIDR1, PPU_PIDR1),
    CONST(PIDR2, PPU_PIDR2),
    CONST(PIDR3, 0),
    CONST(CIDR0, 0x0d),
    CONST(CIDR1, 0xf0),
    CONST(CIDR2, 0x05),
    CONST(CIDR3, 0xb1),
};

static const PpuRegDesc *find_reg(uint32_t off)
{
    for (unsigned i = 0; i < G_N_ELEMENTS(ppu_regs); i++) {
        if (ppu_regs[i].offset == off) {
            return &ppu_regs[i];
        }
    }
    return NULL;
}

const char *ppu_reg_name(uint32_t offset)
{
    const PpuRegDesc *r = find_reg(offset % PPU_BLOCK_SIZE);

    return r ? r->name : "reserved";
}

static uint32_t *reg_field(Ppu *p, unsigned dom, const PpuRegDesc *r)
{
    return (uint32_t *)((char *)&p->d[dom] + r->field);
}

/* The domain whose block holds @offset; false (logged) if there is none */
static bool find_domain(Ppu *p, uint32_t offset, const char *access,
                        unsigned *dom)
{
    g_autofree char *msg = NULL;

    *dom = offset / PPU_BLOCK_SIZE;
    if (*dom < p->cfg.num_domains) {
        return true;
    }
    msg = g_strdup_printf("%s at 0x%x: no domain %u (domains 0 to %u, one "
                          "0x%x block each): %s", access, offset, *dom,
                          p->cfg.num_domains - 1, PPU_BLOCK_SIZE,
                          !strcmp(access, "read") ? "reads as zero" :
                          "ignored");
    report(p, msg);
    return false;
}

uint32_t ppu_read(Ppu *p, uint32_t offset)
{
    const PpuRegDesc *r;
    unsigned dom;

    if (!find_domain(p, offset, "read", &dom)) {
        return 0;
    }
    r = find_reg(offset % PPU_BLOCK_SIZE);
    if (!r) {
        guest_error(p, dom, "read of reserved offset 0x%03x: reads as zero",
                    offset % PPU_BLOCK_SIZE);
        return 0;
    }
    if (r->read) {
        return r->read(p, dom);
    }
    return r->field == NO_FIELD ? r->value : *reg_field(p, dom, r);
}

void ppu_write(Ppu *p, uint32_t offset, uint32_t value)
{
    const PpuRegDesc *r;
    unsigned dom;

    if (!find_domain(p, offset, "write", &dom)) {
        return;
    }
    r = find_reg(offset % PPU_BLOCK_SIZE);
    if (!r) {
        guest_error(p, dom, "write 0x%x to reserved offset 0x%03x: ignored",
                    value, offset % PPU_BLOCK_SIZE);
        return;
    }
    if (r->ro) {
        guest_error(p, dom, "write 0x%x to %s (0x%03x), a read-only "
                    "register: ignored", value, r->name, r->offset);
        return;
    }
    if (value & ~r->wmask) {
        guest_error(p, dom, "write 0x%x to %s (0x%03x): bits 0x%x are not "
                    "implemented (RES0): ignored", value, r->name, r->offset,
                    value & ~r->wmask);
    }
    value &= r->wmask;
    if (r->write) {
        r->write(p, dom, value);
    } else if (r->field != NO_FIELD) {
        *reg_field(p, dom, r) = value;
    }
}

/* ---- Life cycle -------------------------------------------------------- */

static void reset_domain(PpuDomain *d, bool on)
{
    uint32_t mode = on ? PPU_MODE_ON : PPU_MODE_OFF;
    uint64_t power_on = d->power_on, power_off = d->power_off;
    uint64_t unsupported = d->unsupported;

    memset(d, 0, sizeof(*d));
    d->pwpr = FIELD_DP32(0, PPU_PWPR, PWR_POLICY, mode);
    d->pwsr = FIELD_DP32(0, PPU_PWSR, PWR_STATUS, mode);
    d->pwcr = PPU_PWCR_RESET;
    d->imr = PPU_IMR_RESET;
    d->aimr = PPU_AIMR_RESET;
    /* the counters cover the whole run */
    d->power_on = power_on;
    d->power_off = power_off;
    d->unsupported = unsupported;
}

void ppu_reset(Ppu *p)
{
    for (unsigned i = 0; i < p->cfg.num_domains; i++) {
        reset_domain(&p->d[i], p->cfg.on_at_reset[i]);
        if (p->ops && p->ops->power_changed) {
            p->ops->power_changed(p->opaque, i, p->cfg.on_at_reset[i]);
        }
    }
}

void ppu_init(Ppu *p, const PpuConfig *cfg, const PpuHostOps *ops,
              void *opaque)
{
    memset(p, 0, sizeof(*p));
    p->cfg = *cfg;
    p->ops = ops;
    p->opaque = opaque;
    for (unsigned i = 0; i < cfg->num_domains; i++) {
        reset_domain(&p->d[i], cfg->on_at_reset[i]);
    }
}
