/*
 * arm-smmuv3-pm core: the performance monitor counter group (PMCG)
 *
 * An SMMUv3 PMCG (Arm IHI 0070, ch. 10) is a set of 1 to 64 counters,
 * each counting one event chosen by its EVTYPER, optionally only for the
 * transactions of one StreamID or of a power-of-two range of them, with
 * an overflow interrupt (wired or MSI) and optional capture of all
 * counters into shadow registers (SVRn).  It has its own register pages
 * (page 0, and page 1 with RELOC_CTRS) and its own interrupt.
 *
 * This module is the PMCG alone: its registers, the counting and the
 * overflow.  The translation path feeds it once per transaction with
 * what that transaction did (smmu_pm_pmcg_count()) and the clock with
 * cycles (smmu_pm_pmcg_cycles()); the power layer tells it when its
 * power goes (smmu_pm_pmcg_power_off/on()); its register pages are in
 * pmcg-mmio.h.  It reaches the host through its own SmmuPmPmcgOps (log,
 * its wired interrupt, its MSI), not the SMMU's SmmuPmHostOps: its
 * interrupt is not one of the SMMU's lines (SmmuPmIrq).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMUV3_PM_CORE_PMCG_H
#define SMMUV3_PM_CORE_PMCG_H

#include <stdbool.h>
#include <stdint.h>

#include "hw/arm/smmuv3-pm/core/base/host.h"
#include "hw/arm/smmuv3-pm/core/base/config.h"

#define SMMU_PM_PMCG_MAX_COUNTERS       64
#define SMMU_PM_PMCG_MIN_COUNTER_BITS   32
#define SMMU_PM_PMCG_MAX_COUNTER_BITS   64

/* The architected cycle event: SMMU clock cycles, never SID-filtered */
#define SMMU_PM_PMCG_EVENT_CYCLES       0x0

/*
 * X(field, event number, what one transaction adds): every event counted
 * per transaction, architected (0x1-0x7, IHI 0070 ch. 10) and implementation
 * defined (0x80 up, as MMU-600/700 number theirs).
 * The list produces SmmuPmPmcgDelta and the event table of pmcg.c.
 */
#define SMMU_PM_PMCG_TXN_EVENTS(X) \
    X(transactions, 0x01, "1 per transaction the SMMU handled") \
    X(tlb_misses, 0x02, "TLB lookups that missed (walks started)") \
    X(cfg_misses, 0x03, "STE and CD lookups that missed the " \
      "configuration cache") \
    X(walk_accesses, 0x04, "table walk memory accesses, either stage") \
    X(cfg_accesses, 0x05, "STE and CD reads from memory") \
    X(ats_requests, 0x06, "ATS translation requests received") \
    X(ats_translated, 0x07, "transactions arriving already translated " \
      "(ATS)") \
    X(utlb_lookups, 0x80, "micro-TLB lookups") \
    X(utlb_misses, 0x81, "micro-TLB lookups that missed") \
    X(tlb_lookups, 0x82, "main TLB lookups (hits and misses)") \
    X(walkcache_lookups, 0x83, "walk-cache lookups (one per walk)") \
    X(walkcache_misses, 0x84, "walk-cache lookups that gave no table") \
    X(cfg_lookups, 0x85, "STE and CD configuration cache lookups")

/* What one transaction did: the increment of each event */
typedef struct SmmuPmPmcgDelta {
#define SMMU_PM_PMCG_DELTA_FIELD(field, id, doc) uint32_t field;
    SMMU_PM_PMCG_TXN_EVENTS(SMMU_PM_PMCG_DELTA_FIELD)
#undef SMMU_PM_PMCG_DELTA_FIELD
} SmmuPmPmcgDelta;

/* An implementation's choices (CFGR, IIDR, AIDR, PIDRn) */
typedef struct SmmuPmPmcgConfig {
    unsigned counters;          /* 1..64: CFGR.NCTR + 1 */
    unsigned counter_bits;      /* 32..64: CFGR.SIZE + 1 */
    bool reloc_ctrs;            /* counters in page 1 (CFGR.RELOC_CTRS) */
    bool msi;                   /* CFGR.MSI: IRQ_CFG0-2 implemented */
    bool global_filter;         /* CFGR.SID_FILTER_TYPE: counter 0's */
    bool capture;               /* CFGR.CAPTURE: SVRn, CAPR, OVFCAP */
    bool ats;                   /* events 6 and 7 implemented (CEID0) */
    SmmuPmIdentity identity;    /* IIDR, AIDR, PIDR0-7 */
} SmmuPmPmcgConfig;

/* What the PMCG itself counts (for traces and tests) */
typedef struct SmmuPmPmcgStats {
    uint64_t guest_errors;      /* accesses the architecture forbids */
    uint64_t overflows;         /* counter wraps (OVS set or already set) */
    uint64_t captures;          /* CAPR or OVFCAP snapshots into SVRn */
    uint64_t irq_pulses;        /* edges on its wired interrupt */
    uint64_t msis;              /* MSIs written */
    uint64_t msi_aborts;        /* of those, aborted by the bus */
} SmmuPmPmcgStats;

typedef struct SmmuPmPmcg SmmuPmPmcg;

/*
 * The PMCG's host: what the QEMU binding implements with QEMU services
 * (its own IRQ line and MSI path) and the unit tests with a fake
 */
typedef struct SmmuPmPmcgOps {
    /* A message of @kind (as the SMMU's, host.h); may be NULL */
    void (*log)(void *opaque, SmmuPmLogKind kind, const char *msg);
    /* An edge on the PMCG's wired overflow interrupt; may be NULL */
    void (*pulse_irq)(void *opaque);
    /*
     * Write an MSI (IRQ_CFG0's address, IRQ_CFG1's data, IRQ_CFG2's
     * MEMATTR and SH as @attr); false if the bus aborted the write.
     * Needed when the configuration has MSIs (SmmuPmPmcgConfig.msi).
     */
    bool (*send_msi)(void *opaque, uint64_t addr, uint32_t data,
                     uint32_t attr);
} SmmuPmPmcgOps;

/* The registers that hold state (the others are derived from the config) */
typedef struct SmmuPmPmcgRegs {
    uint64_t evcntr[SMMU_PM_PMCG_MAX_COUNTERS];
    uint64_t svr[SMMU_PM_PMCG_MAX_COUNTERS];
    uint32_t evtyper[SMMU_PM_PMCG_MAX_COUNTERS];
    uint32_t smr[SMMU_PM_PMCG_MAX_COUNTERS];
    uint64_t cnten;             /* CNTENSET0/CNTENCLR0 */
    uint64_t inten;             /* INTENSET0/INTENCLR0 */
    uint64_t ovs;               /* OVSSET0/OVSCLR0 */
    uint32_t cr;
    uint32_t irq_ctrl;
    uint32_t irq_ctrlack;
    uint64_t irq_cfg0;
    uint32_t irq_cfg1;
    uint32_t irq_cfg2;
} SmmuPmPmcgRegs;

struct SmmuPmPmcg {
    SmmuPmPmcgConfig cfg;
    const SmmuPmPmcgOps *ops;
    void *opaque;
    uint64_t impl;              /* one bit per implemented counter */
    uint64_t max;               /* a counter's largest value */
    SmmuPmPmcgRegs regs;
    bool powered;
    bool lose_regs;             /* powered off without retention */
    bool regs_lost;             /* see smmu_pm_pmcg_regs_lost() */
    SmmuPmPmcgStats stats;
};

/*
 * A configuration the PMCG accepts; false with *@errmsg (g_free it)
 * naming the property ("pmcg-counters", "pmcg-counter-bits") and its
 * valid range
 */
bool smmu_pm_pmcg_config_valid(const SmmuPmPmcgConfig *cfg, char **errmsg);

/*
 * A PMCG of a valid @cfg, at its reset values, powered, reaching its
 * host through @ops (with @opaque; @ops may be NULL without MSIs)
 */
SmmuPmPmcg *smmu_pm_pmcg_new(const SmmuPmPmcgConfig *cfg,
                             const SmmuPmPmcgOps *ops, void *opaque);
void smmu_pm_pmcg_free(SmmuPmPmcg *p);

/* Reset: every register to its reset value (not a power loss) */
void smmu_pm_pmcg_reset(SmmuPmPmcg *p);

/*
 * One transaction of StreamID @sid did @d: every enabled counter whose
 * event and StreamID filter match adds its event's increment
 */
void smmu_pm_pmcg_count(SmmuPmPmcg *p, uint32_t sid,
                        const SmmuPmPmcgDelta *d);

/* @n SMMU clock cycles went by: the counters of event 0 add @n */
void smmu_pm_pmcg_cycles(SmmuPmPmcg *p, uint64_t n);

/*
 * Power.  Off, the PMCG counts nothing; its registers keep their values
 * if @retain (retention state), else they are lost and power-on resets
 * them.  Register accesses while off are the caller's to refuse.
 */
void smmu_pm_pmcg_power_off(SmmuPmPmcg *p, bool retain);
void smmu_pm_pmcg_power_on(SmmuPmPmcg *p);
bool smmu_pm_pmcg_powered(const SmmuPmPmcg *p);

/*
 * The registers were reset by a power loss and software has written
 * none since: what it reads now is not what it programmed (for a checker
 * rule "counters read after power-up without re-programming")
 */
bool smmu_pm_pmcg_regs_lost(const SmmuPmPmcg *p);

const SmmuPmPmcgStats *smmu_pm_pmcg_stats(const SmmuPmPmcg *p);

/* The event's name ("transactions", "cycles"), or NULL if not implemented */
const char *smmu_pm_pmcg_event_name(uint32_t event);

/* ---- For pmcg-mmio.c: the side effects of its registers ---- */

/* Log through the host; a guest error is also counted */
void smmu_pm_pmcg_log(SmmuPmPmcg *p, SmmuPmLogKind kind, const char *fmt,
                      ...) __attribute__((format(printf, 3, 4)));

/* CAPR.CAPTURE, or an OVFCAP counter's overflow: every counter to SVRn */
void smmu_pm_pmcg_capture(SmmuPmPmcg *p);

/*
 * OVSSET0 set the OVS bits @set that were clear: interrupt as for an
 * overflow of those counters (no capture: nothing wrapped)
 */
void smmu_pm_pmcg_ovs_set(SmmuPmPmcg *p, uint64_t set);

/* CEID0 (@which 0) or CEID1 (1): the implemented events 0-127 */
uint64_t smmu_pm_pmcg_ceid(const SmmuPmPmcg *p, unsigned which);

#endif /* SMMUV3_PM_CORE_PMCG_H */
