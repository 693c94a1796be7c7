/*
 * arm-smmuv3-pm core: life cycle
 *
 * Binding a core to its configuration and host, its caches, the
 * architectural reset and the host's entry point for deferred work.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <string.h>

#include "hw/arm/smmuv3-pm/core/smmuv3-pm-core.h"
#include "hw/arm/smmuv3-pm/core/base/log.h"
#include "hw/arm/smmuv3-pm/core/base/timing.h"

void smmu_pm_cache_config_default(SmmuPmCacheConfig *caches)
{
    smmu_pm_cache_config_preset(SMMU_PM_MODEL_GENERIC, caches);
}

/*
 * The CoreLink presets (docs/user.md gives the sources): MMU-600 with a
 * 2048-entry 4-way main TLB (gem5's SMMUv3 default; the MMU-600 TLB is
 * four-way), the walk caches of a shipped MMU-600 TCU (256 entries for
 * each stage and level: 2048, held here in one structure) and its
 * 256-entry configuration cache; MMU-700 with a 4096-entry 8-way main
 * TLB and a 2048-entry 8-way unified walk cache (within its TRM's
 * ranges).  Replacement stays LRU.
 */
void smmu_pm_cache_config_preset(SmmuPmModel model, SmmuPmCacheConfig *caches)
{
    SmmuPmCacheGeom tlb = { SMMU_PM_TLB_DEFAULT_SETS,
                            SMMU_PM_TLB_DEFAULT_WAYS, SMMU_PM_REPL_LRU };
    SmmuPmCacheGeom walk = { SMMU_PM_WALKCACHE_DEFAULT_SETS,
                             SMMU_PM_WALKCACHE_DEFAULT_WAYS,
                             SMMU_PM_REPL_LRU };
    SmmuPmCacheGeom cfg = { SMMU_PM_CFG_DEFAULT_SETS,
                            SMMU_PM_CFG_DEFAULT_WAYS, SMMU_PM_REPL_LRU };

    switch (model) {
    case SMMU_PM_MODEL_MMU600:
        tlb = (SmmuPmCacheGeom) { 512, 4, SMMU_PM_REPL_LRU };
        walk = (SmmuPmCacheGeom) { 512, 4, SMMU_PM_REPL_LRU };
        break;
    case SMMU_PM_MODEL_MMU700:
        tlb = (SmmuPmCacheGeom) { 512, 8, SMMU_PM_REPL_LRU };
        walk = (SmmuPmCacheGeom) { 256, 8, SMMU_PM_REPL_LRU };
        break;
    default:
        break;
    }
    *caches = (SmmuPmCacheConfig) { .tlb = tlb, .walk = walk, .cfg = cfg };
}

void smmu_pm_core_init(SmmuPmCore *c, const SmmuPmConfig *cfg,
                       const SmmuPmCacheConfig *caches,
                       const SmmuPmHostOps *host, void *host_opaque)
{
    SmmuPmCacheConfig def;

    if (!caches) {
        smmu_pm_cache_config_default(&def);
        caches = &def;
    }
    memset(c, 0, sizeof(*c));
    c->cfg = *cfg;
    c->identity = smmu_pm_model_identity(cfg->model);
    c->host = host;
    c->host_opaque = host_opaque;
    c->tlb = smmu_pm_tlb_new(&caches->tlb, &caches->walk);
    c->cfgcache = smmu_pm_cache_new(&caches->cfg, smmu_pm_cfgcache_entry_size());
    smmu_pm_power_config_default(&c->power.cfg);
    smmu_pm_timing_preset(cfg->model, &c->timing.cfg);
}

void smmu_pm_core_finalize(SmmuPmCore *c)
{
    smmu_pm_tlb_free(c->tlb);
    smmu_pm_cache_free(c->cfgcache);
    c->tlb = NULL;
    c->cfgcache = NULL;
}

void smmu_pm_core_run(SmmuPmCore *c)
{
    bool more;

    if (smmu_pm_timing_on(c)) {
        more = smmu_pm_cmdq_timed_run(c, smmu_pm_now_ns(c),
                                      SMMU_PM_RUN_BUDGET);
    } else {
        more = smmu_pm_cmdq_process(c, SMMU_PM_RUN_BUDGET);
    }
    if (more) {
        smmu_pm_kick(c);
    }
}

void smmu_pm_core_timer(SmmuPmCore *c)
{
    uint64_t now = smmu_pm_now_ns(c);

    smmu_pm_power_timer(c);
    if (smmu_pm_powered(c)) {
        smmu_pm_regs_timer(c, now);
        smmu_pm_timing_outq_publish(c, now);
        if (smmu_pm_timing_on(c) &&
            smmu_pm_cmdq_timed_run(c, now, SMMU_PM_RUN_BUDGET)) {
            smmu_pm_kick(c);
        }
    }
    smmu_pm_timing_rearm(c);
}

void smmu_pm_core_reset(SmmuPmCore *c)
{
    smmu_pm_timing_forget(c);
    smmu_pm_regs_reset(c);
    /* Caches come out of reset invalid */
    smmu_pm_tlb_invalidate_all(c->tlb);
    smmu_pm_cfgcache_inv_all(c);
    smmu_pm_power_reset(c);
    smmu_pm_stall_reset(c);
    smmu_pm_checker_reset(&c->checker);
    smmu_pm_notify_translation_changed(c);
}
