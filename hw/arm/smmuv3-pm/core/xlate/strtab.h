/*
 * arm-smmuv3-pm core: configuration lookup
 *
 * Finding the STE of a StreamID (linear or 2-level stream table) and the
 * CD of a SubstreamID (linear or 2-level CD table), through the
 * configuration cache.  A lookup that fails fills the event to record.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMUV3_PM_CORE_STRTAB_H
#define SMMUV3_PM_CORE_STRTAB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hw/arm/smmuv3-pm/core/queues/event.h"
#include "hw/arm/smmuv3-pm/core/xlate/ste.h"

typedef enum SmmuPmLookup {
    SMMU_PM_LOOKUP_OK,
    SMMU_PM_LOOKUP_EVENT,       /* fault: record the event, then abort */
    SMMU_PM_LOOKUP_SILENT,      /* abort without an event */
} SmmuPmLookup;

/*
 * Stage-2 translation of a CD-table IPA for a nested STE (CLASS CD):
 * returns false with @ev filled on a stage-2 fault.
 */
typedef bool SmmuPmIpaTranslate(void *opaque, uint64_t ipa, uint64_t *pa,
                                SmmuPmEvent *ev);

/*
 * The STE of @sid; @ev has sid/ssid/ssv preset by the caller.  *@entry is
 * the configuration cache's entry when the lookup hit it (else NULL),
 * valid while the cache's generation stays (smmu_pm_cache_generation):
 * for the micro-TLB, which answers for it later and then accounts its
 * hit itself (smmu_pm_cache_touch and cfg_hits).
 */
SmmuPmLookup smmu_pm_ste_lookup(SmmuPmCore *core, uint32_t sid,
                                SmmuPmSte *ste, SmmuPmEvent *ev,
                                const void **entry);

/*
 * CD number @index of @ste for stream @sid.  For a nested STE, @s2 (with
 * @opaque) translates the table addresses.  *@entry as for the STE.
 */
SmmuPmLookup smmu_pm_cd_lookup(SmmuPmCore *core, uint32_t sid,
                               const SmmuPmSte *ste, uint32_t index,
                               SmmuPmIpaTranslate *s2, void *opaque,
                               SmmuPmCd *cd, SmmuPmEvent *ev,
                               const void **entry);

/* Size of a configuration cache entry, for smmu_pm_cache_new() */
size_t smmu_pm_cfgcache_entry_size(void);

/* Configuration cache invalidation (CMD_CFGI_*) */
void smmu_pm_cfgcache_inv_sid_range(SmmuPmCore *core, uint32_t first,
                                    uint32_t last);
void smmu_pm_cfgcache_inv_cd(SmmuPmCore *core, uint32_t sid, uint32_t ssid);
void smmu_pm_cfgcache_inv_cd_all(SmmuPmCore *core, uint32_t sid);
void smmu_pm_cfgcache_inv_all(SmmuPmCore *core);

/*
 * Power-up with garbage caches: cached STEs and CDs stay valid with their
 * table pointers (CD table, stage-1 and stage-2 TTBs) XORed with
 * smmu_pm_garbage_pattern(@seed)
 */
void smmu_pm_cfgcache_scramble(SmmuPmCore *core, uint64_t seed);

#endif /* SMMUV3_PM_CORE_STRTAB_H */
