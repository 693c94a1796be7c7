/*
 * arm-smmuv3-pm core: circular queue views of the register state
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <glib.h>

#include "hw/arm/smmuv3-pm/core/base/queue.h"

static SmmuPmQueue queue_view(const SmmuPmQueueRegs *r, unsigned max_log2,
                              unsigned entry_size)
{
    unsigned log2size = MIN(FIELD_EX64(r->base, Q_BASE, LOG2SIZE), max_log2);
    uint32_t mask = (2u << log2size) - 1;

    return (SmmuPmQueue) {
        .base = r->base & R_Q_BASE_ADDR_MASK,
        .log2size = log2size,
        .entry_size = entry_size,
        .prod = r->prod & mask,
        .cons = r->cons & mask,
    };
}

SmmuPmQueue smmu_pm_queue_cmdq(const SmmuPmCore *c)
{
    return queue_view(&c->regs.cmdq, FIELD_EX32(c->regs.idr[1], IDR1, CMDQS),
                      16);
}

SmmuPmQueue smmu_pm_queue_eventq(const SmmuPmCore *c)
{
    return queue_view(&c->regs.eventq,
                      FIELD_EX32(c->regs.idr[1], IDR1, EVENTQS), 32);
}

SmmuPmQueue smmu_pm_queue_priq(const SmmuPmCore *c)
{
    return queue_view(&c->regs.priq, FIELD_EX32(c->regs.idr[1], IDR1, PRIQS),
                      16);
}
