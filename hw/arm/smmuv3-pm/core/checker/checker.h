/*
 * arm-smmuv3-pm core: the PM checker
 *
 * Named rules about how a driver must treat a power-gated SMMU.  Each
 * rule has a stable id, a one-line summary and a severity; the checker
 * counts every violation and keeps the details of the first one (virtual
 * time, what was involved, the power state).  The rules come from the
 * review of the SMMUv3 runtime/system-sleep series and the arm-smmu PM
 * discussions (docs/pm-checker.md lists them with their reasons).
 *
 * The checker never decides what the SMMU does: the architectural effect
 * of what the guest did (an aborted access, a lost event) happens in the
 * layer that owns it, which then reports here.  The checker keeps its own
 * state and counts (including the power domain's *_while_off counters),
 * reads the command queue from guest memory at power-off to name the
 * commands lost (nothing is written), and hands every violation to the
 * host (SmmuPmHostOps.pm_violation), which in pm-strict mode ends the run.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMUV3_PM_CORE_CHECKER_H
#define SMMUV3_PM_CORE_CHECKER_H

#include <stdbool.h>
#include <stdint.h>

#include "hw/arm/smmuv3-pm/core/base/state.h"

extern const SmmuPmRuleInfo smmu_pm_rules[SMMU_PM_RULE__MAX];

const char *smmu_pm_severity_name(SmmuPmSeverity severity);

/* Forget every violation and all protocol state (machine reset) */
void smmu_pm_checker_reset(SmmuPmChecker *chk);

/* Record a violation of @rule; @fmt says what was involved */
void smmu_pm_check_fire(SmmuPmCore *core, SmmuPmRule rule, const char *fmt,
                        ...) __attribute__((format(printf, 3, 4)));

/* Number of violations of rules of @severity */
uint64_t smmu_pm_checker_count(const SmmuPmChecker *chk,
                               SmmuPmSeverity severity);

/* ---- What the rest of the core tells the checker ------------------------ */

/* Power is about to go: pending work is judged before state is lost */
void smmu_pm_check_power_off(SmmuPmCore *core);
/* Power came back (from OFF) */
void smmu_pm_check_power_up(SmmuPmCore *core);
/* A command was consumed successfully */
void smmu_pm_check_command(SmmuPmCore *core, unsigned op, bool cfgi_all);
/* SMMUEN went from 0 to 1 (CR0ACK) */
void smmu_pm_check_enable(SmmuPmCore *core);
/* The Last request of group @prgi of @sid was queued at PRIQ @index */
void smmu_pm_check_prg_queued(SmmuPmCore *core, uint32_t sid, uint16_t prgi,
                              uint32_t index);
/* CMD_PRI_RESP answered group @prgi of @sid */
void smmu_pm_check_prg_answered(SmmuPmCore *core, uint32_t sid,
                                uint16_t prgi);
/* CMDQ_BASE was written */
void smmu_pm_check_cmdq_base(SmmuPmCore *core);
/* CMDQ_PROD is about to be written with @value */
void smmu_pm_check_cmdq_prod(SmmuPmCore *core, uint32_t value);
/*
 * Register @reg is being written while the SMMU has not acknowledged the
 * update of @pending ("CR0", "GBPA", "IRQ_CTRL")
 */
void smmu_pm_check_write_before_ack(SmmuPmCore *core, const char *reg,
                                    const char *pending);
/* IRQ_CFG0 of @src was written with @addr */
void smmu_pm_check_msi_config(SmmuPmCore *core, SmmuPmMsiSource src);
/* IRQ_CTRL enables @src from now on (it was disabled) */
void smmu_pm_check_irq_enable(SmmuPmCore *core, SmmuPmMsiSource src);
/* An incoming transaction met SMMUEN=0; @bypassed: GBPA let it through */
void smmu_pm_check_dma_disabled(SmmuPmCore *core, uint32_t sid,
                                uint64_t addr, bool bypassed);

/*
 * A register access to @name (at @offset) while the SMMU is OFF: counted
 * and reported; the caller answers per power.cfg.off_access
 */
void smmu_pm_check_access_while_off(SmmuPmCore *core, const char *name,
                                    uint64_t offset, bool write);

/* An incoming transaction or page request while OFF: counted, reported */
void smmu_pm_check_dma_while_off(SmmuPmCore *core, uint32_t sid,
                                 uint64_t addr, bool write);

#endif /* SMMUV3_PM_CORE_CHECKER_H */
