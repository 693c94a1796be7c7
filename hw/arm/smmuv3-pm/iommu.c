/*
 * arm-smmuv3-pm: the IOMMU memory regions that PCI DMA goes through
 *
 * Until the translation engine exists, an incoming transaction is decided
 * by the SMMU's global state only: with SMMUEN=0 it bypasses or aborts per
 * GBPA.ABORT; with SMMUEN=1 it is aborted and the missing engine reported.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/log.h"
#include "hw/pci/pci.h"
#include "hw/pci/pci_bus.h"
#include "exec/memory.h"
#include "smmuv3-pm-internal.h"
#include "core/regs.h"
#include "trace.h"

static uint32_t port_stream_id(const SmmuPmPort *port)
{
    return PCI_BUILD_BDF(pci_bus_num(port->bus), port->devfn);
}

static IOMMUTLBEntry smmuv3_pm_translate(IOMMUMemoryRegion *iommu,
                                         hwaddr addr, IOMMUAccessFlags flag,
                                         int iommu_idx)
{
    SmmuPmPort *port = container_of(iommu, SmmuPmPort, iommu);
    ArmSmmuV3PmState *s = port->smmu;
    uint32_t sid = port_stream_id(port);
    IOMMUTLBEntry entry = {
        .target_as = &address_space_memory,
        .iova = addr & ~(hwaddr)0xfff,
        .translated_addr = addr & ~(hwaddr)0xfff,
        .addr_mask = 0xfff,
        .perm = IOMMU_NONE,
    };
    bool enabled, abort;

    qemu_mutex_lock(&s->lock);
    enabled = smmu_pm_enabled(&s->core);
    abort = FIELD_EX32(s->core.regs.gbpa, GBPA, ABORT);
    if (enabled && !s->smmuen_unimp_reported) {
        s->smmuen_unimp_reported = true;
        smmu_pm_log(&s->core, SMMU_PM_LOG_UNIMP,
                    "SMMUEN=1 but stream table translation is not "
                    "implemented yet: DMA is aborted");
    }
    qemu_mutex_unlock(&s->lock);

    if (enabled) {
        trace_smmuv3_pm_translate_abort(sid, addr, "SMMUEN=1, no engine");
    } else if (abort) {
        trace_smmuv3_pm_translate_abort(sid, addr, "SMMUEN=0, GBPA.ABORT=1");
    } else {
        trace_smmuv3_pm_translate_bypass(sid, addr);
        entry.perm = IOMMU_RW;
    }
    return entry;
}

static int smmuv3_pm_notify_flag_changed(IOMMUMemoryRegion *iommu,
                                         IOMMUNotifierFlag old,
                                         IOMMUNotifierFlag new, Error **errp)
{
    if (new & IOMMU_NOTIFIER_MAP) {
        error_setg(errp, "%s: MAP notifiers (e.g. vfio-pci behind the SMMU) "
                   "are not supported", TYPE_ARM_SMMUV3_PM);
        return -EINVAL;
    }
    return 0;
}

static SmmuPmPort *port_new(ArmSmmuV3PmState *s, PCIBus *bus, int devfn)
{
    SmmuPmPort *port = g_new0(SmmuPmPort, 1);
    g_autofree char *name = g_strdup_printf("%s-%s-%02x.%x",
                                            TYPE_ARM_SMMUV3_PM,
                                            bus->qbus.name, PCI_SLOT(devfn),
                                            PCI_FUNC(devfn));

    port->smmu = s;
    port->bus = bus;
    port->devfn = devfn;
    memory_region_init_iommu(&port->iommu, sizeof(port->iommu),
                             TYPE_ARM_SMMUV3_PM_IOMMU_MEMORY_REGION,
                             OBJECT(s), name, UINT64_MAX);
    address_space_init(&port->as, MEMORY_REGION(&port->iommu), name);
    return port;
}

static AddressSpace *smmuv3_pm_get_address_space(PCIBus *bus, void *opaque,
                                                 int devfn)
{
    ArmSmmuV3PmState *s = opaque;
    SmmuPmBusPorts *ports = g_hash_table_lookup(s->ports_by_bus, bus);

    if (!ports) {
        ports = g_new0(SmmuPmBusPorts, 1);
        g_hash_table_insert(s->ports_by_bus, bus, ports);
    }
    if (!ports->port[devfn]) {
        ports->port[devfn] = port_new(s, bus, devfn);
    }
    return &ports->port[devfn]->as;
}

static const PCIIOMMUOps smmuv3_pm_pci_iommu_ops = {
    .get_address_space = smmuv3_pm_get_address_space,
};

void smmuv3_pm_iommu_init(ArmSmmuV3PmState *s)
{
    s->ports_by_bus = g_hash_table_new(NULL, NULL);
    pci_setup_iommu(s->primary_bus, &smmuv3_pm_pci_iommu_ops, s);
}

/* Drop whatever IOMMU notifier users (vhost, ...) cached from us */
void smmuv3_pm_iommu_invalidate_all(ArmSmmuV3PmState *s)
{
    GHashTableIter iter;
    SmmuPmBusPorts *ports;

    if (!s->ports_by_bus) {
        return;
    }
    trace_smmuv3_pm_invalidate_all();
    g_hash_table_iter_init(&iter, s->ports_by_bus);
    while (g_hash_table_iter_next(&iter, NULL, (void **)&ports)) {
        for (int devfn = 0; devfn < ARRAY_SIZE(ports->port); devfn++) {
            SmmuPmPort *port = ports->port[devfn];
            IOMMUNotifier *n;

            if (!port) {
                continue;
            }
            IOMMU_NOTIFIER_FOREACH(n, &port->iommu) {
                memory_region_unmap_iommu_notifier_range(n);
            }
        }
    }
}

static void smmuv3_pm_iommu_mr_class_init(ObjectClass *klass, void *data)
{
    IOMMUMemoryRegionClass *imrc = IOMMU_MEMORY_REGION_CLASS(klass);

    imrc->translate = smmuv3_pm_translate;
    imrc->notify_flag_changed = smmuv3_pm_notify_flag_changed;
}

static const TypeInfo smmuv3_pm_iommu_mr_info = {
    .parent = TYPE_IOMMU_MEMORY_REGION,
    .name = TYPE_ARM_SMMUV3_PM_IOMMU_MEMORY_REGION,
    .class_init = smmuv3_pm_iommu_mr_class_init,
};

static void smmuv3_pm_iommu_register_types(void)
{
    type_register_static(&smmuv3_pm_iommu_mr_info);
}

type_init(smmuv3_pm_iommu_register_types)
