/*
 * arm-smmuv3-pm core: the SMMU's power domain
 *
 * The SMMU sits in a power domain that a power controller (SCMI, a PPU,
 * or a test) switches ON and OFF.  Power is a state of its own, not a
 * reset: while OFF the register file answers nothing (reads as zero or a
 * bus error, writes dropped) and incoming DMA is aborted; what survives
 * OFF, and what the caches hold at power-up, are properties, because real
 * parts differ and both can hurt a driver.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMUV3_PM_CORE_POWER_H
#define SMMUV3_PM_CORE_POWER_H

#include <stdbool.h>
#include <stdint.h>

typedef struct SmmuPmCore SmmuPmCore;

/* What survives OFF */
typedef enum SmmuPmRetention {
    SMMU_PM_RETAIN_NONE,        /* every register back to its reset value */
    SMMU_PM_RETAIN_REGISTERS,   /* a retention state: registers kept */
} SmmuPmRetention;

/* What the TLB, walk and configuration caches hold at power-up */
typedef enum SmmuPmPowerUpCaches {
    SMMU_PM_CACHES_CLEAN,       /* empty */
    SMMU_PM_CACHES_STALE,       /* the entries from before power-off */
    /*
     * Those entries, still valid-looking, with their output addresses and
     * table pointers scrambled: used, they translate wrongly
     */
    SMMU_PM_CACHES_GARBAGE,
} SmmuPmPowerUpCaches;

/* What a register access does while OFF */
typedef enum SmmuPmOffAccess {
    SMMU_PM_OFF_RAZ_WI,         /* reads as zero, writes dropped */
    SMMU_PM_OFF_BUS_ERROR,      /* both end in a bus error */
} SmmuPmOffAccess;

typedef struct SmmuPmPowerConfig {
    SmmuPmRetention retention;
    SmmuPmPowerUpCaches up_caches;
    SmmuPmOffAccess off_access;
    bool on_at_reset;           /* the domain's state after machine reset */
    uint64_t on_latency_ns;     /* request to ON, and to OFF */
    uint64_t off_latency_ns;
} SmmuPmPowerConfig;

typedef struct SmmuPmPowerStats {
    uint64_t power_ups;         /* OFF -> ON */
    uint64_t power_downs;
    uint64_t reads_while_off;
    uint64_t writes_while_off;
    uint64_t dma_while_off;
} SmmuPmPowerStats;

typedef struct SmmuPmPower {
    SmmuPmPowerConfig cfg;
    bool on;                    /* the SMMU's power state now */
    bool want_on;               /* the controller's last request */
    bool transition_pending;    /* want_on != on, due at transition_at */
    uint64_t transition_at_ns;
    SmmuPmPowerStats stats;
} SmmuPmPower;

/* Parse property values; -1 if unknown */
int smmu_pm_retention_parse(const char *name);
int smmu_pm_power_up_caches_parse(const char *name);
int smmu_pm_off_access_parse(const char *name);
const char *smmu_pm_retention_name(SmmuPmRetention v);
const char *smmu_pm_power_up_caches_name(SmmuPmPowerUpCaches v);
const char *smmu_pm_off_access_name(SmmuPmOffAccess v);

/* Defaults: nothing retained, clean caches, RAZ/WI, on at reset, instant */
void smmu_pm_power_config_default(SmmuPmPowerConfig *cfg);

/* Machine reset: the domain goes to its reset state, without checks */
void smmu_pm_power_reset(SmmuPmCore *core);

/*
 * The power controller asks for ON (@on) or OFF.  The SMMU gets there
 * after the configured latency: at once if it is 0, else when the host
 * calls smmu_pm_power_timer() at or after the deadline it was given.
 */
void smmu_pm_power_request(SmmuPmCore *core, bool on);
void smmu_pm_power_timer(SmmuPmCore *core);

/*
 * A register access while OFF: counted, reported by the checker; returns
 * false so the caller answers per cfg.off_access.  True when powered.
 */
bool smmu_pm_power_mmio_allowed(SmmuPmCore *core, uint64_t offset,
                                bool write);

/*
 * An incoming transaction arrived while OFF: count and report it (the
 * caller aborts it with a bus error)
 */
void smmu_pm_power_note_dma(SmmuPmCore *core, uint32_t sid, uint64_t addr,
                            bool write);

#endif /* SMMUV3_PM_CORE_POWER_H */
