/*
 * arm-smmuv3-pm core: circular queue arithmetic
 *
 * The command, event and PRI queues share one layout (Arm IHI 0070, 3.5):
 * 2^LOG2SIZE entries at BASE, PROD/CONS indices with a wrap bit just above
 * the index.  Equal indices with equal wrap bits: empty; with different
 * wrap bits: full.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMUV3_PM_CORE_QUEUE_H
#define SMMUV3_PM_CORE_QUEUE_H

#include <stdbool.h>
#include <stdint.h>

#include "hw/arm/smmuv3-pm/core/base/state.h"
#include "hw/arm/smmuv3-pm/core/base/arch.h"

typedef struct SmmuPmQueue {
    uint64_t base;              /* address of entry 0 */
    unsigned log2size;          /* effective: capped at the IDR1 limit */
    unsigned entry_size;        /* bytes */
    uint32_t prod;              /* index and wrap bit only */
    uint32_t cons;
} SmmuPmQueue;

SmmuPmQueue smmu_pm_queue_cmdq(const SmmuPmCore *core);
SmmuPmQueue smmu_pm_queue_eventq(const SmmuPmCore *core);
SmmuPmQueue smmu_pm_queue_priq(const SmmuPmCore *core);

static inline uint32_t smmu_pm_queue_wrap_mask(const SmmuPmQueue *q)
{
    return (2u << q->log2size) - 1;
}

static inline bool smmu_pm_queue_empty(const SmmuPmQueue *q)
{
    return q->prod == q->cons;
}

/* Entries between CONS and PROD */
static inline uint32_t smmu_pm_queue_used(const SmmuPmQueue *q)
{
    return (q->prod - q->cons) & smmu_pm_queue_wrap_mask(q);
}

static inline bool smmu_pm_queue_full(const SmmuPmQueue *q)
{
    return (q->prod ^ q->cons) == (1u << q->log2size);
}

static inline uint32_t smmu_pm_queue_inc(const SmmuPmQueue *q, uint32_t idx)
{
    return (idx + 1) & smmu_pm_queue_wrap_mask(q);
}

static inline uint64_t smmu_pm_queue_slot(const SmmuPmQueue *q, uint32_t idx)
{
    return q->base + (uint64_t)(idx & ((1u << q->log2size) - 1)) *
                     q->entry_size;
}

/*
 * An output queue (event or PRI) in overflow: PROD.OVFLG differs from
 * CONS.OVACKFLG (not yet acknowledged)
 */
static inline bool smmu_pm_queue_overflowed(const SmmuPmQueueRegs *regs)
{
    return (regs->prod ^ regs->cons) & R_Q_IDX_OVFLG_MASK;
}

#endif /* SMMUV3_PM_CORE_QUEUE_H */
