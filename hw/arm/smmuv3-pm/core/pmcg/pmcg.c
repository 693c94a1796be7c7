/*
 * arm-smmuv3-pm core: the PMCG's counting, overflow, interrupt and power
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <inttypes.h>
#include <stdarg.h>
#include <string.h>
#include <glib.h>

#include "hw/arm/smmuv3-pm/core/pmcg/pmcg.h"
#include "hw/arm/smmuv3-pm/core/pmcg/pmcg-regs.h"

/* ---- Configuration ------------------------------------------------------ */

bool smmu_pm_pmcg_config_valid(const SmmuPmPmcgConfig *cfg, char **errmsg)
{
    if (cfg->counters < 1 || cfg->counters > SMMU_PM_PMCG_MAX_COUNTERS) {
        *errmsg = g_strdup_printf("pmcg-counters must be from 1 to %u "
                                  "(got %u)", SMMU_PM_PMCG_MAX_COUNTERS,
                                  cfg->counters);
        return false;
    }
    if (cfg->counter_bits < SMMU_PM_PMCG_MIN_COUNTER_BITS ||
        cfg->counter_bits > SMMU_PM_PMCG_MAX_COUNTER_BITS) {
        *errmsg = g_strdup_printf("pmcg-counter-bits must be from %u to %u "
                                  "(got %u)", SMMU_PM_PMCG_MIN_COUNTER_BITS,
                                  SMMU_PM_PMCG_MAX_COUNTER_BITS,
                                  cfg->counter_bits);
        return false;
    }
    return true;
}

/* ---- Life cycle --------------------------------------------------------- */

/*
 * The architecture leaves most reset values UNKNOWN (the counters, their
 * types and filters, the enables, OVS, IRQ_CFGn); CR.E and IRQ_CTRL.IRQEN
 * reset to 0.  Zero everywhere is one of the allowed choices, and the
 * one a test can rely on.
 */
static void reset_regs(SmmuPmPmcg *p)
{
    memset(&p->regs, 0, sizeof(p->regs));
}

SmmuPmPmcg *smmu_pm_pmcg_new(const SmmuPmPmcgConfig *cfg,
                             const SmmuPmPmcgOps *ops, void *opaque)
{
    SmmuPmPmcg *p = g_new0(SmmuPmPmcg, 1);
    g_autofree char *err = NULL;

    g_assert(smmu_pm_pmcg_config_valid(cfg, &err));
    p->cfg = *cfg;
    p->ops = ops;
    p->opaque = opaque;
    p->impl = cfg->counters == 64 ? UINT64_MAX : (1ull << cfg->counters) - 1;
    p->max = cfg->counter_bits == 64 ? UINT64_MAX
                                     : (1ull << cfg->counter_bits) - 1;
    p->powered = true;
    reset_regs(p);
    return p;
}

void smmu_pm_pmcg_free(SmmuPmPmcg *p)
{
    g_free(p);
}

void smmu_pm_pmcg_reset(SmmuPmPmcg *p)
{
    reset_regs(p);
    p->lose_regs = false;
    p->regs_lost = false;
}

const SmmuPmPmcgStats *smmu_pm_pmcg_stats(const SmmuPmPmcg *p)
{
    return &p->stats;
}

void smmu_pm_pmcg_log(SmmuPmPmcg *p, SmmuPmLogKind kind, const char *fmt,
                      ...)
{
    g_autofree char *msg = NULL;
    va_list ap;

    if (kind == SMMU_PM_LOG_GUEST_ERROR) {
        p->stats.guest_errors++;
    }
    if (!p->ops || !p->ops->log) {
        return;
    }
    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    p->ops->log(p->opaque, kind, msg);
}

/* ---- Events ------------------------------------------------------------- */

const char *smmu_pm_pmcg_event_name(uint32_t event)
{
    switch (event) {
    case SMMU_PM_PMCG_EVENT_CYCLES:
        return "cycles";
#define SMMU_PM_PMCG_NAME(field, id, doc) \
    case id:                              \
        return #field;
    SMMU_PM_PMCG_TXN_EVENTS(SMMU_PM_PMCG_NAME)
#undef SMMU_PM_PMCG_NAME
    }
    return NULL;
}

static bool event_implemented(const SmmuPmPmcg *p, uint32_t event)
{
    if (event == 0x06 || event == 0x07) {
        return p->cfg.ats;      /* no ATS, no ATS traffic to count */
    }
    return smmu_pm_pmcg_event_name(event) != NULL;
}

/* What @d adds to @event (0 for the cycle event and unknown events) */
static uint32_t delta_of(const SmmuPmPmcgDelta *d, uint32_t event)
{
    switch (event) {
#define SMMU_PM_PMCG_DELTA(field, id, doc) \
    case id:                               \
        return d->field;
    SMMU_PM_PMCG_TXN_EVENTS(SMMU_PM_PMCG_DELTA)
#undef SMMU_PM_PMCG_DELTA
    }
    return 0;
}

uint64_t smmu_pm_pmcg_ceid(const SmmuPmPmcg *p, unsigned which)
{
    uint64_t bits = 0;

    for (unsigned ev = 0; ev < 64; ev++) {
        if (event_implemented(p, which * 64 + ev)) {
            bits |= 1ull << ev;
        }
    }
    return bits;
}

/* ---- StreamID filter ---------------------------------------------------- */

/*
 * Does counter @n count StreamID @sid?  Its own EVTYPER and SMR decide,
 * or counter 0's for all with a global filter (CFGR.SID_FILTER_TYPE).
 * Without FILTER_SID_SPAN the SMR names one StreamID.  With it, the SMR's
 * trailing ones and the zero above them mark the low bits that do not
 * take part: SMR = 0x41 (one trailing 1) matches 0x40-0x43, and an SMR
 * of all ones matches every StreamID.
 */
static bool sid_matches(const SmmuPmPmcg *p, unsigned n, uint32_t sid)
{
    unsigned f = p->cfg.global_filter ? 0 : n;
    uint32_t smr = p->regs.smr[f];
    unsigned ignored;

    if (!FIELD_EX32(p->regs.evtyper[f], PMCG_EVTYPER, FILTER_SID_SPAN)) {
        return sid == smr;
    }
    if (smr == UINT32_MAX) {
        return true;
    }
    ignored = __builtin_ctz(~smr) + 1;
    return ignored >= 32 || ((sid ^ smr) >> ignored) == 0;
}

/* ---- Overflow: interrupt and capture ------------------------------------ */

void smmu_pm_pmcg_capture(SmmuPmPmcg *p)
{
    memcpy(p->regs.svr, p->regs.evcntr, sizeof(p->regs.svr));
    p->stats.captures++;
}

/*
 * The overflow interrupt: an MSI when MSIs are implemented and IRQ_CFG0
 * holds an address, else an edge on the wired line.  It is an edge per
 * overflow, as the SMMU's own interrupts are: the handler reads OVSSET0
 * and clears what it handled, so a counter that wraps again before then
 * costs only a spurious run of the handler.
 */
static void signal_overflow(SmmuPmPmcg *p)
{
    uint64_t addr = p->regs.irq_cfg0 & R_PMCG_IRQ_CFG0_ADDR_MASK;

    if (!FIELD_EX32(p->regs.irq_ctrlack, PMCG_IRQ_CTRL, IRQEN)) {
        return;
    }
    if (p->cfg.msi && addr) {
        p->stats.msis++;
        if (!p->ops->send_msi(p->opaque, addr, p->regs.irq_cfg1,
                              p->regs.irq_cfg2)) {
            p->stats.msi_aborts++;
            smmu_pm_pmcg_log(p, SMMU_PM_LOG_INFO, "PMCG MSI write to 0x%"
                             PRIx64 " aborted", addr);
        }
        return;
    }
    p->stats.irq_pulses++;
    if (p->ops && p->ops->pulse_irq) {
        p->ops->pulse_irq(p->opaque);
    }
}

static bool any_ovfcap(const SmmuPmPmcg *p, uint64_t counters)
{
    for (; counters; counters &= counters - 1) {
        unsigned n = __builtin_ctzll(counters);

        if (FIELD_EX32(p->regs.evtyper[n], PMCG_EVTYPER, OVFCAP)) {
            return true;
        }
    }
    return false;
}

/*
 * Counters @wrapped went past their largest value.  Capture and the
 * interrupt come once per transaction, after every counter it touched
 * has been updated, so that SVRn hold one consistent snapshot.
 */
static void overflowed(SmmuPmPmcg *p, uint64_t wrapped)
{
    p->stats.overflows += __builtin_popcountll(wrapped);
    p->regs.ovs |= wrapped;
    if (p->cfg.capture && any_ovfcap(p, wrapped)) {
        smmu_pm_pmcg_capture(p);
    }
    if (wrapped & p->regs.inten) {
        signal_overflow(p);
    }
}

void smmu_pm_pmcg_ovs_set(SmmuPmPmcg *p, uint64_t set)
{
    p->regs.ovs |= set;
    if (set & p->regs.inten) {
        signal_overflow(p);
    }
}

/* ---- Counting ----------------------------------------------------------- */

/* The counters that count now: CR.E and their CNTEN bit */
static uint64_t counting(const SmmuPmPmcg *p)
{
    if (!p->powered || !FIELD_EX32(p->regs.cr, PMCG_CR, E)) {
        return 0;
    }
    return p->regs.cnten;
}

/* Add @inc to counter @n; true if it wrapped */
static bool add(SmmuPmPmcg *p, unsigned n, uint64_t inc)
{
    uint64_t old = p->regs.evcntr[n];

    p->regs.evcntr[n] = (old + inc) & p->max;
    return inc > p->max - old;
}

void smmu_pm_pmcg_count(SmmuPmPmcg *p, uint32_t sid,
                        const SmmuPmPmcgDelta *d)
{
    uint64_t wrapped = 0;

    for (uint64_t live = counting(p); live; live &= live - 1) {
        unsigned n = __builtin_ctzll(live);
        uint32_t event = FIELD_EX32(p->regs.evtyper[n], PMCG_EVTYPER, EVENT);
        uint32_t inc = delta_of(d, event);

        if (inc && event_implemented(p, event) && sid_matches(p, n, sid) &&
            add(p, n, inc)) {
            wrapped |= 1ull << n;
        }
    }
    if (wrapped) {
        overflowed(p, wrapped);
    }
}

/* Cycles belong to no transaction: the StreamID filter does not apply */
void smmu_pm_pmcg_cycles(SmmuPmPmcg *p, uint64_t n_cycles)
{
    uint64_t wrapped = 0;

    if (!n_cycles) {
        return;
    }
    for (uint64_t live = counting(p); live; live &= live - 1) {
        unsigned n = __builtin_ctzll(live);

        if (FIELD_EX32(p->regs.evtyper[n], PMCG_EVTYPER, EVENT) ==
                SMMU_PM_PMCG_EVENT_CYCLES && add(p, n, n_cycles)) {
            wrapped |= 1ull << n;
        }
    }
    if (wrapped) {
        overflowed(p, wrapped);
    }
}

/* ---- Power -------------------------------------------------------------- */

void smmu_pm_pmcg_power_off(SmmuPmPmcg *p, bool retain)
{
    p->powered = false;
    p->lose_regs |= !retain;
}

void smmu_pm_pmcg_power_on(SmmuPmPmcg *p)
{
    if (p->powered) {
        return;
    }
    p->powered = true;
    if (p->lose_regs) {
        reset_regs(p);
        p->lose_regs = false;
        p->regs_lost = true;
    }
}

bool smmu_pm_pmcg_powered(const SmmuPmPmcg *p)
{
    return p->powered;
}

bool smmu_pm_pmcg_regs_lost(const SmmuPmPmcg *p)
{
    return p->regs_lost;
}
