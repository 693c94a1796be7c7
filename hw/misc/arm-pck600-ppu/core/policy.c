/*
 * arm-pck600-ppu core: the policy sequencer and the interrupt events
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
#include <glib.h>

#include "ppu-internal.h"

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

void ppu_report(Ppu *p, const char *msg)
{
    p->guest_errors++;
    if (p->ops && p->ops->guest_error) {
        p->ops->guest_error(p->opaque, msg);
    }
}

void ppu_guest_error(Ppu *p, unsigned dom, const char *fmt, ...)
{
    g_autofree char *what = NULL;
    g_autofree char *msg = NULL;
    va_list ap;

    va_start(ap, fmt);
    what = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    msg = g_strdup_printf("domain %u (%s): %s", dom,
                          p->cfg.domains.names[dom], what);
    ppu_report(p, msg);
}

/* ---- Interrupts -------------------------------------------------------- */

bool ppu_irq_level(const Ppu *p, unsigned dom)
{
    return p->d[dom].isr || p->d[dom].aisr;
}

void ppu_set_status(Ppu *p, unsigned dom, uint32_t isr, uint32_t aisr)
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
        ppu_set_status(p, dom, d->isr | bit, d->aisr);
    }
}

/* An AISR event, unless AIMR masks it */
static void aisr_event(Ppu *p, unsigned dom, uint32_t bit)
{
    PpuDomain *d = &p->d[dom];

    if (!(d->aimr & bit)) {
        ppu_set_status(p, dom, d->isr, d->aisr | bit);
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
    ppu_guest_error(p, dom, "PWPR policy %s%s (PWR_POLICY 0x%x, PWR_DYN_EN "
                    "%d) is not supported (PPU_IDR0 0x%08x: static OFF and "
                    "ON only): not acted on, PWSR stays %s, "
                    "AISR.UNSPT_POLICY_IRQ %s", dynamic ? "dynamic " : "",
                    ppu_mode_name(mode), mode, dynamic, PPU_IDR0_VALUE,
                    ppu_mode_name(status_mode(d)),
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

void ppu_apply_policy(Ppu *p, unsigned dom, bool written)
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
    ppu_apply_policy(p, dom, false);
}

void ppu_unlock(Ppu *p, unsigned dom)
{
    PpuDomain *d = &p->d[dom];

    if (FIELD_EX32(d->pwsr, PPU_PWSR, LOCK_STATUS)) {
        d->pwsr = FIELD_DP32(d->pwsr, PPU_PWSR, LOCK_STATUS, 0);
        ppu_apply_policy(p, dom, false);
    }
}
