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
 * The checker only observes: the architectural effect of what the guest
 * did (an aborted access, a lost event) happens elsewhere in the core.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMUV3_PM_CORE_CHECKER_H
#define SMMUV3_PM_CORE_CHECKER_H

#include <stdbool.h>
#include <stdint.h>

typedef struct SmmuPmCore SmmuPmCore;

typedef enum SmmuPmRule {
    SMMU_PM_RULE_ACCESS_WHILE_OFF,
    SMMU_PM_RULE_DMA_WHILE_OFF,
    SMMU_PM_RULE_ENABLE_WITHOUT_INVALIDATION,
    SMMU_PM_RULE_OFF_WITH_COMMANDS,
    SMMU_PM_RULE_OFF_WITH_EVENTS,
    SMMU_PM_RULE_OFF_WITH_PRI,
    SMMU_PM_RULE_OFF_WITH_PRG_UNANSWERED,
    SMMU_PM_RULE_OFF_WITH_STALLS,
    SMMU_PM_RULE_OFF_WITH_GERROR,
    SMMU_PM_RULE_BYPASS_WINDOW,
    SMMU_PM_RULE_MSI_NOT_RESTORED,
    SMMU_PM_RULE_CMDQ_NOT_RESTORED,
    SMMU_PM_RULE_DMA_BEFORE_ENABLE,
    SMMU_PM_RULE__MAX,
} SmmuPmRule;

typedef enum SmmuPmSeverity {
    SMMU_PM_SEVERITY_WARNING,   /* work lost or delayed, or a likely bug */
    SMMU_PM_SEVERITY_ERROR,     /* wrong translation, lost DMA, or a hang */
} SmmuPmSeverity;

typedef struct SmmuPmRuleInfo {
    const char *id;
    const char *summary;
    SmmuPmSeverity severity;
} SmmuPmRuleInfo;

#define SMMU_PM_VIOLATION_DETAIL_LEN 160

typedef struct SmmuPmViolation {
    uint64_t count;
    uint64_t first_ns;          /* virtual time of the first one */
    bool first_powered;         /* the power state at the first one */
    char first_detail[SMMU_PM_VIOLATION_DETAIL_LEN];
} SmmuPmViolation;

/* The interrupt sources whose MSI configuration the driver must restore */
typedef enum SmmuPmMsiSource {
    SMMU_PM_MSI_EVENTQ,
    SMMU_PM_MSI_GERROR,
    SMMU_PM_MSI_PRIQ,
    SMMU_PM_MSI__MAX,
} SmmuPmMsiSource;

/*
 * A Page Request Group whose Last request the SMMU queued: the endpoint
 * waits for CMD_PRI_RESP.  Nothing in the SMMU keeps these; the checker
 * does, to know what the driver still owes at power-off.
 */
#define SMMU_PM_OWED_PRGS 64

typedef struct SmmuPmOwedPrg {
    bool owed;
    bool in_queue;              /* @index still names its PRIQ entry */
    uint32_t sid;
    uint16_t prgi;
    uint32_t index;             /* PRIQ index (with wrap) of the entry */
} SmmuPmOwedPrg;

typedef struct SmmuPmChecker {
    SmmuPmViolation v[SMMU_PM_RULE__MAX];
    /*
     * Protocol state.  "Window": from a power-up out of OFF until the
     * driver sets SMMUEN again.
     */
    bool in_window;
    bool cfgi_all_seen;         /* in the window, in command order */
    bool tlbi_all_seen;
    bool inval_synced;          /* ... both completed by a CMD_SYNC */
    /* SMMUEN has been 1 since reset: the driver set up translation */
    bool translation_set_up;
    /* MSI address each source had when power went off (0: none) */
    uint64_t msi_before_off[SMMU_PM_MSI__MAX];
    bool msi_restored[SMMU_PM_MSI__MAX];
    /*
     * The command queue was enabled when power went and the registers
     * were lost; cleared once software writes CMDQ_BASE again
     */
    bool cmdq_lost;
    SmmuPmOwedPrg owed[SMMU_PM_OWED_PRGS];
    uint32_t owed_untracked;    /* owed groups the table had no room for */
} SmmuPmChecker;

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
/* IRQ_CFG0 of @src was written with @addr */
void smmu_pm_check_msi_config(SmmuPmCore *core, SmmuPmMsiSource src);
/* IRQ_CTRL enables @src from now on (it was disabled) */
void smmu_pm_check_irq_enable(SmmuPmCore *core, SmmuPmMsiSource src);
/* An incoming transaction met SMMUEN=0; @bypassed: GBPA let it through */
void smmu_pm_check_dma_disabled(SmmuPmCore *core, uint32_t sid,
                                uint64_t addr, bool bypassed);

#endif /* SMMUV3_PM_CORE_CHECKER_H */
