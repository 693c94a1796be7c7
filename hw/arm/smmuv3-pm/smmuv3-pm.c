/*
 * arm-smmuv3-pm: QEMU binding of the SMMUv3 core
 *
 * The QOM device, its properties, the two 64 KiB register pages, wired
 * interrupts and MSIs, reset and migration.  Architectural behaviour lives
 * in core/; this file only adapts it to QEMU.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/visitor.h"
#include "qobject/qdict.h"
#include "qemu/error-report.h"
#include "qemu/log.h"
#include "hw/irq.h"
#include "hw/pci/pci_bus.h"
#include "hw/pci/pci_device.h"
#include "hw/pci/pci_host.h"
#include "hw/qdev-properties.h"
#include "hw/qdev-properties-system.h"
#include "migration/vmstate.h"
#include "exec/address-spaces.h"
#include "system/runstate.h"
#include "smmuv3-pm-internal.h"
#include "trace.h"

/* ---- Host interface for the core --------------------------------------- */

static void host_log(void *opaque, SmmuPmLogKind kind, const char *msg)
{
    switch (kind) {
    case SMMU_PM_LOG_GUEST_ERROR:
        qemu_log_mask(LOG_GUEST_ERROR, "%s: %s\n", TYPE_ARM_SMMUV3_PM, msg);
        break;
    case SMMU_PM_LOG_UNIMP:
        qemu_log_mask(LOG_UNIMP, "%s: %s\n", TYPE_ARM_SMMUV3_PM, msg);
        break;
    case SMMU_PM_LOG_INFO:
        break;
    }
    trace_smmuv3_pm_core_info(msg);
}

/* Absolute address of the register pages (the device may sit on a bus) */
static bool smmuv3_pm_own_range(ArmSmmuV3PmState *s, uint64_t addr,
                                unsigned len)
{
    hwaddr base = 0;
    MemoryRegion *mr;

    for (mr = &s->iomem; mr; mr = mr->container) {
        base += mr->addr;
    }
    return addr < base + ARM_SMMUV3_PM_MMIO_SIZE && addr + len > base;
}

static void host_pulse_irq(void *opaque, SmmuPmIrq line)
{
    ArmSmmuV3PmState *s = opaque;

    trace_smmuv3_pm_irq_pulse(line);
    qemu_irq_pulse(s->irq[line]);
}

static bool host_send_msi(void *opaque, uint64_t addr, uint32_t data,
                          uint32_t memattr_sh)
{
    ArmSmmuV3PmState *s = opaque;
    MemTxAttrs attrs = {
        .requester_id = s->msi_devid,
    };
    MemTxResult res;

    if (smmuv3_pm_own_range(s, addr, 4)) {
        trace_smmuv3_pm_msi(addr, data, false);
        return false;
    }
    address_space_stl_le(&address_space_memory, addr, data, attrs, &res);
    trace_smmuv3_pm_msi(addr, data, res == MEMTX_OK);
    return res == MEMTX_OK;
}

static void host_translation_changed(void *opaque)
{
    smmuv3_pm_iommu_invalidate_all(opaque);
}

/*
 * The SMMU's own accesses to memory.  One aimed at the SMMU's registers
 * would re-enter the device with its lock held: the bus aborts it, as an
 * interconnect that does not route a requester back to itself would.
 */
static bool host_dma_read(void *opaque, uint64_t addr, void *buf,
                          unsigned len)
{
    ArmSmmuV3PmState *s = opaque;

    if (smmuv3_pm_own_range(s, addr, len)) {
        memset(buf, 0, len);
        return false;
    }
    return address_space_read(&address_space_memory, addr,
                              MEMTXATTRS_UNSPECIFIED, buf, len) == MEMTX_OK;
}

static bool host_dma_write(void *opaque, uint64_t addr, const void *buf,
                           unsigned len)
{
    ArmSmmuV3PmState *s = opaque;

    if (smmuv3_pm_own_range(s, addr, len)) {
        return false;
    }
    return address_space_write(&address_space_memory, addr,
                               MEMTXATTRS_UNSPECIFIED, buf, len) == MEMTX_OK;
}

/* Run the core after the register access that asked for it */
static void host_kick(void *opaque)
{
    ArmSmmuV3PmState *s = opaque;

    s->run_pending = true;
}

static const SmmuPmHostOps smmuv3_pm_host_ops = {
    .log = host_log,
    .pulse_irq = host_pulse_irq,
    .send_msi = host_send_msi,
    .translation_changed = host_translation_changed,
    .dma_read = host_dma_read,
    .dma_write = host_dma_write,
    .kick = host_kick,
    .now_ns = smmuv3_pm_host_now_ns,
    .set_timer = smmuv3_pm_host_set_timer,
    .pm_violation = smmuv3_pm_host_pm_violation,
    .stall_done = smmuv3_pm_host_stall_done,
    .pri_response = smmuv3_pm_host_pri_response,
    .timed_effect = smmuv3_pm_host_timed_effect,
};

/*
 * Work the core asked for during an access (command consumption): one
 * run, bounded by the core (SMMU_PM_RUN_BUDGET commands), right after
 * the access.  If the core asks for more, the rest runs from a bottom
 * half, a run at a time: a guest that makes a huge queue available with
 * one CMDQ_PROD write does not hold its vCPU and the BQL until it drains.
 * With timing on, a run only schedules: the core completes commands
 * from its timer, in virtual time.
 */
void smmuv3_pm_run_pending(ArmSmmuV3PmState *s)
{
    if (!s->run_pending) {
        return;
    }
    s->run_pending = false;
    smmu_pm_core_run(&s->core);
    if (s->run_pending) {
        qemu_bh_schedule(s->run_bh);
    }
}

static void smmuv3_pm_run_bh(void *opaque)
{
    ArmSmmuV3PmState *s = opaque;

    /* Paused: the commands wait (run_pending), see smmuv3_pm_vm_change */
    if (!runstate_is_running()) {
        return;
    }
    qemu_mutex_lock(&s->lock);
    smmuv3_pm_run_pending(s);
    qemu_mutex_unlock(&s->lock);
}

/*
 * The bottom halves (the rest of a bounded run, stall answers to the
 * masters) work only while the VM runs, as the SMMU would with its clock
 * stopped: a paused VM ("stop", a migration's last phase) does not see
 * its command queue move or its masters resume, and the work waits in
 * the state a migration carries until the VM runs again, here or on the
 * destination
 */
static void smmuv3_pm_vm_change(void *opaque, bool running, RunState state)
{
    ArmSmmuV3PmState *s = opaque;

    if (running) {
        qemu_bh_schedule(s->run_bh);
        qemu_bh_schedule(s->stall_bh);
    }
}

/* ---- Register pages ---------------------------------------------------- */

/*
 * While the SMMU is off the core answers (zero, counted and reported);
 * with power-off-access=bus-error the interconnect then fails the access.
 */
static MemTxResult smmuv3_pm_off_result(ArmSmmuV3PmState *s, bool powered)
{
    return !powered && s->core.power.cfg.off_access == SMMU_PM_OFF_BUS_ERROR ?
           MEMTX_ERROR : MEMTX_OK;
}

static MemTxResult smmuv3_pm_read(void *opaque, hwaddr offset, uint64_t *data,
                                  unsigned size, MemTxAttrs attrs)
{
    ArmSmmuV3PmState *s = opaque;
    bool powered;

    qemu_mutex_lock(&s->lock);
    powered = smmu_pm_powered(&s->core);
    *data = smmu_pm_mmio_read(&s->core, offset, size);
    qemu_mutex_unlock(&s->lock);
    trace_smmuv3_pm_mmio_read(offset, size, *data);
    return smmuv3_pm_off_result(s, powered);
}

static MemTxResult smmuv3_pm_write(void *opaque, hwaddr offset, uint64_t data,
                                   unsigned size, MemTxAttrs attrs)
{
    ArmSmmuV3PmState *s = opaque;

    bool powered;

    trace_smmuv3_pm_mmio_write(offset, size, data);
    qemu_mutex_lock(&s->lock);
    powered = smmu_pm_powered(&s->core);
    smmu_pm_mmio_write(&s->core, offset, data, size);
    smmuv3_pm_run_pending(s);
    qemu_mutex_unlock(&s->lock);
    return smmuv3_pm_off_result(s, powered);
}

/*
 * Every size from 1 to 8 bytes reaches the core unmodified, so that it can
 * apply the architecture's access rules (and log the offenders) itself.
 */
static const MemoryRegionOps smmuv3_pm_mmio_ops = {
    .read_with_attrs = smmuv3_pm_read,
    .write_with_attrs = smmuv3_pm_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = {
        .min_access_size = 1,
        .max_access_size = 8,
        .unaligned = true,
    },
    .impl = {
        .min_access_size = 1,
        .max_access_size = 8,
        .unaligned = true,
    },
};

/* ---- Realize, reset ---------------------------------------------------- */

static int on_off_auto_to_user(OnOffAuto v)
{
    return v == ON_OFF_AUTO_AUTO ? SMMU_PM_UNSET : v == ON_OFF_AUTO_ON;
}

static bool smmuv3_pm_resolve_config(ArmSmmuV3PmState *s, SmmuPmConfig *cfg,
                                     Error **errp)
{
    SmmuPmUserConfig user;
    g_autofree char *msg = NULL;

    smmu_pm_user_config_init(&user);
    /*
     * The choices go to the core by name, through the parser its unit
     * tests exercise; "auto" becomes NULL, the preset's default.
     */
    user.model = smmuv3_pm_prop_user_value(&smmuv3_pm_prop_model, s->model);
    user.stage = smmuv3_pm_prop_user_value(&smmuv3_pm_prop_stage, s->stage);
    user.stall_model = smmuv3_pm_prop_user_value(&smmuv3_pm_prop_stall_model,
                                                 s->stall_model);
    user.httu = smmuv3_pm_prop_user_value(&smmuv3_pm_prop_httu, s->httu);
    user.granules = s->granules;
    user.gbpa_reset = smmuv3_pm_prop_user_value(&smmuv3_pm_prop_gbpa_reset,
                                                s->gbpa_reset);
    user.oas = s->oas;
    user.sidsize = s->sidsize;
    user.ssidsize = s->ssidsize;
    user.cmdqs = s->cmdqs;
    user.eventqs = s->eventqs;
    user.priqs = s->priqs;
    user.msi = on_off_auto_to_user(s->msi);
    user.ats = on_off_auto_to_user(s->ats);
    user.pri = on_off_auto_to_user(s->pri);
    user.ril = on_off_auto_to_user(s->ril);

    if (!smmu_pm_config_resolve(&user, cfg, &msg)) {
        error_setg(errp, "%s: %s", TYPE_ARM_SMMUV3_PM, msg);
        return false;
    }
    return true;
}

/*
 * One cache's geometry from its -sets/-ways/-repl properties over the
 * preset's @geom (a size left at 0 is the preset's; -repl was checked
 * when it was set: its value is the core's SmmuPmRepl)
 */
static bool smmuv3_pm_cache_geom(const char *what, uint32_t sets,
                                 uint32_t ways, int repl,
                                 SmmuPmCacheGeom *geom, Error **errp)
{
    g_autofree char *msg = NULL;

    geom->sets = sets ? sets : geom->sets;
    geom->ways = ways ? ways : geom->ways;
    geom->repl = repl;
    if (!smmu_pm_cache_geom_valid(geom, what, &msg)) {
        error_setg(errp, "%s: %s", TYPE_ARM_SMMUV3_PM, msg);
        return false;
    }
    return true;
}

static bool smmuv3_pm_resolve_caches(ArmSmmuV3PmState *s, SmmuPmModel model,
                                     SmmuPmCacheConfig *c, Error **errp)
{
    g_autofree char *msg = NULL;

    if (!smmu_pm_utlb_entries_valid(s->utlb_entries, "utlb-entries",
                                    &msg)) {
        error_setg(errp, "%s: %s", TYPE_ARM_SMMUV3_PM, msg);
        return false;
    }

    smmu_pm_cache_config_preset(model, c);
    return smmuv3_pm_cache_geom("tlb", s->tlb_sets, s->tlb_ways, s->tlb_repl,
                                &c->tlb, errp) &&
           smmuv3_pm_cache_geom("walk-cache", s->walk_sets, s->walk_ways,
                                s->walk_repl, &c->walk, errp) &&
           smmuv3_pm_cache_geom("cfg-cache", s->cfg_sets, s->cfg_ways,
                                s->cfg_repl, &c->cfg, errp);
}

/*
 * A PCI function's DMA address space is chosen when it is realized, so
 * functions created before the SMMU bypass it for good.  Say so.
 */
static void smmuv3_pm_warn_early_devices(ArmSmmuV3PmState *s)
{
    for (int devfn = 0; devfn < ARRAY_SIZE(s->primary_bus->devices);
         devfn++) {
        PCIDevice *pdev = s->primary_bus->devices[devfn];

        if (!pdev || pci_get_word(pdev->config + PCI_CLASS_DEVICE) ==
                     PCI_CLASS_BRIDGE_HOST) {
            continue;
        }
        warn_report("%s: PCI device '%s' (%02x.%x) was created before the "
                    "SMMU and its DMA bypasses it; give -device %s before "
                    "the devices it translates", TYPE_ARM_SMMUV3_PM,
                    object_get_typename(OBJECT(pdev)), PCI_SLOT(devfn),
                    PCI_FUNC(devfn), TYPE_ARM_SMMUV3_PM);
    }
}

static void smmuv3_pm_realize(DeviceState *dev, Error **errp)
{
    ArmSmmuV3PmState *s = ARM_SMMUV3_PM(dev);
    SysBusDevice *sbd = SYS_BUS_DEVICE(dev);
    SmmuPmCacheConfig caches;
    SmmuPmPowerConfig power;
    SmmuPmTimingConfig timing;
    SmmuPmConfig cfg;

    if (!smmuv3_pm_resolve_config(s, &cfg, errp) ||
        !smmuv3_pm_timing_resolve(s, cfg.model, &timing, errp)) {
        return;
    }
    if (!s->primary_bus) {
        error_setg(errp, "%s: property 'primary-bus' is required: the PCI "
                   "root bus whose DMA the SMMU translates (e.g. "
                   "primary-bus=pcie.0)", TYPE_ARM_SMMUV3_PM);
        return;
    }
    if (s->primary_bus->iommu_ops) {
        error_setg(errp, "%s: PCI bus '%s' already sits behind another "
                   "IOMMU (-M virt,iommu=..., virtio-iommu or a second "
                   "SMMU); only one IOMMU per bus is supported",
                   TYPE_ARM_SMMUV3_PM, s->primary_bus->qbus.name);
        return;
    }
    if (s->msi_devid > 0xffff) {
        error_setg(errp, "%s: invalid value %u for property 'msi-devid': "
                   "valid values are 0 to 65535", TYPE_ARM_SMMUV3_PM,
                   s->msi_devid);
        return;
    }

    if (!smmuv3_pm_resolve_caches(s, cfg.model, &caches, errp) ||
        !smmuv3_pm_power_domain_check(s, errp) ||
        !smmuv3_pm_power_resolve(s, &power, errp)) {
        return;
    }
    qemu_mutex_init(&s->lock);
    s->run_bh = qemu_bh_new(smmuv3_pm_run_bh, s);
    smmu_pm_core_init(&s->core, &cfg, &caches, &smmuv3_pm_host_ops, s);
    smmu_pm_tlb_set_utlb_entries(s->core.tlb, s->utlb_entries);
    s->core.power.cfg = power;
    s->core.timing.cfg = timing;
    smmuv3_pm_timing_init(s);
    smmuv3_pm_power_init(s);
    smmuv3_pm_report_init(s);

    memory_region_init_io(&s->iomem, OBJECT(s), &smmuv3_pm_mmio_ops, s,
                          TYPE_ARM_SMMUV3_PM, ARM_SMMUV3_PM_MMIO_SIZE);
    sysbus_init_mmio(sbd, &s->iomem);
    for (int i = 0; i < ARM_SMMUV3_PM_NUM_IRQS; i++) {
        sysbus_init_irq(sbd, &s->irq[i]);
    }

    smmuv3_pm_warn_early_devices(s);
    smmuv3_pm_iommu_init(s);
    smmuv3_pm_master_port_init(s);
    smmuv3_pm_power_domain_connect(s);
    qdev_add_vm_change_state_handler(dev, smmuv3_pm_vm_change, s);
}

static void smmuv3_pm_reset_hold(Object *obj, ResetType type)
{
    ArmSmmuV3PmState *s = ARM_SMMUV3_PM(obj);

    qemu_mutex_lock(&s->lock);
    smmu_pm_core_reset(&s->core);
    qemu_mutex_unlock(&s->lock);
}

/* ---- Fault injection --------------------------------------------------- */

/*
 * "inject-gerror": raise global errors as if the hardware had detected
 * them, so that a driver's GERROR handling can be exercised (qom-set).
 */
static void smmuv3_pm_set_inject_gerror(Object *obj, Visitor *v,
                                        const char *name, void *opaque,
                                        Error **errp)
{
    ArmSmmuV3PmState *s = ARM_SMMUV3_PM(obj);
    uint32_t errors;

    if (!visit_type_uint32(v, name, &errors, errp)) {
        return;
    }
    if (errors & ~SMMU_GERROR_VALID_MASK) {
        error_setg(errp, "%s: 'inject-gerror' bits 0x%x are not GERROR "
                   "error bits (valid mask 0x%x)", TYPE_ARM_SMMUV3_PM,
                   errors & ~SMMU_GERROR_VALID_MASK, SMMU_GERROR_VALID_MASK);
        return;
    }
    if (!DEVICE(obj)->realized) {
        error_setg(errp, "%s: 'inject-gerror' needs a realized device",
                   TYPE_ARM_SMMUV3_PM);
        return;
    }
    qemu_mutex_lock(&s->lock);
    smmu_pm_raise_gerror(&s->core, errors);
    qemu_mutex_unlock(&s->lock);
}

/* ---- Statistics -------------------------------------------------------- */

/* What names the keys of each SMMU_PM_STATS_BY_KEY array */
static const char *stats_key_commands_by_op(unsigned op)
{
    return smmu_pm_cmd_name(op);
}

static const char *stats_key_events_by_type(unsigned type)
{
    return smmu_pm_event_name(type);
}

static const char *stats_key_irq_pulses(unsigned src)
{
    return smmu_pm_irq_name(src);
}

/*
 * A per-kind count array as a nested object {"NAME": count}, keyed by the
 * architectural names the trace output uses, with only the non-zero
 * counts: the command, event and interrupt kinds a run never saw would
 * bury the ones it did.  A kind without a name (none is counted today)
 * appears as its hexadecimal number rather than being dropped.
 */
static bool stats_visit_counts(Visitor *v, const char *name,
                               const uint64_t *counts, unsigned n,
                               const char *(*name_of)(unsigned),
                               Error **errp)
{
    bool ok = true;

    if (!visit_start_struct(v, name, NULL, 0, errp)) {
        return false;
    }
    for (unsigned i = 0; i < n && ok; i++) {
        uint64_t count = counts[i];
        const char *key = name_of(i);
        g_autofree char *hex = NULL;

        if (!count) {
            continue;
        }
        if (!strcmp(key, "unknown")) {
            key = hex = g_strdup_printf("0x%02x", i);
        }
        ok = visit_type_uint64(v, key, &count, errp);
    }
    ok = ok && visit_check_struct(v, errp);
    visit_end_struct(v, NULL);
    return ok;
}

/* One StreamID's counters (core/base/stats.h, SMMU_PM_STATS_PER_SID) */
static bool stats_visit_sid(Visitor *v, const char *name,
                            SmmuPmSidStats *c, Error **errp)
{
    bool ok = true;

    if (!visit_start_struct(v, name, NULL, 0, errp)) {
        return false;
    }
#define VISIT_SID_COUNTER(field, doc) \
    ok = ok && visit_type_uint64(v, #field, &c->field, errp);
    SMMU_PM_STATS_PER_SID(VISIT_SID_COUNTER)
#undef VISIT_SID_COUNTER
    ok = ok && visit_check_struct(v, errp);
    visit_end_struct(v, NULL);
    return ok;
}

/*
 * "by_sid": {"0x3": {...}, ..., "other": {...}}, the StreamIDs in hex in
 * the order they first sent a transaction, "other" only when some
 * StreamID had no slot left
 */
static bool stats_visit_by_sid(Visitor *v, const char *name,
                               SmmuPmStatsBySid *b, Error **errp)
{
    unsigned used = MIN(b->used, SMMU_PM_STATS_SIDS);
    bool ok = true;

    if (!visit_start_struct(v, name, NULL, 0, errp)) {
        return false;
    }
    for (unsigned i = 0; i < used && ok; i++) {
        g_autofree char *key = g_strdup_printf("0x%x", b->sid[i]);

        ok = stats_visit_sid(v, key, &b->slot[i], errp);
    }
    if (ok && b->other.translations) {
        ok = stats_visit_sid(v, "other", &b->other, errp);
    }
    ok = ok && visit_check_struct(v, errp);
    visit_end_struct(v, NULL);
    return ok;
}

/*
 * "stats": what the model counted since the device was created (a reset
 * does not clear them), read-only, as one JSON object for qom-get.  The
 * counters are copied under the lock so that the snapshot is consistent
 * with translations running concurrently in iothreads, then visited
 * without it.  Names and order are those of the lists in
 * core/base/stats.h: every counter the core keeps is here.
 */
static void smmuv3_pm_get_stats(Object *obj, Visitor *v, const char *name,
                                void *opaque, Error **errp)
{
    ArmSmmuV3PmState *s = ARM_SMMUV3_PM(obj);
    g_autofree SmmuPmStats *st = g_new0(SmmuPmStats, 1);
    bool ok = true;

    /* Before realize there is no lock yet, and nothing was counted */
    if (DEVICE(obj)->realized) {
        qemu_mutex_lock(&s->lock);
        *st = s->core.stats;
        qemu_mutex_unlock(&s->lock);
    }

    if (!visit_start_struct(v, name, NULL, 0, errp)) {
        return;
    }
#define VISIT_COUNTER(field, doc) \
    ok = ok && visit_type_uint64(v, #field, &st->field, errp);
    SMMU_PM_STATS_COUNTERS(VISIT_COUNTER)
#undef VISIT_COUNTER
#define VISIT_BY_KEY(field, n, doc) \
    ok = ok && stats_visit_counts(v, #field, st->field, n, \
                                  stats_key_##field, errp);
    SMMU_PM_STATS_BY_KEY(VISIT_BY_KEY)
#undef VISIT_BY_KEY
    ok = ok && stats_visit_by_sid(v, "by_sid", &st->by_sid, errp);
    if (ok) {
        QObject *timing = QOBJECT(smmuv3_pm_timing_stats_dict(s));

        ok = visit_type_any(v, "timing", &timing, errp);
        qobject_unref(timing);
    }
    if (ok) {
        visit_check_struct(v, errp);
    }
    visit_end_struct(v, NULL);
}

/* ---- Migration --------------------------------------------------------- */

static const VMStateDescription vmstate_smmuv3_pm_queue = {
    .name = "arm-smmuv3-pm/queue",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT64(base, SmmuPmQueueRegs),
        VMSTATE_UINT32(prod, SmmuPmQueueRegs),
        VMSTATE_UINT32(cons, SmmuPmQueueRegs),
        VMSTATE_UINT64(irq_cfg0, SmmuPmQueueRegs),
        VMSTATE_UINT32(irq_cfg1, SmmuPmQueueRegs),
        VMSTATE_UINT32(irq_cfg2, SmmuPmQueueRegs),
        VMSTATE_END_OF_LIST()
    }
};

/*
 * Commands the source had not consumed yet (a run was still to come from
 * the bottom half) are consumed here: the destination runs the core once
 * the state is in and the VM runs (smmuv3_pm_vm_change)
 */
static int smmuv3_pm_post_load(void *opaque, int version_id)
{
    ArmSmmuV3PmState *s = opaque;

    s->run_pending = true;
    qemu_bh_schedule(s->run_bh);
    return 0;
}

/*
 * An ATC_INV that no endpoint acknowledged is owed to the next CMD_SYNC,
 * which fails with CERROR_ATC_INV_SYNC.  That CMD_SYNC may come after a
 * migration (the ATC_INV was consumed by an earlier PROD write); without
 * this the destination's CMD_SYNC completed as if nothing had failed.
 */
static bool atc_inv_failed_needed(void *opaque)
{
    ArmSmmuV3PmState *s = opaque;

    return s->core.atc_inv_failed;
}

static const VMStateDescription vmstate_smmuv3_pm_atc_inv = {
    .name = TYPE_ARM_SMMUV3_PM "/atc-inv-failed",
    .version_id = 1,
    .minimum_version_id = 1,
    .needed = atc_inv_failed_needed,
    .fields = (const VMStateField[]) {
        VMSTATE_BOOL(core.atc_inv_failed, ArmSmmuV3PmState),
        VMSTATE_END_OF_LIST()
    }
};

/*
 * "stats" counts from the device's creation on, and the destination's
 * device is the same device: its counters go on from the source's (as
 * arm-scmi-power's and arm-pck600-ppu's do).  Every counter of
 * core/base/stats.h, from its lists; a counter added there changes this
 * section, so bump its version_id with it.  Version 2: the micro-TLB,
 * walk-access, configuration-access, walk-cache and cycle counters, and
 * the per-StreamID counters ("by_sid"; their hints are not migrated).
 */
#define VMSTATE_STATS_COUNTER(field, doc) \
    VMSTATE_UINT64(core.stats.field, ArmSmmuV3PmState),
#define VMSTATE_STATS_BY_KEY(field, n, doc) \
    VMSTATE_UINT64_ARRAY(core.stats.field, ArmSmmuV3PmState, n),
#define VMSTATE_STATS_SID_COUNTER(field, doc) \
    VMSTATE_UINT64(field, SmmuPmSidStats),

static const VMStateDescription vmstate_smmuv3_pm_sid_stats = {
    .name = TYPE_ARM_SMMUV3_PM "/stats/sid",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        SMMU_PM_STATS_PER_SID(VMSTATE_STATS_SID_COUNTER)
        VMSTATE_END_OF_LIST()
    }
};

/* A stream that claims more StreamID slots than there are is refused */
static int smmuv3_pm_stats_post_load(void *opaque, int version_id)
{
    ArmSmmuV3PmState *s = opaque;

    if (s->core.stats.by_sid.used > SMMU_PM_STATS_SIDS) {
        error_report("%s: migrated stats use %u StreamID slots of %u",
                     TYPE_ARM_SMMUV3_PM, s->core.stats.by_sid.used,
                     SMMU_PM_STATS_SIDS);
        return -EINVAL;
    }
    return 0;
}

static const VMStateDescription vmstate_smmuv3_pm_stats = {
    .name = TYPE_ARM_SMMUV3_PM "/stats",
    .version_id = 2,
    .minimum_version_id = 2,
    .post_load = smmuv3_pm_stats_post_load,
    .fields = (const VMStateField[]) {
        SMMU_PM_STATS_COUNTERS(VMSTATE_STATS_COUNTER)
        SMMU_PM_STATS_BY_KEY(VMSTATE_STATS_BY_KEY)
        VMSTATE_UINT32(core.stats.by_sid.used, ArmSmmuV3PmState),
        VMSTATE_UINT32_ARRAY(core.stats.by_sid.sid, ArmSmmuV3PmState,
                             SMMU_PM_STATS_SIDS),
        VMSTATE_STRUCT_ARRAY(core.stats.by_sid.slot, ArmSmmuV3PmState,
                             SMMU_PM_STATS_SIDS, 1,
                             vmstate_smmuv3_pm_sid_stats, SmmuPmSidStats),
        VMSTATE_STRUCT(core.stats.by_sid.other, ArmSmmuV3PmState, 1,
                       vmstate_smmuv3_pm_sid_stats, SmmuPmSidStats),
        VMSTATE_END_OF_LIST()
    }
};

#undef VMSTATE_STATS_COUNTER
#undef VMSTATE_STATS_BY_KEY
#undef VMSTATE_STATS_SID_COUNTER

static const VMStateDescription vmstate_smmuv3_pm = {
    .name = TYPE_ARM_SMMUV3_PM,
    .version_id = 1,
    .minimum_version_id = 1,
    .post_load = smmuv3_pm_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32(core.regs.cr0, ArmSmmuV3PmState),
        VMSTATE_UINT32(core.regs.cr0ack, ArmSmmuV3PmState),
        VMSTATE_UINT32(core.regs.cr1, ArmSmmuV3PmState),
        VMSTATE_UINT32(core.regs.cr2, ArmSmmuV3PmState),
        VMSTATE_UINT32(core.regs.statusr, ArmSmmuV3PmState),
        VMSTATE_UINT32(core.regs.gbpa, ArmSmmuV3PmState),
        VMSTATE_UINT32(core.regs.irq_ctrl, ArmSmmuV3PmState),
        VMSTATE_UINT32(core.regs.irq_ctrlack, ArmSmmuV3PmState),
        VMSTATE_UINT32(core.regs.gerror, ArmSmmuV3PmState),
        VMSTATE_UINT32(core.regs.gerrorn, ArmSmmuV3PmState),
        VMSTATE_UINT64(core.regs.gerror_irq_cfg0, ArmSmmuV3PmState),
        VMSTATE_UINT32(core.regs.gerror_irq_cfg1, ArmSmmuV3PmState),
        VMSTATE_UINT32(core.regs.gerror_irq_cfg2, ArmSmmuV3PmState),
        VMSTATE_UINT64(core.regs.strtab_base, ArmSmmuV3PmState),
        VMSTATE_UINT32(core.regs.strtab_base_cfg, ArmSmmuV3PmState),
        VMSTATE_STRUCT(core.regs.cmdq, ArmSmmuV3PmState, 1,
                       vmstate_smmuv3_pm_queue, SmmuPmQueueRegs),
        VMSTATE_STRUCT(core.regs.eventq, ArmSmmuV3PmState, 1,
                       vmstate_smmuv3_pm_queue, SmmuPmQueueRegs),
        VMSTATE_STRUCT(core.regs.priq, ArmSmmuV3PmState, 1,
                       vmstate_smmuv3_pm_queue, SmmuPmQueueRegs),
        VMSTATE_END_OF_LIST()
    },
    .subsections = (const VMStateDescription * const []) {
        &vmstate_smmuv3_pm_power,
        &vmstate_smmuv3_pm_atc_inv,
        &vmstate_smmuv3_pm_stalls,
        &vmstate_smmuv3_pm_checker,
        &vmstate_smmuv3_pm_stats,
        &vmstate_smmuv3_pm_timing,
        NULL
    }
};

/* ---- Class ------------------------------------------------------------- */

static const Property smmuv3_pm_properties[] = {
    DEFINE_PROP_LINK("primary-bus", ArmSmmuV3PmState, primary_bus,
                     TYPE_PCI_BUS, PCIBus *),
    DEFINE_PROP_SIGNED("model", ArmSmmuV3PmState, model,
                       SMMU_PM_MODEL_GENERIC, smmuv3_pm_prop_model, int),
    DEFINE_PROP_SIGNED("stage", ArmSmmuV3PmState, stage,
                       SMMUV3_PM_STAGE_AUTO, smmuv3_pm_prop_stage, int),
    DEFINE_PROP_INT32("oas", ArmSmmuV3PmState, oas, SMMU_PM_UNSET),
    DEFINE_PROP_INT32("sidsize", ArmSmmuV3PmState, sidsize, SMMU_PM_UNSET),
    DEFINE_PROP_INT32("ssidsize", ArmSmmuV3PmState, ssidsize, SMMU_PM_UNSET),
    DEFINE_PROP_INT32("cmdqs", ArmSmmuV3PmState, cmdqs, SMMU_PM_UNSET),
    DEFINE_PROP_INT32("eventqs", ArmSmmuV3PmState, eventqs, SMMU_PM_UNSET),
    DEFINE_PROP_INT32("priqs", ArmSmmuV3PmState, priqs, SMMU_PM_UNSET),
    DEFINE_PROP_ON_OFF_AUTO("msi", ArmSmmuV3PmState, msi, ON_OFF_AUTO_AUTO),
    DEFINE_PROP_ON_OFF_AUTO("ats", ArmSmmuV3PmState, ats, ON_OFF_AUTO_AUTO),
    DEFINE_PROP_ON_OFF_AUTO("pri", ArmSmmuV3PmState, pri, ON_OFF_AUTO_AUTO),
    DEFINE_PROP_ON_OFF_AUTO("ril", ArmSmmuV3PmState, ril, ON_OFF_AUTO_AUTO),
    DEFINE_PROP_SIGNED("stall-model", ArmSmmuV3PmState, stall_model,
                       SMMUV3_PM_STALL_AUTO, smmuv3_pm_prop_stall_model,
                       int),
    DEFINE_PROP_SIGNED("httu", ArmSmmuV3PmState, httu, SMMUV3_PM_HTTU_AUTO,
                       smmuv3_pm_prop_httu, int),
    /*
     * A set of granules ("4k,64k"), not one choice: a QEMU enum property
     * holds a single value, and a list property would change the syntax
     * users write today.  It stays a string; its help lists the values.
     */
    DEFINE_PROP_STRING("granules", ArmSmmuV3PmState, granules),
    DEFINE_PROP_SIGNED("gbpa-reset", ArmSmmuV3PmState, gbpa_reset,
                       SMMUV3_PM_GBPA_AUTO, smmuv3_pm_prop_gbpa_reset, int),
    DEFINE_PROP_UINT32("msi-devid", ArmSmmuV3PmState, msi_devid, 0xff00),
    DEFINE_PROP_UINT32("tlb-sets", ArmSmmuV3PmState, tlb_sets,
                       0),
    DEFINE_PROP_UINT32("tlb-ways", ArmSmmuV3PmState, tlb_ways,
                       0),
    DEFINE_PROP_SIGNED("tlb-repl", ArmSmmuV3PmState, tlb_repl,
                       SMMU_PM_REPL_LRU, smmuv3_pm_prop_repl, int),
    DEFINE_PROP_UINT32("walk-cache-sets", ArmSmmuV3PmState, walk_sets,
                       0),
    DEFINE_PROP_UINT32("walk-cache-ways", ArmSmmuV3PmState, walk_ways,
                       0),
    DEFINE_PROP_SIGNED("walk-cache-repl", ArmSmmuV3PmState, walk_repl,
                       SMMU_PM_REPL_LRU, smmuv3_pm_prop_repl, int),
    DEFINE_PROP_UINT32("cfg-cache-sets", ArmSmmuV3PmState, cfg_sets,
                       0),
    DEFINE_PROP_UINT32("cfg-cache-ways", ArmSmmuV3PmState, cfg_ways,
                       0),
    DEFINE_PROP_SIGNED("cfg-cache-repl", ArmSmmuV3PmState, cfg_repl,
                       SMMU_PM_REPL_LRU, smmuv3_pm_prop_repl, int),
    DEFINE_PROP_UINT32("utlb-entries", ArmSmmuV3PmState, utlb_entries,
                       SMMU_PM_UTLB_DEFAULT_ENTRIES),
    DEFINE_PROP_LINK("power-controller", ArmSmmuV3PmState, power_controller,
                     TYPE_DEVICE, DeviceState *),
    DEFINE_PROP_UINT32("power-domain", ArmSmmuV3PmState, power_domain, 0),
    DEFINE_PROP_SIGNED("power-retention", ArmSmmuV3PmState, power_retention,
                       SMMU_PM_RETAIN_NONE, smmuv3_pm_prop_retention, int),
    DEFINE_PROP_SIGNED("power-up-caches", ArmSmmuV3PmState, power_up_caches,
                       SMMU_PM_CACHES_CLEAN, smmuv3_pm_prop_up_caches, int),
    DEFINE_PROP_SIGNED("power-off-access", ArmSmmuV3PmState,
                       power_off_access, SMMU_PM_OFF_RAZ_WI,
                       smmuv3_pm_prop_off_access, int),
    DEFINE_PROP_ON_OFF_AUTO("power-on-at-reset", ArmSmmuV3PmState,
                            power_on_at_reset, ON_OFF_AUTO_AUTO),
    DEFINE_PROP_UINT64("power-on-latency-ns", ArmSmmuV3PmState,
                       power_on_latency_ns, 0),
    DEFINE_PROP_UINT64("power-off-latency-ns", ArmSmmuV3PmState,
                       power_off_latency_ns, 0),
    DEFINE_PROP_BOOL("pm-strict", ArmSmmuV3PmState, pm_strict, false),
    DEFINE_PROP_ON_OFF_AUTO("timing", ArmSmmuV3PmState, timing,
                            ON_OFF_AUTO_AUTO),
};

static const struct {
    const char *name;
    const char *description;
} smmuv3_pm_property_help[] = {
    { "primary-bus", "PCI root bus whose DMA goes through the SMMU "
                     "(e.g. pcie.0)" },
    { "model", "preset: generic|mmu600|mmu700 (identity registers and "
               "the defaults of every property left unset or auto)" },
    { "stage", "translation stages: s1|s2|nested|auto (auto: the model's, "
               "nested)" },
    { "oas", "output address size in bits: 32, 36, 40, 42, 44, 48 or 52 "
             "(-1: model's)" },
    { "sidsize", "StreamID bits, 0-32 (-1: model's)" },
    { "ssidsize", "SubstreamID bits, 0-20 (-1: model's)" },
    { "cmdqs", "log2 of the command queue's maximum entries, 0-19 "
               "(-1: model's)" },
    { "eventqs", "log2 of the event queue's maximum entries, 0-19 "
                 "(-1: model's)" },
    { "priqs", "log2 of the PRI queue's maximum entries, 0-19 "
               "(-1: model's)" },
    { "msi", "MSI support (IDR0.MSI)" },
    { "ats", "PCIe ATS support (IDR0.ATS)" },
    { "pri", "PCIe PRI support (IDR0.PRI, needs ats)" },
    { "ril", "range invalidation (IDR3.RIL)" },
    { "stall-model", "stall model: stall|none|force|auto "
                     "(IDR0.STALL_MODEL; auto: the model's, none for "
                     "generic, stall for mmu600/mmu700)" },
    { "httu", "hardware table updates: none|a|ad|auto (IDR0.HTTU; auto: "
              "the model's, none for generic, ad for mmu600/mmu700)" },
    { "granules", "translation granules, a set of 4k|16k|64k separated by "
                  "commas (e.g. \"4k,64k\"; unset: all three)" },
    { "gbpa-reset", "GBPA.ABORT after reset, IMPLEMENTATION DEFINED: "
                    "bypass|abort|auto (auto: the model's, bypass)" },
    { "msi-devid", "ITS DeviceID of the SMMU's own MSIs, 0-65535" },
    { "tlb-sets", "TLB sets (a power of two; 0: the model's, 256 for "
                  "generic, 512 for mmu600/mmu700)" },
    { "tlb-ways", "TLB ways (0: the model's, 4, or 8 for mmu700)" },
    { "tlb-repl", "TLB replacement: lru|fifo|random" },
    { "walk-cache-sets", "walk cache sets (a power of two; 0: the "
                         "model's, 64 / 512 / 256)" },
    { "walk-cache-ways", "walk cache ways (0: the model's, 4 / 4 / 8)" },
    { "walk-cache-repl", "walk cache replacement: lru|fifo|random" },
    { "cfg-cache-sets", "STE/CD cache sets (a power of two; 0: the "
                        "model's, 64)" },
    { "cfg-cache-ways", "STE/CD cache ways (0: the model's, 4)" },
    { "cfg-cache-repl", "STE/CD cache replacement: lru|fifo|random" },
    { "utlb-entries", "micro-TLB entries in front of the TLB (fully "
                      "associative, round robin), 0-256 (0: none)" },
    { "power-controller", "id of the power-domain provider "
                          "(arm-scmi-power, arm-pck600-ppu) whose domain "
                          "the SMMU is in (DT power-domains)" },
    { "power-domain", "index of the SMMU's domain in power-controller" },
    { "power-retention", "what survives power-off: none|registers "
                         "(none: every register back to its reset "
                         "value)" },
    { "power-up-caches", "TLB/walk/STE/CD caches at power-up: "
                         "clean|stale|garbage (stale: old entries survive; "
                         "garbage: valid-looking, wrong)" },
    { "power-off-access", "register access while off: raz|bus-error "
                          "(raz: reads as zero, writes dropped)" },
    { "power-on-at-reset", "power state after reset when no "
                           "power-controller drives the 'power' input "
                           "(auto: on)" },
    { "power-on-latency-ns", "virtual time from a power-on request to "
                             "power" },
    { "power-off-latency-ns", "virtual time from a power-off request to "
                              "off" },
    { "pm-strict", "exit with status 3 at shutdown if an error-severity "
                   "PM checker rule fired" },
    { "timing", "the timing model: commands, acknowledgements and records "
                "take modelled virtual time, translations count cycles "
                "(auto: the model's, off for generic, on for "
                "mmu600/mmu700)" },
};

static void smmuv3_pm_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    ResettableClass *rc = RESETTABLE_CLASS(klass);

    dc->desc = "Arm SMMUv3, modelled for power-management testing";
    dc->realize = smmuv3_pm_realize;
    dc->vmsd = &vmstate_smmuv3_pm;
    dc->user_creatable = true;
    rc->phases.hold = smmuv3_pm_reset_hold;
    smmuv3_pm_props_init();
    device_class_set_props(dc, smmuv3_pm_properties);
    smmuv3_pm_timing_class_init(klass);
    for (int i = 0; i < ARRAY_SIZE(smmuv3_pm_property_help); i++) {
        object_class_property_set_description(
            klass, smmuv3_pm_property_help[i].name,
            smmuv3_pm_property_help[i].description);
    }
    object_class_property_add(klass, "inject-gerror", "uint32", NULL,
                              smmuv3_pm_set_inject_gerror, NULL, NULL);
    object_class_property_set_description(klass, "inject-gerror",
        "write-only: raise these GERROR bits as a hardware error would");
    object_class_property_add(klass, "stats", "SmmuPmStats",
                              smmuv3_pm_get_stats, NULL, NULL, NULL);
    object_class_property_set_description(klass, "stats",
        "read-only: the model's counters (commands, events, TLB, ...) "
        "since the device was created, as a JSON object");
    object_class_property_add(klass, "pm-report", "SmmuPmReport",
                              smmuv3_pm_get_pm_report, NULL, NULL, NULL);
    object_class_property_set_description(klass, "pm-report",
        "read-only: the PM checker's rules with their counts and first "
        "occurrences, and the power domain's state, as a JSON object");
}

static void smmuv3_pm_instance_init(Object *obj)
{
    smmuv3_pm_timing_instance_init(ARM_SMMUV3_PM(obj));
}

static const TypeInfo smmuv3_pm_info = {
    .name = TYPE_ARM_SMMUV3_PM,
    .parent = TYPE_SYS_BUS_DEVICE,
    .instance_size = sizeof(ArmSmmuV3PmState),
    .instance_init = smmuv3_pm_instance_init,
    .class_init = smmuv3_pm_class_init,
};

static void smmuv3_pm_register_types(void)
{
    type_register_static(&smmuv3_pm_info);
}

type_init(smmuv3_pm_register_types)
