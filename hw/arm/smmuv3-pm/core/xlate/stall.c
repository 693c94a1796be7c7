/*
 * arm-smmuv3-pm core: stalled transactions
 *
 * See stall.h.  The core only keeps the table; releasing a transaction
 * is the host's business (SmmuPmHostOps.stall_done), since the waiting
 * requester lives there.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <inttypes.h>
#include <string.h>

#include <glib.h>

#include "hw/arm/smmuv3-pm/core/base/state.h"
#include "hw/arm/smmuv3-pm/core/queues/event.h"
#include "hw/arm/smmuv3-pm/core/xlate/stall.h"
#include "hw/arm/smmuv3-pm/core/base/log.h"

const char *smmu_pm_stall_outcome_name(SmmuPmStallOutcome outcome)
{
    static const char *const names[] = {
        [SMMU_PM_STALL_RETRY] = "retry",
        [SMMU_PM_STALL_ABORT] = "abort",
        [SMMU_PM_STALL_RAZWI] = "RAZ/WI",
    };

    return outcome < G_N_ELEMENTS(names) ? names[outcome] : "?";
}

int smmu_pm_stall_hold(SmmuPmCore *c, uint32_t sid, bool ssv, uint32_t ssid,
                       uint64_t addr, bool write)
{
    SmmuPmStalls *st = &c->stalls;

    for (unsigned i = 0; i < SMMU_PM_STALL_SLOTS; i++) {
        if (!st->slot[i].held && !st->slot[i].done) {
            st->slot[i] = (SmmuPmStall) {
                .held = true,
                .sid = sid,
                .ssv = ssv,
                .ssid = ssid,
                .addr = addr,
                .write = write,
            };
            st->held++;
            c->stats.stalls++;
            return i;
        }
    }
    return -1;
}

void smmu_pm_stall_set_recorded(SmmuPmCore *c, unsigned stag, bool recorded)
{
    c->stalls.slot[stag].recorded = recorded;
}

/* Let slot @stag go with @outcome */
static void release(SmmuPmCore *c, unsigned stag, SmmuPmStallOutcome outcome)
{
    SmmuPmStall *s = &c->stalls.slot[stag];

    smmu_pm_log(c, SMMU_PM_LOG_INFO,
                "stall STAG 0x%x (StreamID 0x%x %s 0x%" PRIx64 ") -> %s",
                stag, s->sid, s->write ? "write" : "read", s->addr,
                smmu_pm_stall_outcome_name(outcome));
    s->held = false;
    s->done = true;
    s->outcome = outcome;
    c->stalls.held--;
    if (outcome == SMMU_PM_STALL_RETRY) {
        c->stats.stalls_retried++;
    } else {
        c->stats.stalls_terminated++;
    }
    if (c->host->stall_done) {
        c->host->stall_done(c->host_opaque, s->sid, stag, outcome);
    }
}

bool smmu_pm_stall_resume(SmmuPmCore *c, uint32_t sid, unsigned stag,
                          SmmuPmStallOutcome outcome)
{
    SmmuPmStall *s;

    if (stag >= SMMU_PM_STALL_SLOTS) {
        return false;
    }
    s = &c->stalls.slot[stag];
    /* Software can only know the STAG of a stall whose event it read */
    if (!s->held || !s->recorded || s->sid != sid) {
        return false;
    }
    release(c, stag, outcome);
    return true;
}

unsigned smmu_pm_stall_term(SmmuPmCore *c, uint32_t sid)
{
    unsigned n = 0;

    for (unsigned i = 0; i < SMMU_PM_STALL_SLOTS && c->stalls.held; i++) {
        if (c->stalls.slot[i].held && c->stalls.slot[i].sid == sid) {
            release(c, i, SMMU_PM_STALL_ABORT);
            n++;
        }
    }
    return n;
}

unsigned smmu_pm_stall_terminate_all(SmmuPmCore *c)
{
    unsigned n = 0;

    for (unsigned i = 0; i < SMMU_PM_STALL_SLOTS && c->stalls.held; i++) {
        if (c->stalls.slot[i].held) {
            release(c, i, SMMU_PM_STALL_ABORT);
            n++;
        }
    }
    return n;
}

void smmu_pm_stall_eventq_writable(SmmuPmCore *c)
{
    if (!c->stalls.held || !smmu_pm_eventq_writable(c)) {
        return;
    }
    for (unsigned i = 0; i < SMMU_PM_STALL_SLOTS; i++) {
        if (c->stalls.slot[i].held && !c->stalls.slot[i].recorded) {
            release(c, i, SMMU_PM_STALL_RETRY);
        }
    }
}

bool smmu_pm_stall_take_done(SmmuPmCore *c, uint32_t *sid, unsigned *stag,
                             SmmuPmStallOutcome *outcome)
{
    for (unsigned i = 0; i < SMMU_PM_STALL_SLOTS; i++) {
        SmmuPmStall *s = &c->stalls.slot[i];

        if (s->done) {
            s->done = false;
            *sid = s->sid;
            *stag = i;
            *outcome = s->outcome;
            return true;
        }
    }
    return false;
}

void smmu_pm_stall_reset(SmmuPmCore *c)
{
    memset(&c->stalls, 0, sizeof(c->stalls));
}
