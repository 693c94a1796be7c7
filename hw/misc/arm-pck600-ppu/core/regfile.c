/*
 * arm-pck600-ppu core: the register blocks
 *
 * One table describes every register of a PPU block (DEN 0051E and
 * Allwinner's delay registers): its offset, where its state lives, the
 * bits software can write and the handler of a write with side effects.
 * Accesses to reserved offsets, read-only registers, unimplemented bits
 * and blocks past the last domain are guest errors, answered as the
 * hardware would: read as zero, write ignored.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <stddef.h>
#include <string.h>
#include <glib.h>

#include "ppu-internal.h"

/* ---- Register writes with side effects --------------------------------- */

static void write_pwpr(Ppu *p, unsigned dom, uint32_t v)
{
    p->d[dom].pwpr = v;
    ppu_apply_policy(p, dom, true);
}

static void write_unlk(Ppu *p, unsigned dom, uint32_t v)
{
    if (v & R_PPU_UNLK_UNLOCK_MASK) {
        ppu_unlock(p, dom);
    }
}

/* Write 1 to clear; OTHER_IRQ follows AISR and is not cleared here */
static void write_isr(Ppu *p, unsigned dom, uint32_t v)
{
    ppu_set_status(p, dom, p->d[dom].isr & ~v, p->d[dom].aisr);
}

static void write_aisr(Ppu *p, unsigned dom, uint32_t v)
{
    ppu_set_status(p, dom, p->d[dom].isr, p->d[dom].aisr & ~v);
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
    if (*dom < p->cfg.domains.num) {
        return true;
    }
    msg = g_strdup_printf("%s at 0x%x: no domain %u (domains 0 to %u, one "
                          "0x%x block each): %s", access, offset, *dom,
                          p->cfg.domains.num - 1, PPU_BLOCK_SIZE,
                          !strcmp(access, "read") ? "reads as zero" :
                          "ignored");
    ppu_report(p, msg);
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
        ppu_guest_error(p, dom, "read of reserved offset 0x%03x: reads as "
                        "zero", offset % PPU_BLOCK_SIZE);
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
        ppu_guest_error(p, dom, "write 0x%x to reserved offset 0x%03x: "
                        "ignored", value, offset % PPU_BLOCK_SIZE);
        return;
    }
    if (r->ro) {
        ppu_guest_error(p, dom, "write 0x%x to %s (0x%03x), a read-only "
                        "register: ignored", value, r->name, r->offset);
        return;
    }
    if (value & ~r->wmask) {
        ppu_guest_error(p, dom, "write 0x%x to %s (0x%03x): bits 0x%x are "
                        "not implemented (RES0): ignored", value, r->name,
                        r->offset, value & ~r->wmask);
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
    const DomainSet *set = &p->cfg.domains;

    for (unsigned i = 0; i < set->num; i++) {
        reset_domain(&p->d[i], set->on_at_reset[i]);
        if (p->ops && p->ops->power_changed) {
            p->ops->power_changed(p->opaque, i, set->on_at_reset[i]);
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
    for (unsigned i = 0; i < cfg->domains.num; i++) {
        reset_domain(&p->d[i], cfg->domains.on_at_reset[i]);
    }
}
