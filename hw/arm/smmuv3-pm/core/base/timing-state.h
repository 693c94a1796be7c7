/*
 * arm-smmuv3-pm core: the state and configuration of the timing model
 *
 * Functional first, timing directed: every architectural effect happens
 * in the functional core; the timing model decides when the guest sees
 * it (CONS advancing, CMD_SYNC completion, CR0ACK, GBPA.UPDATE,
 * IRQ_CTRLACK, event and PRI records and their interrupts) and what each
 * translation costs in SMMU clock cycles.  With timing off every effect
 * is instant and no cycle is counted, as before the model had time.
 *
 * Part of SmmuPmCore (base/state.h); base/timing.c works on it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMUV3_PM_CORE_BASE_TIMING_STATE_H
#define SMMUV3_PM_CORE_BASE_TIMING_STATE_H

#include <stdbool.h>
#include <stdint.h>

/* Commands by what they cost (a TLBI by address costs per page too) */
typedef enum SmmuPmCmdClass {
    SMMU_PM_CMDC_PREFETCH,      /* CMD_PREFETCH_CONFIG/ADDR: a hint */
    SMMU_PM_CMDC_CFGI,          /* CFGI_STE, _CD, _CD_ALL */
    SMMU_PM_CMDC_CFGI_ALL,      /* CFGI_STE_RANGE */
    SMMU_PM_CMDC_TLBI_VA,       /* TLBI_*_VA/_VAA/_IPA, per page */
    SMMU_PM_CMDC_TLBI_ASID,     /* TLBI_NH_ASID, TLBI_EL2_ASID */
    SMMU_PM_CMDC_TLBI_VMID,     /* TLBI_NH_ALL, TLBI_S12_VMALL */
    SMMU_PM_CMDC_TLBI_ALL,      /* TLBI_NSNH_ALL, TLBI_EL2_ALL */
    SMMU_PM_CMDC_ATC_INV,       /* a round trip to the endpoint */
    SMMU_PM_CMDC_PRI_RESP,
    SMMU_PM_CMDC_RESUME,        /* CMD_RESUME, CMD_STALL_TERM */
    SMMU_PM_CMDC_SYNC,          /* on top of waiting for what precedes it */
    SMMU_PM_CMDC__MAX,
} SmmuPmCmdClass;

typedef struct SmmuPmTimingConfig {
    bool enabled;
    uint32_t clock_mhz;         /* SMMU clock: cycles per microsecond */

    /* Translation path, cycles per lookup or access */
    uint32_t utlb_cycles;       /* micro-TLB lookup (TBU) */
    uint32_t tlb_cycles;        /* main TLB lookup (TBU) */
    uint32_t link_cycles;       /* TBU <-> TCU, each way, on a TLB miss */
    uint32_t cfg_cycles;        /* configuration cache lookup (TCU) */
    uint32_t walkcache_cycles;  /* walk cache lookup (TCU), per probe */
    uint32_t mem_cycles;        /* one table-walk / structure memory read */

    /* Command queue */
    uint32_t cmd_fetch_cycles;  /* fetch and decode, every command */
    uint32_t cmd_cycles[SMMU_PM_CMDC__MAX];
    uint32_t cmds_per_step;     /* consumed per scheduled step, >= 1 */

    /* Handshakes and output queues, cycles from cause to visible */
    uint32_t cr0ack_cycles;
    uint32_t gbpa_cycles;
    uint32_t irq_ctrlack_cycles;
    uint32_t event_cycles;      /* event record write + its interrupt */
    uint32_t pri_cycles;        /* PRI record write + its interrupt */
} SmmuPmTimingConfig;

typedef struct SmmuPmTiming {
    SmmuPmTimingConfig cfg;
} SmmuPmTiming;

#endif /* SMMUV3_PM_CORE_BASE_TIMING_STATE_H */
