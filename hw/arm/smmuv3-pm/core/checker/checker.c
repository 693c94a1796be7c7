/*
 * arm-smmuv3-pm core: the PM checker
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <glib.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "hw/arm/smmuv3-pm/core/checker/checker.h"
#include "hw/arm/smmuv3-pm/core/base/state.h"
#include "hw/arm/smmuv3-pm/core/base/mem.h"
#include "hw/arm/smmuv3-pm/core/base/queue.h"
#include "hw/arm/smmuv3-pm/core/base/arch.h"
#include "hw/arm/smmuv3-pm/core/base/log.h"
#include "hw/arm/smmuv3-pm/core/base/commands.h"
#include "hw/arm/smmuv3-pm/core/base/timing.h"

const SmmuPmRuleInfo smmu_pm_rules[SMMU_PM_RULE__MAX] = {
    [SMMU_PM_RULE_ACCESS_WHILE_OFF] = {
        "access-while-off",
        "register access while the SMMU is powered off",
        SMMU_PM_SEVERITY_ERROR },
    [SMMU_PM_RULE_DMA_WHILE_OFF] = {
        "dma-while-off",
        "DMA from a master while the SMMU is powered off",
        SMMU_PM_SEVERITY_ERROR },
    [SMMU_PM_RULE_ENABLE_WITHOUT_INVALIDATION] = {
        "enable-without-invalidation",
        "SMMUEN set after power-up without CFGI_ALL, TLBI_NSNH_ALL and a "
        "CMD_SYNC first",
        SMMU_PM_SEVERITY_ERROR },
    [SMMU_PM_RULE_OFF_WITH_COMMANDS] = {
        "off-with-commands",
        "power-off with commands not yet consumed",
        SMMU_PM_SEVERITY_ERROR },
    [SMMU_PM_RULE_OFF_WITH_EVENTS] = {
        "off-with-events",
        "power-off with events the driver has not read",
        SMMU_PM_SEVERITY_WARNING },
    [SMMU_PM_RULE_OFF_WITH_PRI] = {
        "off-with-pri",
        "power-off with PRI page requests the driver has not read",
        SMMU_PM_SEVERITY_ERROR },
    [SMMU_PM_RULE_OFF_WITH_PRG_UNANSWERED] = {
        "off-with-prg-unanswered",
        "power-off with page request groups read but not answered by "
        "CMD_PRI_RESP",
        SMMU_PM_SEVERITY_WARNING },
    [SMMU_PM_RULE_OFF_WITH_STALLS] = {
        "off-with-stalls",
        "power-off with stalled transactions not resumed or terminated",
        SMMU_PM_SEVERITY_ERROR },
    [SMMU_PM_RULE_OFF_WITH_GERROR] = {
        "off-with-gerror",
        "power-off with a global error not acknowledged in GERRORN",
        SMMU_PM_SEVERITY_WARNING },
    [SMMU_PM_RULE_BYPASS_WINDOW] = {
        "bypass-window",
        "DMA bypassed translation (SMMUEN=0, GBPA.ABORT=0) after the driver "
        "had set translation up",
        SMMU_PM_SEVERITY_ERROR },
    [SMMU_PM_RULE_MSI_NOT_RESTORED] = {
        "msi-not-restored",
        "interrupt enabled after power-up without restoring its MSI "
        "address",
        SMMU_PM_SEVERITY_ERROR },
    [SMMU_PM_RULE_CMDQ_NOT_RESTORED] = {
        "cmdq-not-restored",
        "commands issued after power-up to a command queue the power-off "
        "reset and the driver never set up again",
        SMMU_PM_SEVERITY_ERROR },
    [SMMU_PM_RULE_DMA_BEFORE_ENABLE] = {
        "dma-before-enable",
        "DMA from a master between power-up and SMMUEN=1",
        SMMU_PM_SEVERITY_WARNING },
    [SMMU_PM_RULE_OFF_BEFORE_ACK] = {
        "off-before-ack",
        "power-off while a CR0, GBPA or IRQ_CTRL update was not yet "
        "acknowledged",
        SMMU_PM_SEVERITY_WARNING },
    [SMMU_PM_RULE_OFF_BEFORE_SYNC] = {
        "off-before-sync",
        "power-off before a CMD_SYNC the driver issued had completed",
        SMMU_PM_SEVERITY_ERROR },
    [SMMU_PM_RULE_WRITE_BEFORE_ACK] = {
        "write-before-ack",
        "register written before the SMMU acknowledged the previous CR0, "
        "GBPA or IRQ_CTRL update",
        SMMU_PM_SEVERITY_ERROR },
};

static const char *const msi_source_names[SMMU_PM_MSI__MAX] = {
    [SMMU_PM_MSI_EVENTQ] = "EVENTQ",
    [SMMU_PM_MSI_GERROR] = "GERROR",
    [SMMU_PM_MSI_PRIQ] = "PRIQ",
};

const char *smmu_pm_severity_name(SmmuPmSeverity severity)
{
    return severity == SMMU_PM_SEVERITY_ERROR ? "error" : "warning";
}

void smmu_pm_checker_reset(SmmuPmChecker *chk)
{
    SmmuPmViolation v[SMMU_PM_RULE__MAX];

    /* Violations are the run's history: a guest reboot keeps them */
    memcpy(v, chk->v, sizeof(v));
    memset(chk, 0, sizeof(*chk));
    memcpy(chk->v, v, sizeof(v));
}

uint64_t smmu_pm_checker_count(const SmmuPmChecker *chk,
                               SmmuPmSeverity severity)
{
    uint64_t n = 0;

    for (int i = 0; i < SMMU_PM_RULE__MAX; i++) {
        if (smmu_pm_rules[i].severity == severity) {
            n += chk->v[i].count;
        }
    }
    return n;
}

void smmu_pm_check_fire(SmmuPmCore *c, SmmuPmRule rule, const char *fmt, ...)
{
    SmmuPmViolation *v = &c->checker.v[rule];
    const SmmuPmRuleInfo *info = &smmu_pm_rules[rule];
    char detail[SMMU_PM_VIOLATION_DETAIL_LEN];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(detail, sizeof(detail), fmt, ap);
    va_end(ap);
    if (c->host->pm_violation) {
        c->host->pm_violation(c->host_opaque, rule, v->count + 1, detail);
    }
    if (v->count++ == 0) {
        v->first_ns = smmu_pm_now_ns(c);
        v->first_powered = smmu_pm_powered(c);
        memcpy(v->first_detail, detail, sizeof(detail));
        /* The first one is a guest error; the rest are only traced */
        smmu_pm_log(c, SMMU_PM_LOG_GUEST_ERROR, "pm-checker: %s (%s): %s: %s",
                    info->id, smmu_pm_severity_name(info->severity),
                    info->summary, detail);
        return;
    }
    /* A host with its own report of every violation needs no log line */
    if (!c->host->pm_violation) {
        smmu_pm_log(c, SMMU_PM_LOG_INFO, "pm-checker: %s #%" PRIu64 ": %s",
                    info->id, v->count, detail);
    }
}

/* ---- Power-off: judge what is pending --------------------------------- */

/* Names of the commands in CONS..PROD that power-off would lose */
static void pending_commands(SmmuPmCore *c, SmmuPmQueue *q, char *out,
                             size_t len, int64_t *first_sync)
{
    static const unsigned named[] = {
        SMMU_CMD_ATC_INV, SMMU_CMD_RESUME, SMMU_CMD_PRI_RESP, SMMU_CMD_SYNC,
    };
    unsigned count[G_N_ELEMENTS(named)] = { 0 };
    unsigned total = 0;
    size_t used;

    for (uint32_t i = q->cons; i != q->prod; i = smmu_pm_queue_inc(q, i)) {
        uint64_t dw0;

        total++;
        if (!smmu_pm_mem_read64s(c, smmu_pm_queue_slot(q, i), &dw0, 1)) {
            continue;
        }
        for (unsigned n = 0; n < G_N_ELEMENTS(named); n++) {
            count[n] += FIELD_EX64(dw0, CMD_0, OPCODE) == named[n];
        }
        if (FIELD_EX64(dw0, CMD_0, OPCODE) == SMMU_CMD_SYNC &&
            *first_sync < 0) {
            *first_sync = i;
        }
    }
    used = snprintf(out, len, "%u command(s) between CONS and PROD", total);
    for (unsigned n = 0; n < G_N_ELEMENTS(named) && used < len; n++) {
        if (count[n]) {
            used += snprintf(out + used, len - used, ", %u %s", count[n],
                             smmu_pm_cmd_name(named[n]));
        }
    }
}

static void check_cmdq(SmmuPmCore *c)
{
    SmmuPmQueue q = smmu_pm_queue_cmdq(c);
    char what[SMMU_PM_VIOLATION_DETAIL_LEN - 48];
    int64_t sync = -1;
    bool stopped;

    if (!(c->regs.cr0ack & R_CR0_CMDQEN_MASK)) {
        return;
    }
    if (smmu_pm_queue_empty(&q)) {
        return;
    }
    pending_commands(c, &q, what, sizeof(what), &sync);
    stopped = FIELD_EX32(c->regs.cmdq.cons, CMDQ_CONS, ERR) ||
              (smmu_pm_active_gerrors(c) & R_GERROR_CMDQ_ERR_MASK);
    /*
     * The queue was still working towards it: the driver did not wait
     * for the CMD_SYNC (stopped on an error, the error is what to fix)
     */
    if (sync >= 0 && !stopped) {
        smmu_pm_check_fire(c, SMMU_PM_RULE_OFF_BEFORE_SYNC,
                           "CMD_SYNC at index 0x%x not complete (CONS 0x%x, "
                           "PROD 0x%x)", (uint32_t)sync, q.cons, q.prod);
    }
    smmu_pm_check_fire(c, SMMU_PM_RULE_OFF_WITH_COMMANDS, "%s%s", what,
                       stopped ? " (the queue is stopped on a command error)"
                               : "");
}

static void check_outq(SmmuPmCore *c, const SmmuPmQueue *q,
                       const SmmuPmQueueRegs *regs, uint32_t enable,
                       SmmuPmRule rule, const char *name)
{
    if ((c->regs.cr0ack & enable) && !smmu_pm_queue_empty(q)) {
        smmu_pm_check_fire(c, rule, "%s PROD 0x%x CONS 0x%x: %u unread",
                           name, regs->prod, regs->cons,
                           smmu_pm_queue_used(q));
    }
}

/* Updates the driver started and the SMMU had not acknowledged */
static void check_handshakes(SmmuPmCore *c)
{
    static const char *const what[SMMU_PM_HS__MAX] = {
        [SMMU_PM_HS_CR0] = "CR0 0x%x not yet in CR0ACK 0x%x",
        [SMMU_PM_HS_GBPA] = "GBPA 0x%x not yet applied (GBPA was 0x%x)",
        [SMMU_PM_HS_IRQ_CTRL] = "IRQ_CTRL 0x%x not yet in IRQ_CTRLACK 0x%x",
    };
    const uint32_t values[SMMU_PM_HS__MAX][2] = {
        [SMMU_PM_HS_CR0] = { c->regs.cr0, c->regs.cr0ack },
        [SMMU_PM_HS_GBPA] = { c->timing.gbpa_new, c->regs.gbpa },
        [SMMU_PM_HS_IRQ_CTRL] = { c->regs.irq_ctrl, c->regs.irq_ctrlack },
    };

    for (int hs = 0; hs < SMMU_PM_HS__MAX; hs++) {
        if (smmu_pm_timing_handshake_pending(c, hs)) {
            smmu_pm_check_fire(c, SMMU_PM_RULE_OFF_BEFORE_ACK, what[hs],
                               values[hs][0], values[hs][1]);
        }
    }
}

void smmu_pm_check_write_before_ack(SmmuPmCore *c, const char *reg,
                                    const char *pending)
{
    smmu_pm_check_fire(c, SMMU_PM_RULE_WRITE_BEFORE_ACK,
                       "%s written while the %s update was not yet "
                       "acknowledged", reg, pending);
}

/* The MSI address register (IRQ_CFG0) of @src */
static uint64_t msi_cfg0(const SmmuPmCore *c, SmmuPmMsiSource src)
{
    switch (src) {
    case SMMU_PM_MSI_EVENTQ:
        return c->regs.eventq.irq_cfg0;
    case SMMU_PM_MSI_PRIQ:
        return c->regs.priq.irq_cfg0;
    default:
        return c->regs.gerror_irq_cfg0;
    }
}

static void save_msi_config(SmmuPmCore *c)
{
    for (int i = 0; i < SMMU_PM_MSI__MAX; i++) {
        c->checker.msi_before_off[i] = msi_cfg0(c, i);
    }
}

/* Held transactions: power-off loses them, and their masters wait on */
static void check_stalls(SmmuPmCore *c)
{
    const SmmuPmStalls *st = &c->stalls;
    unsigned first, unread = 0;

    if (!st->held) {
        return;
    }
    for (first = 0; !st->slot[first].held; first++) {
        /* the lowest STAG held */
    }
    for (unsigned i = 0; i < SMMU_PM_STALL_SLOTS; i++) {
        unread += st->slot[i].held && !st->slot[i].recorded;
    }
    smmu_pm_check_fire(c, SMMU_PM_RULE_OFF_WITH_STALLS,
                       "%u stalled transaction(s)%s, first StreamID 0x%x "
                       "STAG 0x%x %s 0x%" PRIx64, st->held,
                       unread ? " (some not yet recorded)" : "",
                       st->slot[first].sid, first,
                       st->slot[first].write ? "write" : "read",
                       st->slot[first].addr);
}

/* Whether the PRIQ entry at @index is between CONS and PROD */
static bool priq_unread(const SmmuPmCore *c, const SmmuPmQueue *q,
                        uint32_t index)
{
    return (c->regs.cr0ack & R_CR0_PRIQEN_MASK) &&
           ((index - q->cons) & smmu_pm_queue_wrap_mask(q)) <
           smmu_pm_queue_used(q);
}

/*
 * Groups the driver has read (or that were lost with an earlier
 * power-off) and not answered: their endpoints wait on.  Unread ones are
 * off-with-pri's.  With the registers lost, no group is in the queue any
 * more; they stay owed, since the endpoint still waits.
 */
static void check_owed_prgs(SmmuPmCore *c)
{
    SmmuPmChecker *chk = &c->checker;
    SmmuPmQueue q = smmu_pm_queue_priq(c);
    const SmmuPmOwedPrg *first = NULL;
    unsigned n = 0;

    bool queue_lost = c->power.cfg.retention == SMMU_PM_RETAIN_NONE;

    for (unsigned i = 0; i < SMMU_PM_OWED_PRGS; i++) {
        SmmuPmOwedPrg *o = &chk->owed[i];
        bool unread = o->in_queue && priq_unread(c, &q, o->index);

        o->in_queue &= !queue_lost;
        if (!o->owed || unread) {
            continue;
        }
        first = first ? first : o;
        n++;
    }
    if (n || chk->owed_untracked) {
        smmu_pm_check_fire(c, SMMU_PM_RULE_OFF_WITH_PRG_UNANSWERED,
                           "%u group(s) read and not answered%s, first "
                           "StreamID 0x%x PRGI 0x%x", n,
                           chk->owed_untracked ? " (and more untracked)" : "",
                           first ? first->sid : 0, first ? first->prgi : 0);
    }
}

void smmu_pm_check_prg_queued(SmmuPmCore *c, uint32_t sid, uint16_t prgi,
                              uint32_t index)
{
    SmmuPmChecker *chk = &c->checker;
    SmmuPmOwedPrg *slot = NULL;

    for (unsigned i = 0; i < SMMU_PM_OWED_PRGS; i++) {
        SmmuPmOwedPrg *o = &chk->owed[i];

        if (o->owed && o->sid == sid && o->prgi == prgi) {
            slot = o;           /* the endpoint asked again: one group */
            break;
        }
        if (!o->owed && !slot) {
            slot = o;
        }
    }
    if (!slot) {
        chk->owed_untracked++;
        return;
    }
    *slot = (SmmuPmOwedPrg) {
        .owed = true, .in_queue = true, .sid = sid, .prgi = prgi,
        .index = index,
    };
}

void smmu_pm_check_prg_answered(SmmuPmCore *c, uint32_t sid, uint16_t prgi)
{
    SmmuPmChecker *chk = &c->checker;

    for (unsigned i = 0; i < SMMU_PM_OWED_PRGS; i++) {
        SmmuPmOwedPrg *o = &chk->owed[i];

        if (o->owed && o->sid == sid && o->prgi == prgi) {
            o->owed = false;
            return;
        }
    }
    /* Not in the table: one the table had no room for, if any */
    if (chk->owed_untracked) {
        chk->owed_untracked--;
    }
}

void smmu_pm_check_power_off(SmmuPmCore *c)
{
    uint32_t gerrors = smmu_pm_active_gerrors(c);
    SmmuPmQueue eventq = smmu_pm_queue_eventq(c);
    SmmuPmQueue priq = smmu_pm_queue_priq(c);

    check_cmdq(c);
    check_handshakes(c);
    check_outq(c, &eventq, &c->regs.eventq, R_CR0_EVENTQEN_MASK,
               SMMU_PM_RULE_OFF_WITH_EVENTS, "EVENTQ");
    check_outq(c, &priq, &c->regs.priq, R_CR0_PRIQEN_MASK,
               SMMU_PM_RULE_OFF_WITH_PRI, "PRIQ");
    check_owed_prgs(c);
    check_stalls(c);
    if (gerrors) {
        smmu_pm_check_fire(c, SMMU_PM_RULE_OFF_WITH_GERROR,
                           "GERROR 0x%x GERRORN 0x%x: active 0x%x",
                           c->regs.gerror, c->regs.gerrorn, gerrors);
    }
    save_msi_config(c);
    c->checker.cmdq_lost = (c->regs.cr0ack & R_CR0_CMDQEN_MASK) &&
                           c->power.cfg.retention == SMMU_PM_RETAIN_NONE;
}

/* ---- Power-up to re-enable ---------------------------------------------- */

void smmu_pm_check_power_up(SmmuPmCore *c)
{
    SmmuPmChecker *chk = &c->checker;

    chk->in_window = true;
    chk->cfgi_all_seen = chk->tlbi_all_seen = chk->inval_synced = false;
    for (int i = 0; i < SMMU_PM_MSI__MAX; i++) {
        /* Registers that survived power-off need no restoring */
        chk->msi_restored[i] =
            c->power.cfg.retention == SMMU_PM_RETAIN_REGISTERS;
    }
}

void smmu_pm_check_command(SmmuPmCore *c, unsigned op, bool cfgi_all)
{
    SmmuPmChecker *chk = &c->checker;

    if (!chk->in_window) {
        return;
    }
    if (cfgi_all) {
        chk->cfgi_all_seen = true;
    } else if (op == SMMU_CMD_TLBI_NSNH_ALL) {
        chk->tlbi_all_seen = true;
    } else if (op == SMMU_CMD_SYNC && chk->cfgi_all_seen &&
               chk->tlbi_all_seen) {
        chk->inval_synced = true;
    }
}

void smmu_pm_check_enable(SmmuPmCore *c)
{
    SmmuPmChecker *chk = &c->checker;

    if (chk->in_window && !chk->inval_synced) {
        smmu_pm_check_fire(c, SMMU_PM_RULE_ENABLE_WITHOUT_INVALIDATION,
                           "since power-up: CFGI_ALL %s, TLBI_NSNH_ALL %s, "
                           "CMD_SYNC after both %s",
                           chk->cfgi_all_seen ? "yes" : "no",
                           chk->tlbi_all_seen ? "yes" : "no",
                           chk->inval_synced ? "yes" : "no");
    }
    chk->in_window = false;
    chk->translation_set_up = true;
}

void smmu_pm_check_cmdq_base(SmmuPmCore *c)
{
    c->checker.cmdq_lost = false;
}

/*
 * A driver that does not know power went writes PROD as if the queue
 * were still running: nothing will ever consume those commands, and its
 * CMD_SYNC waits until it times out.  A driver setting the queue up
 * again writes CMDQ_BASE first, and only then PROD and CONS.
 */
void smmu_pm_check_cmdq_prod(SmmuPmCore *c, uint32_t value)
{
    if (!c->checker.cmdq_lost || (c->regs.cr0 & R_CR0_CMDQEN_MASK)) {
        return;
    }
    smmu_pm_check_fire(c, SMMU_PM_RULE_CMDQ_NOT_RESTORED,
                       "CMDQ_PROD 0x%x written with CMDQEN=0 and CMDQ_BASE "
                       "0x%" PRIx64 ": the power-off reset the queue, and "
                       "its commands are never consumed", value,
                       c->regs.cmdq.base);
}

void smmu_pm_check_msi_config(SmmuPmCore *c, SmmuPmMsiSource src)
{
    c->checker.msi_restored[src] = true;
}

void smmu_pm_check_irq_enable(SmmuPmCore *c, SmmuPmMsiSource src)
{
    SmmuPmChecker *chk = &c->checker;

    /* Only a source that signalled by MSI before power-off */
    if (c->power.stats.power_ups && !chk->msi_restored[src] &&
        chk->msi_before_off[src]) {
        smmu_pm_check_fire(c, SMMU_PM_RULE_MSI_NOT_RESTORED,
                           "%s_IRQEN set; %s_IRQ_CFG0 was 0x%" PRIx64
                           " before power-off and is 0x%" PRIx64 " now",
                           msi_source_names[src], msi_source_names[src],
                           chk->msi_before_off[src], msi_cfg0(c, src));
    }
}

void smmu_pm_check_dma_disabled(SmmuPmCore *c, uint32_t sid, uint64_t addr,
                                bool bypassed)
{
    SmmuPmChecker *chk = &c->checker;

    if (chk->in_window) {
        smmu_pm_check_fire(c, SMMU_PM_RULE_DMA_BEFORE_ENABLE,
                           "StreamID 0x%x at 0x%" PRIx64 ": %s by GBPA",
                           sid, addr, bypassed ? "bypassed" : "aborted");
    }
    if (bypassed && chk->translation_set_up) {
        smmu_pm_check_fire(c, SMMU_PM_RULE_BYPASS_WINDOW,
                           "StreamID 0x%x at 0x%" PRIx64 " reached memory "
                           "untranslated", sid, addr);
    }
}

void smmu_pm_check_access_while_off(SmmuPmCore *c, const char *name,
                                    uint64_t offset, bool write)
{
    if (write) {
        c->power.stats.writes_while_off++;
    } else {
        c->power.stats.reads_while_off++;
    }
    smmu_pm_check_fire(c, SMMU_PM_RULE_ACCESS_WHILE_OFF, "%s %s (0x%05" PRIx64
                       ")", write ? "write" : "read", name, offset);
}

void smmu_pm_check_dma_while_off(SmmuPmCore *c, uint32_t sid, uint64_t addr,
                                 bool write)
{
    c->power.stats.dma_while_off++;
    smmu_pm_check_fire(c, SMMU_PM_RULE_DMA_WHILE_OFF,
                       "StreamID 0x%x %s 0x%" PRIx64, sid,
                       write ? "write" : "read", addr);
}
