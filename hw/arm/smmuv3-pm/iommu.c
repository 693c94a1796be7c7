/*
 * arm-smmuv3-pm: the IOMMU memory regions that PCI DMA goes through
 *
 * Each PCI function gets an IOMMU memory region; its translate callback
 * hands the transaction to the core under the device lock.  The
 * transaction's SubstreamID, privilege and instruction attributes arrive
 * in MemTxAttrs (pasid/pasid_valid/user/instr, see the memattrs wiring
 * patch) and are folded into the IOMMU index, which is how QEMU passes
 * attributes to a translate callback.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/log.h"
#include "hw/pci/pci.h"
#include "hw/pci/pci_bus.h"
#include "exec/memory.h"
#include "exec/address-spaces.h"
#include "smmuv3-pm-internal.h"
#include "trace.h"

/* IOMMU index: SubstreamID, its validity, and the access attributes */
#define IDX_SSID_MASK       0xfffff
#define IDX_SSV             (1 << 20)
#define IDX_PRIV            (1 << 21)
#define IDX_INSTR           (1 << 22)
#define IDX_COUNT           (1 << 23)

uint32_t smmuv3_pm_port_stream_id(const SmmuPmPort *port)
{
    return PCI_BUILD_BDF(pci_bus_num(port->bus), port->devfn);
}

SmmuPmPort *smmuv3_pm_port_find(ArmSmmuV3PmState *s, uint32_t sid)
{
    GHashTableIter iter;
    SmmuPmBusPorts *ports;

    g_hash_table_iter_init(&iter, s->ports_by_bus);
    while (g_hash_table_iter_next(&iter, NULL, (void **)&ports)) {
        SmmuPmPort *port = ports->port[PCI_BDF_TO_DEVFN(sid)];

        if (port && smmuv3_pm_port_stream_id(port) == sid) {
            return port;
        }
    }
    return NULL;
}

/*
 * PCIe requests without a PASID prefix carry no privilege or instruction
 * information: they are Unprivileged Data.  So are masters that do not
 * set attributes at all (MEMTXATTRS_UNSPECIFIED).
 */
static int smmuv3_pm_attrs_to_index(IOMMUMemoryRegion *iommu,
                                    MemTxAttrs attrs)
{
    int idx = 0;

    if (attrs.unspecified) {
        return 0;
    }
    if (attrs.pasid_valid) {
        idx |= IDX_SSV | (attrs.pasid & IDX_SSID_MASK);
    }
    if (!attrs.user) {
        idx |= IDX_PRIV;
    }
    if (attrs.instr) {
        idx |= IDX_INSTR;
    }
    return idx;
}

static int smmuv3_pm_num_indexes(IOMMUMemoryRegion *iommu)
{
    return IDX_COUNT;
}

/*
 * QEMU performs one DMA access as several translations when the first
 * is terminated: the abort and RAZ/WI regions are MMIO, accessed at most
 * 8 bytes at a time, and the rest of the access comes back 1 to 8 bytes
 * further on, in the same page.  That is one transaction on a real bus,
 * so it gets one event.
 */
static bool is_continuation(SmmuPmPort *port, hwaddr addr, int idx,
                            bool write)
{
    return port->fault_valid && port->fault_idx == idx &&
           port->fault_write == write && addr > port->fault_addr &&
           addr <= port->fault_addr + 8 &&
           (addr >> 12) == (port->fault_addr >> 12);
}

static IOMMUTLBEntry smmuv3_pm_translate(IOMMUMemoryRegion *iommu,
                                         hwaddr addr, IOMMUAccessFlags flag,
                                         int iommu_idx)
{
    SmmuPmPort *port = container_of(iommu, SmmuPmPort, iommu);
    ArmSmmuV3PmState *s = port->smmu;
    SmmuPmTxn txn = {
        .sid = smmuv3_pm_port_stream_id(port),
        .ssv = iommu_idx & IDX_SSV,
        .ssid = iommu_idx & IDX_SSID_MASK,
        .addr = addr,
        .write = flag & IOMMU_WO,
        .instr = iommu_idx & IDX_INSTR,
        .priv = iommu_idx & IDX_PRIV,
        .continuation = is_continuation(port, addr, iommu_idx,
                                        flag & IOMMU_WO),
        .can_stall = port->master_ops && port->master_ops->stall,
    };
    SmmuPmTxnResult res;
    IOMMUTLBEntry entry = {
        .target_as = &address_space_memory,
        .iova = addr & ~(hwaddr)0xfff,
        .translated_addr = addr & ~(hwaddr)0xfff,
        .addr_mask = 0xfff,
        .perm = IOMMU_NONE,
    };

    qemu_mutex_lock(&s->lock);
    smmu_pm_translate(&s->core, &txn, &res);
    port->cycles += res.cycles;
    port->fault_valid = res.status != SMMU_PM_TXN_OK;
    port->fault_addr = addr;
    port->fault_idx = iommu_idx;
    port->fault_write = txn.write;
    qemu_mutex_unlock(&s->lock);

    switch (res.status) {
    case SMMU_PM_TXN_OK:
        entry.iova = addr & ~res.addr_mask;
        entry.translated_addr = res.addr & ~res.addr_mask;
        entry.addr_mask = res.addr_mask;
        entry.perm = (res.readable ? IOMMU_RO : 0) |
                     (res.writable ? IOMMU_WO : 0);
        if (res.bypass) {
            trace_smmuv3_pm_translate_bypass(txn.sid, addr);
        } else {
            trace_smmuv3_pm_translate(txn.sid, txn.ssv ? txn.ssid : -1, addr,
                                      res.addr, res.addr_mask);
        }
        break;
    case SMMU_PM_TXN_RAZWI:
        /* Terminated with CD.A == 0: reads as zero, writes ignored */
        entry.target_as = &s->razwi_as;
        entry.translated_addr = 0;
        entry.perm = IOMMU_RW;
        trace_smmuv3_pm_translate_abort(txn.sid, addr, "terminated, RAZ/WI");
        break;
    case SMMU_PM_TXN_STALLED:
        /*
         * Held in the SMMU.  QEMU's access cannot wait, so it fails here;
         * the master, told so, waits for the answer to the stall instead.
         */
        entry.target_as = &s->abort_as;
        entry.translated_addr = 0;
        entry.perm = IOMMU_RW;
        smmuv3_pm_port_stall_held(port, res.stag, addr);
        break;
    default:
        /* A bus error for the whole access (up to 8 bytes at a time) */
        entry.target_as = &s->abort_as;
        entry.translated_addr = 0;
        entry.perm = IOMMU_RW;
        trace_smmuv3_pm_translate_abort(txn.sid, addr, "terminated");
        break;
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

static uint64_t razwi_read(void *opaque, hwaddr addr, unsigned size)
{
    return 0;
}

static void razwi_write(void *opaque, hwaddr addr, uint64_t val,
                        unsigned size)
{
}

static const MemoryRegionOps razwi_ops = {
    .read = razwi_read,
    .write = razwi_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 8,
               .unaligned = true },
    .impl = { .min_access_size = 1, .max_access_size = 8,
              .unaligned = true },
};

static MemTxResult abort_read(void *opaque, hwaddr addr, uint64_t *data,
                              unsigned size, MemTxAttrs attrs)
{
    *data = 0;
    return MEMTX_DECODE_ERROR;
}

static MemTxResult abort_write(void *opaque, hwaddr addr, uint64_t data,
                               unsigned size, MemTxAttrs attrs)
{
    return MEMTX_DECODE_ERROR;
}

static const MemoryRegionOps abort_ops = {
    .read_with_attrs = abort_read,
    .write_with_attrs = abort_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 8,
               .unaligned = true },
    .impl = { .min_access_size = 1, .max_access_size = 8,
              .unaligned = true },
};

void smmuv3_pm_iommu_init(ArmSmmuV3PmState *s)
{
    memory_region_init_io(&s->abort, OBJECT(s), &abort_ops, s,
                          TYPE_ARM_SMMUV3_PM "-abort", 0x1000);
    address_space_init(&s->abort_as, &s->abort, TYPE_ARM_SMMUV3_PM "-abort");
    memory_region_init_io(&s->razwi, OBJECT(s), &razwi_ops, s,
                          TYPE_ARM_SMMUV3_PM "-razwi", 0x1000);
    address_space_init(&s->razwi_as, &s->razwi, TYPE_ARM_SMMUV3_PM "-razwi");
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
    imrc->attrs_to_index = smmuv3_pm_attrs_to_index;
    imrc->num_indexes = smmuv3_pm_num_indexes;
    imrc->notify_flag_changed = smmuv3_pm_notify_flag_changed;
    smmuv3_pm_master_port_class_init(imrc);
}

static const TypeInfo smmuv3_pm_master_port_info = {
    .name = TYPE_SMMUV3_PM_MASTER_PORT,
    .parent = TYPE_INTERFACE,
    .class_size = sizeof(SmmuV3PmMasterPortClass),
};

static const TypeInfo smmuv3_pm_iommu_mr_info = {
    .parent = TYPE_IOMMU_MEMORY_REGION,
    .name = TYPE_ARM_SMMUV3_PM_IOMMU_MEMORY_REGION,
    .class_init = smmuv3_pm_iommu_mr_class_init,
    .interfaces = (InterfaceInfo[]) {
        { TYPE_SMMUV3_PM_MASTER_PORT },
        { }
    },
};

static void smmuv3_pm_iommu_register_types(void)
{
    type_register_static(&smmuv3_pm_master_port_info);
    type_register_static(&smmuv3_pm_iommu_mr_info);
}

type_init(smmuv3_pm_iommu_register_types)
