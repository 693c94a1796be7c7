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
    uint32_t cmd_fetch_cycles;  /* one fetch of cmds_per_fetch commands */
    uint32_t cmd_cycles[SMMU_PM_CMDC__MAX];
    uint32_t cmds_per_fetch;    /* read by one fetch (a burst), >= 1 */

    /* Handshakes and output queues, cycles from cause to visible */
    uint32_t cr0ack_cycles;
    uint32_t gbpa_cycles;
    uint32_t irq_ctrlack_cycles;
    uint32_t event_cycles;      /* event record write + its interrupt */
    uint32_t pri_cycles;        /* PRI record write + its interrupt */
} SmmuPmTimingConfig;

/* A handshake register whose update the guest waits for */
typedef enum SmmuPmHandshake {
    SMMU_PM_HS_CR0,             /* CR0 -> CR0ACK */
    SMMU_PM_HS_GBPA,            /* GBPA.UPDATE 1 -> 0 */
    SMMU_PM_HS_IRQ_CTRL,        /* IRQ_CTRL -> IRQ_CTRLACK */
    SMMU_PM_HS__MAX,
} SmmuPmHandshake;

/* An output queue whose new records wait to become visible */
typedef enum SmmuPmOutq {
    SMMU_PM_OUTQ_EVENTQ,
    SMMU_PM_OUTQ_PRIQ,
    SMMU_PM_OUTQ__MAX,
} SmmuPmOutq;

/*
 * When the commands between CONS and a PROD value arrived: the PROD
 * writes not yet consumed, oldest first (a command's latency runs from
 * the PROD write that made it visible to the SMMU)
 */
#define SMMU_PM_CMDQ_ARRIVALS 32

typedef struct SmmuPmArrival {
    uint32_t prod;              /* PROD index with its wrap bit */
    uint64_t at_ns;
} SmmuPmArrival;

/* Latency of one kind of command, from arrival to consumption */
typedef struct SmmuPmLatency {
    uint64_t count;
    uint64_t min_ns;
    uint64_t max_ns;
    uint64_t sum_ns;
} SmmuPmLatency;

/* Command opcodes with a latency record (the opcode field is 8 bits) */
#define SMMU_PM_CMD_OPCODES 0x50

typedef struct SmmuPmTimingStats {
    SmmuPmLatency cmd_latency[SMMU_PM_CMD_OPCODES];
    uint64_t cmdq_busy_ns;      /* the command processor working */
    uint64_t cmdq_depth_max;    /* most commands waiting (PROD - CONS) */
    uint64_t cmdq_depth_sum;    /* ... summed at every PROD write */
    uint64_t cmdq_depth_samples;
    uint64_t on_ns;             /* power residency, completed periods */
    uint64_t off_ns;
    uint64_t since_ns;          /* start of the current period */
} SmmuPmTimingStats;

typedef struct SmmuPmTiming {
    SmmuPmTimingConfig cfg;
    /* Handshakes: the acknowledgement becomes visible at due_ns */
    bool hs_pending[SMMU_PM_HS__MAX];
    uint64_t hs_start_ns[SMMU_PM_HS__MAX];
    uint64_t hs_due_ns[SMMU_PM_HS__MAX];
    uint32_t gbpa_new;          /* the value GBPA takes at the update */
    /* Output queues: PROD as software sees it until publish_ns */
    bool outq_pending[SMMU_PM_OUTQ__MAX];
    uint32_t outq_visible_prod[SMMU_PM_OUTQ__MAX];
    uint64_t outq_written_ns[SMMU_PM_OUTQ__MAX];
    uint64_t outq_publish_ns[SMMU_PM_OUTQ__MAX];
    /* The command processor, a server taking one command at a time */
    bool cmd_scheduled;         /* the command at CONS completes at ... */
    uint64_t cmd_due_ns;
    uint64_t cmd_free_ns;       /* when it finished its last command */
    uint32_t fetch_credit;      /* commands left in the last fetch burst */
    SmmuPmArrival arrivals[SMMU_PM_CMDQ_ARRIVALS];
    uint32_t n_arrivals;
    SmmuPmTimingStats stats;
} SmmuPmTiming;

#endif /* SMMUV3_PM_CORE_BASE_TIMING_STATE_H */
