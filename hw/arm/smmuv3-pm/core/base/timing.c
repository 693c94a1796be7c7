/*
 * arm-smmuv3-pm core: the timing model's clock and deadlines
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <glib.h>
#include <string.h>

#include "hw/arm/smmuv3-pm/core/base/timing.h"
#include "hw/arm/smmuv3-pm/core/base/irq.h"

/* ---- Configuration ------------------------------------------------------ */

/*
 * One set of latencies for both CoreLink presets: they differ in cache
 * geometry, not in the cost of a lookup.  Sources, per value, in
 * docs/user.md ("Timing").
 */
static const SmmuPmTimingConfig corelink_timing = {
    .clock_mhz = 1000,
    .utlb_cycles = 1,
    .tlb_cycles = 3,
    .link_cycles = 8,
    .cfg_cycles = 3,
    .walkcache_cycles = 4,
    .mem_cycles = 150,
    .cmd_fetch_cycles = 150,
    .cmds_per_fetch = 1,
    .cmd_cycles = {
        [SMMU_PM_CMDC_PREFETCH] = 1,
        [SMMU_PM_CMDC_CFGI] = 30,
        [SMMU_PM_CMDC_CFGI_ALL] = 100,
        [SMMU_PM_CMDC_TLBI_VA] = 30,
        [SMMU_PM_CMDC_TLBI_ASID] = 600,
        [SMMU_PM_CMDC_TLBI_VMID] = 600,
        [SMMU_PM_CMDC_TLBI_ALL] = 600,
        [SMMU_PM_CMDC_ATC_INV] = 2000,
        [SMMU_PM_CMDC_PRI_RESP] = 100,
        [SMMU_PM_CMDC_RESUME] = 30,
        [SMMU_PM_CMDC_SYNC] = 300,
    },
    .cr0ack_cycles = 16,
    .gbpa_cycles = 16,
    .irq_ctrlack_cycles = 16,
    .event_cycles = 150,
    .pri_cycles = 150,
};

#define P(name, field, lo, hi, doc) \
    { name, offsetof(SmmuPmTimingConfig, field), lo, hi, doc }
#define CMD(name, cls, doc) \
    P("cmd-" name "-cycles", cmd_cycles[SMMU_PM_CMDC_ ## cls], 0, 1000000, doc)

const SmmuPmTimingParam smmu_pm_timing_params[] = {
    P("clock-mhz", clock_mhz, 1, 10000, "SMMU clock frequency in MHz"),
    P("utlb-cycles", utlb_cycles, 0, 1000, "micro-TLB lookup"),
    P("tlb-cycles", tlb_cycles, 0, 1000, "main TLB lookup"),
    P("link-cycles", link_cycles, 0, 10000,
      "TBU to TCU request, and back, on a TLB miss (each way)"),
    P("cfg-cycles", cfg_cycles, 0, 1000, "configuration cache lookup"),
    P("walk-cache-cycles", walkcache_cycles, 0, 1000,
      "walk cache lookup, per probe"),
    P("mem-cycles", mem_cycles, 0, 1000000,
      "one memory read of a table, STE or CD (and of commands)"),
    P("cmd-fetch-cycles", cmd_fetch_cycles, 0, 1000000,
      "one fetch of commands from the queue (a burst of cmds-per-fetch)"),
    P("cmds-per-fetch", cmds_per_fetch, 1, 64,
      "commands read by one fetch"),
    CMD("prefetch", PREFETCH, "CMD_PREFETCH_CONFIG/ADDR"),
    CMD("cfgi", CFGI, "CMD_CFGI_STE, _CD, _CD_ALL"),
    CMD("cfgi-all", CFGI_ALL, "CMD_CFGI_STE_RANGE"),
    CMD("tlbi-va", TLBI_VA, "TLBI by address, per page of its range"),
    CMD("tlbi-asid", TLBI_ASID, "TLBI_NH_ASID, TLBI_EL2_ASID"),
    CMD("tlbi-vmid", TLBI_VMID, "TLBI_NH_ALL, TLBI_S12_VMALL"),
    CMD("tlbi-all", TLBI_ALL, "TLBI_NSNH_ALL, TLBI_EL2_ALL"),
    CMD("atc-inv", ATC_INV, "CMD_ATC_INV (a round trip to the endpoint)"),
    CMD("pri-resp", PRI_RESP, "CMD_PRI_RESP"),
    CMD("resume", RESUME, "CMD_RESUME, CMD_STALL_TERM"),
    CMD("sync", SYNC, "CMD_SYNC, after what precedes it completed"),
    P("cr0ack-cycles", cr0ack_cycles, 0, 1000000,
      "CR0 write to CR0ACK"),
    P("gbpa-cycles", gbpa_cycles, 0, 1000000,
      "GBPA write to UPDATE reading 0"),
    P("irq-ctrlack-cycles", irq_ctrlack_cycles, 0, 1000000,
      "IRQ_CTRL write to IRQ_CTRLACK"),
    P("event-cycles", event_cycles, 0, 1000000,
      "event to its record and interrupt being visible"),
    P("pri-cycles", pri_cycles, 0, 1000000,
      "page request to its record and interrupt being visible"),
};

#undef CMD
#undef P

const unsigned smmu_pm_timing_n_params = G_N_ELEMENTS(smmu_pm_timing_params);

G_STATIC_ASSERT(G_N_ELEMENTS(smmu_pm_timing_params) <=
                G_N_ELEMENTS(((SmmuPmTimingUser *)0)->value));

void smmu_pm_timing_user_init(SmmuPmTimingUser *user)
{
    user->enabled = SMMU_PM_UNSET;
    for (unsigned i = 0; i < G_N_ELEMENTS(user->value); i++) {
        user->value[i] = SMMU_PM_UNSET;
    }
}

void smmu_pm_timing_preset(SmmuPmModel model, SmmuPmTimingConfig *cfg)
{
    *cfg = corelink_timing;
    cfg->enabled = model == SMMU_PM_MODEL_MMU600 ||
                   model == SMMU_PM_MODEL_MMU700;
}

uint32_t *smmu_pm_timing_field(SmmuPmTimingConfig *cfg,
                               const SmmuPmTimingParam *param)
{
    return (uint32_t *)((char *)cfg + param->offset);
}

bool smmu_pm_timing_resolve(SmmuPmModel model, const SmmuPmTimingUser *user,
                            SmmuPmTimingConfig *cfg, char **errmsg)
{
    smmu_pm_timing_preset(model, cfg);
    if (user->enabled != SMMU_PM_UNSET) {
        cfg->enabled = user->enabled;
    }
    for (unsigned i = 0; i < smmu_pm_timing_n_params; i++) {
        const SmmuPmTimingParam *p = &smmu_pm_timing_params[i];
        int64_t v = user->value[i];

        if (v == SMMU_PM_UNSET) {
            continue;
        }
        if (v < p->min || v > p->max) {
            *errmsg = g_strdup_printf("property '%s': %" G_GINT64_FORMAT
                                      " is out of range, valid values are "
                                      "%u to %u (%s)", p->name, v, p->min,
                                      p->max, p->doc);
            return false;
        }
        *smmu_pm_timing_field(cfg, p) = v;
    }
    return true;
}

uint64_t smmu_pm_cycles_to_ns(const SmmuPmTimingConfig *cfg, uint64_t cycles)
{
    return (cycles * 1000 + cfg->clock_mhz - 1) / cfg->clock_mhz;
}

/* ---- Deadlines ----------------------------------------------------------- */

void smmu_pm_timing_trace(SmmuPmCore *c, const char *what, uint64_t value,
                          uint64_t latency_ns)
{
    if (c->host->timed_effect) {
        c->host->timed_effect(c->host_opaque, what, value, latency_ns);
    }
}

void smmu_pm_timing_forget(SmmuPmCore *c)
{
    SmmuPmTiming *t = &c->timing;

    memset(t->hs_pending, 0, sizeof(t->hs_pending));
    memset(t->outq_pending, 0, sizeof(t->outq_pending));
    t->cmd_scheduled = false;
    t->fetch_credit = 0;
    t->n_arrivals = 0;
}

static void earliest(bool pending, uint64_t at, bool *any, uint64_t *min)
{
    if (pending && (!*any || at < *min)) {
        *any = true;
        *min = at;
    }
}

void smmu_pm_timing_rearm(SmmuPmCore *c)
{
    const SmmuPmTiming *t = &c->timing;
    bool any = false;
    uint64_t at = 0;

    if (!c->host->set_timer) {
        return;
    }
    /* Off, the SMMU's clock stops: only the power transition goes on */
    for (int i = 0; i < SMMU_PM_HS__MAX && smmu_pm_powered(c); i++) {
        earliest(t->hs_pending[i], t->hs_due_ns[i], &any, &at);
    }
    for (int i = 0; i < SMMU_PM_OUTQ__MAX && smmu_pm_powered(c); i++) {
        earliest(t->outq_pending[i], t->outq_publish_ns[i], &any, &at);
    }
    earliest(t->cmd_scheduled && smmu_pm_powered(c), t->cmd_due_ns, &any,
             &at);
    earliest(c->power.transition_pending, c->power.transition_at_ns, &any,
             &at);
    if (any) {
        c->host->set_timer(c->host_opaque, at);
    }
}

uint64_t smmu_pm_timing_after(const SmmuPmCore *c, uint64_t cycles)
{
    return smmu_pm_now_ns(c) + smmu_pm_cycles_to_ns(&c->timing.cfg, cycles);
}

void smmu_pm_timing_handshake_start(SmmuPmCore *c, SmmuPmHandshake hs)
{
    const SmmuPmTimingConfig *cfg = &c->timing.cfg;
    static const size_t latency[SMMU_PM_HS__MAX] = {
        [SMMU_PM_HS_CR0] = offsetof(SmmuPmTimingConfig, cr0ack_cycles),
        [SMMU_PM_HS_GBPA] = offsetof(SmmuPmTimingConfig, gbpa_cycles),
        [SMMU_PM_HS_IRQ_CTRL] = offsetof(SmmuPmTimingConfig,
                                         irq_ctrlack_cycles),
    };
    uint32_t cycles = *(const uint32_t *)((const char *)cfg + latency[hs]);

    c->timing.hs_pending[hs] = true;
    c->timing.hs_start_ns[hs] = smmu_pm_now_ns(c);
    c->timing.hs_due_ns[hs] = smmu_pm_timing_after(c, cycles);
    smmu_pm_timing_rearm(c);
}

bool smmu_pm_timing_handshake_take(SmmuPmCore *c, SmmuPmHandshake hs,
                                   uint64_t now)
{
    static const char *const ack[SMMU_PM_HS__MAX] = {
        [SMMU_PM_HS_CR0] = "CR0ACK",
        [SMMU_PM_HS_GBPA] = "GBPA.UPDATE",
        [SMMU_PM_HS_IRQ_CTRL] = "IRQ_CTRLACK",
    };

    if (!c->timing.hs_pending[hs] || now < c->timing.hs_due_ns[hs]) {
        return false;
    }
    c->timing.hs_pending[hs] = false;
    smmu_pm_timing_trace(c, ack[hs], 0, now - c->timing.hs_start_ns[hs]);
    return true;
}

/* ---- Output queues ------------------------------------------------------- */

static const SmmuPmIrq outq_irq[SMMU_PM_OUTQ__MAX] = {
    [SMMU_PM_OUTQ_EVENTQ] = SMMU_PM_IRQ_EVENTQ,
    [SMMU_PM_OUTQ_PRIQ] = SMMU_PM_IRQ_PRIQ,
};

void smmu_pm_timing_outq_written(SmmuPmCore *c, SmmuPmOutq q,
                                 uint32_t old_prod)
{
    SmmuPmTiming *t = &c->timing;
    uint32_t cycles = q == SMMU_PM_OUTQ_EVENTQ ? t->cfg.event_cycles
                                               : t->cfg.pri_cycles;

    if (!smmu_pm_timing_on(c)) {
        smmu_pm_irq_signal(c, outq_irq[q]);
        return;
    }
    /*
     * Records written while earlier ones wait become visible with them:
     * one PROD update, one interrupt (as a real SMMU coalesces them)
     */
    if (!t->outq_pending[q]) {
        t->outq_pending[q] = true;
        t->outq_visible_prod[q] = old_prod;
        t->outq_written_ns[q] = smmu_pm_now_ns(c);
        t->outq_publish_ns[q] = smmu_pm_timing_after(c, cycles);
        smmu_pm_timing_rearm(c);
    }
}

uint32_t smmu_pm_timing_outq_prod(const SmmuPmCore *c, SmmuPmOutq q,
                                  uint32_t prod)
{
    return c->timing.outq_pending[q] ? c->timing.outq_visible_prod[q] : prod;
}

void smmu_pm_timing_outq_publish(SmmuPmCore *c, uint64_t now)
{
    static const char *const prod[SMMU_PM_OUTQ__MAX] = {
        [SMMU_PM_OUTQ_EVENTQ] = "EVENTQ_PROD",
        [SMMU_PM_OUTQ_PRIQ] = "PRIQ_PROD",
    };
    SmmuPmTiming *t = &c->timing;

    for (int q = 0; q < SMMU_PM_OUTQ__MAX; q++) {
        if (t->outq_pending[q] && now >= t->outq_publish_ns[q]) {
            t->outq_pending[q] = false;
            smmu_pm_timing_trace(c, prod[q], q == SMMU_PM_OUTQ_EVENTQ ?
                                 c->regs.eventq.prod : c->regs.priq.prod,
                                 now - t->outq_written_ns[q]);
            smmu_pm_irq_signal(c, outq_irq[q]);
        }
    }
}

void smmu_pm_timing_outq_reset(SmmuPmCore *c, SmmuPmOutq q)
{
    c->timing.outq_pending[q] = false;
}

/* ---- Command queue arrivals and latency ---------------------------------- */

void smmu_pm_timing_cmd_arrival(SmmuPmCore *c, uint32_t prod, uint32_t depth)
{
    SmmuPmTiming *t = &c->timing;
    SmmuPmTimingStats *s = &t->stats;
    uint64_t now = smmu_pm_now_ns(c);

    s->cmdq_depth_max = MAX(s->cmdq_depth_max, depth);
    s->cmdq_depth_sum += depth;
    s->cmdq_depth_samples++;
    /* Without time every command completes within the write */
    if (!depth || !smmu_pm_timing_on(c)) {
        t->n_arrivals = 0;
        return;
    }
    /* Full: the latest writes merge, their commands counted from the first */
    if (t->n_arrivals == SMMU_PM_CMDQ_ARRIVALS) {
        t->arrivals[t->n_arrivals - 1].prod = prod;
        return;
    }
    t->arrivals[t->n_arrivals++] = (SmmuPmArrival) { prod, now };
}

uint64_t smmu_pm_timing_cmd_arrived_ns(const SmmuPmCore *c)
{
    return c->timing.n_arrivals ? c->timing.arrivals[0].at_ns
                                : smmu_pm_now_ns(c);
}

void smmu_pm_timing_cmd_consumed(SmmuPmCore *c, unsigned op, uint64_t done_ns,
                                 uint32_t cons, uint32_t wrap_mask)
{
    SmmuPmTiming *t = &c->timing;
    SmmuPmLatency *l = &t->stats.cmd_latency[op % SMMU_PM_CMD_OPCODES];
    uint64_t arrived = smmu_pm_timing_cmd_arrived_ns(c);
    uint64_t ns = done_ns > arrived ? done_ns - arrived : 0;

    l->min_ns = l->count ? MIN(l->min_ns, ns) : ns;
    l->max_ns = MAX(l->max_ns, ns);
    l->sum_ns += ns;
    l->count++;
    /* The first arrival is all consumed once CONS reaches its PROD */
    if (t->n_arrivals && ((t->arrivals[0].prod ^ cons) & wrap_mask) == 0) {
        t->n_arrivals--;
        memmove(&t->arrivals[0], &t->arrivals[1],
                t->n_arrivals * sizeof(t->arrivals[0]));
    }
}

void smmu_pm_timing_cmd_idle(SmmuPmCore *c)
{
    c->timing.cmd_scheduled = false;
    c->timing.fetch_credit = 0;
    c->timing.n_arrivals = 0;
}

/* ---- Power residency ----------------------------------------------------- */

void smmu_pm_timing_power_changed(SmmuPmCore *c, bool on, uint64_t now)
{
    SmmuPmTimingStats *s = &c->timing.stats;
    uint64_t span = now > s->since_ns ? now - s->since_ns : 0;

    /* @on is the new state: the period that ends was the other one */
    if (on) {
        s->off_ns += span;
    } else {
        s->on_ns += span;
    }
    s->since_ns = now;
}
