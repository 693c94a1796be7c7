/*
 * arm-smmuv3-pm core: the timing model's clock and deadlines
 *
 * The layers above decide what happens; this file decides when software
 * sees it.  It keeps every pending deadline (handshake acknowledgements,
 * output-queue records becoming visible, the command processor's next
 * completion, a power transition) and asks the host for one timer at the
 * earliest of them (SmmuPmHostOps.set_timer); the host then calls
 * smmu_pm_core_timer(), which lets each layer finish what is due.
 *
 * With timing off (cfg.enabled false) nothing is ever pending: callers
 * apply their effect at once, exactly as before the model had time.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMUV3_PM_CORE_BASE_TIMING_H
#define SMMUV3_PM_CORE_BASE_TIMING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hw/arm/smmuv3-pm/core/base/config.h"
#include "hw/arm/smmuv3-pm/core/base/state.h"
#include "hw/arm/smmuv3-pm/core/base/timing-state.h"

/* ---- Configuration ------------------------------------------------------ */

/* One user-settable latency: a field of SmmuPmTimingConfig */
typedef struct SmmuPmTimingParam {
    const char *name;           /* the property: "tlb-cycles" */
    size_t offset;              /* of the uint32_t in SmmuPmTimingConfig */
    uint32_t min, max;
    const char *doc;
} SmmuPmTimingParam;

extern const SmmuPmTimingParam smmu_pm_timing_params[];
extern const unsigned smmu_pm_timing_n_params;

/* The user's choices: SMMU_PM_UNSET where the model preset decides */
typedef struct SmmuPmTimingUser {
    int enabled;                        /* SMMU_PM_UNSET, 0 or 1 */
    int64_t value[32];                  /* per smmu_pm_timing_params[] */
} SmmuPmTimingUser;

void smmu_pm_timing_user_init(SmmuPmTimingUser *user);

/*
 * The latencies of @model (docs/user.md gives the source of each); timing
 * is on for mmu600 and mmu700, off for generic
 */
void smmu_pm_timing_preset(SmmuPmModel model, SmmuPmTimingConfig *cfg);

/*
 * @user over the preset of @model into @cfg.  False, with *@errmsg (g_free
 * it) naming the property and its valid range, on a value out of range.
 */
bool smmu_pm_timing_resolve(SmmuPmModel model, const SmmuPmTimingUser *user,
                            SmmuPmTimingConfig *cfg, char **errmsg);

uint32_t *smmu_pm_timing_field(SmmuPmTimingConfig *cfg,
                               const SmmuPmTimingParam *param);

/* Virtual nanoseconds of @cycles of the SMMU clock, rounded up */
uint64_t smmu_pm_cycles_to_ns(const SmmuPmTimingConfig *cfg,
                              uint64_t cycles);

/* ---- Deadlines ----------------------------------------------------------- */

static inline bool smmu_pm_timing_on(const SmmuPmCore *core)
{
    return core->timing.cfg.enabled && core->host->set_timer;
}

/* Tell the host (its trace) that a delayed effect became visible */
void smmu_pm_timing_trace(SmmuPmCore *core, const char *what, uint64_t value,
                          uint64_t latency_ns);

/* Forget everything pending (reset, power-off): nothing becomes visible */
void smmu_pm_timing_forget(SmmuPmCore *core);

/* Ask the host for a timer at the earliest pending deadline */
void smmu_pm_timing_rearm(SmmuPmCore *core);

/* The virtual time @cycles from now */
uint64_t smmu_pm_timing_after(const SmmuPmCore *core, uint64_t cycles);

/* A handshake update starts now; its acknowledgement is due later */
void smmu_pm_timing_handshake_start(SmmuPmCore *core, SmmuPmHandshake hs);

/* @hs was started and is not yet acknowledged */
static inline bool smmu_pm_timing_handshake_pending(const SmmuPmCore *core,
                                                    SmmuPmHandshake hs)
{
    return core->timing.hs_pending[hs];
}

/* @hs is pending and due at @now: it is no longer pending */
bool smmu_pm_timing_handshake_take(SmmuPmCore *core, SmmuPmHandshake hs,
                                   uint64_t now);

/* ---- Output queues ------------------------------------------------------- */

/*
 * A record was written to @q, whose PROD was @old_prod before it: signal
 * the queue's interrupt now (timing off) or make the record and its
 * interrupt visible after the queue's latency
 */
void smmu_pm_timing_outq_written(SmmuPmCore *core, SmmuPmOutq q,
                                 uint32_t old_prod);

/* PROD of @q as software reads it (@prod: the SMMU's own write index) */
uint32_t smmu_pm_timing_outq_prod(const SmmuPmCore *core, SmmuPmOutq q,
                                  uint32_t prod);

/* Publish the output queues whose latency has passed at @now */
void smmu_pm_timing_outq_publish(SmmuPmCore *core, uint64_t now);

/* Software wrote @q's PROD (queue disabled): nothing is left to publish */
void smmu_pm_timing_outq_reset(SmmuPmCore *core, SmmuPmOutq q);

/* ---- Command queue arrivals and latency ---------------------------------- */

/* CMDQ_PROD was written with @prod, leaving @depth commands to consume */
void smmu_pm_timing_cmd_arrival(SmmuPmCore *core, uint32_t prod,
                                uint32_t depth);

/* When the command at CONS arrived (its PROD write); now if unknown */
uint64_t smmu_pm_timing_cmd_arrived_ns(const SmmuPmCore *core);

/*
 * The command at CONS, of opcode @op, was consumed at @done_ns; CONS is
 * now @cons and @wrap_mask its index mask with the wrap bit
 */
void smmu_pm_timing_cmd_consumed(SmmuPmCore *core, unsigned op,
                                 uint64_t done_ns, uint32_t cons,
                                 uint32_t wrap_mask);

/* The command queue stopped or was reset: forget its arrivals */
void smmu_pm_timing_cmd_idle(SmmuPmCore *core);

/* ---- Power residency ----------------------------------------------------- */

/* The domain turned on (@on) or off at virtual time @now */
void smmu_pm_timing_power_changed(SmmuPmCore *core, bool on, uint64_t now);

#endif /* SMMUV3_PM_CORE_BASE_TIMING_H */
