/*
 * arm-smmuv3-pm core: the PM checker's rules and state (checker/checker.c works on
 * them)
 *
 * Part of SmmuPmCore (base/state.h), so they are defined below every
 * layer that reports to the checker.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMUV3_PM_CORE_BASE_CHECKER_STATE_H
#define SMMUV3_PM_CORE_BASE_CHECKER_STATE_H

#include <stdbool.h>
#include <stdint.h>

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
    SMMU_PM_RULE_OFF_BEFORE_ACK,
    SMMU_PM_RULE_OFF_BEFORE_SYNC,
    SMMU_PM_RULE_WRITE_BEFORE_ACK,
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

#endif /* SMMUV3_PM_CORE_BASE_CHECKER_STATE_H */
