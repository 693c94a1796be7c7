/*
 * arm-smmuv3-pm: wiring into the Arm "virt" machine
 *
 * Two ways in: -M virt,iommu=smmuv3-pm puts the SMMU at the fixed slot
 * QEMU's own SMMUv3 uses; -device arm-smmuv3-pm,primary-bus=pcie.0 lets
 * virt's platform bus place it.  Either way exactly one IOMMU may exist.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/core/cpu.h"
#include "hw/irq.h"
#include "hw/platform-bus.h"
#include "hw/qdev-core.h"
#include "hw/arm/smmuv3-pm.h"
#include "hw/arm/smmuv3-pm-virt.h"
#include "hw/acpi/aml-build.h"
#include "smmuv3-pm-internal.h"

/* GSIV (INTID) of GIC SPI 0 */
#define GIC_SPI_GSIV_BASE 32

void arm_smmuv3_pm_virt_create(VirtMachineState *vms, PCIBus *bus)
{
    MachineState *ms = MACHINE(vms);
    hwaddr base = vms->memmap[VIRT_SMMU].base;
    int irq = vms->irqmap[VIRT_SMMU];
    DeviceState *dev = qdev_new(TYPE_ARM_SMMUV3_PM);
    uint32_t spis[ARM_SMMUV3_PM_NUM_IRQS];

    assert(vms->memmap[VIRT_SMMU].size >= ARM_SMMUV3_PM_MMIO_SIZE);
    object_property_add_child(OBJECT(vms), "smmuv3-pm", OBJECT(dev));
    object_property_set_link(OBJECT(dev), "primary-bus", OBJECT(bus),
                             &error_abort);
    sysbus_realize_and_unref(SYS_BUS_DEVICE(dev), &error_fatal);
    sysbus_mmio_map(SYS_BUS_DEVICE(dev), 0, base);
    for (int i = 0; i < ARM_SMMUV3_PM_NUM_IRQS; i++) {
        sysbus_connect_irq(SYS_BUS_DEVICE(dev), i,
                           qdev_get_gpio_in(vms->gic, irq + i));
        spis[i] = irq + i;
    }
    arm_smmuv3_pm_fdt_add_node(dev, ms->fdt, "/", 2, base, spis);
}

static bool is_user_created(DeviceState *dev)
{
    Object *parent = OBJECT(dev)->parent;

    return parent == machine_get_container("peripheral") ||
           parent == machine_get_container("peripheral-anon");
}

static Object *find_smmu(bool *ambiguous)
{
    *ambiguous = false;
    return object_resolve_path_type("", TYPE_ARM_SMMUV3_PM, ambiguous);
}

bool arm_smmuv3_pm_present(void)
{
    bool ambiguous;

    return find_smmu(&ambiguous) || ambiguous;
}

/*
 * What the IORT node says of the device itself (none of it for QEMU's
 * own arm-smmuv3, @smmu NULL).
 *
 * The SMMU signals its interrupts as MSIs, and the IORT says so, when it
 * implements them (IDR0.MSI) and the machine has an ITS to receive them.
 * Linux then only uses MSIs if no GSIV is given (iort.c ignores the
 * DeviceID mapping when all four are), so the GSIVs are left zero rather
 * than describing both ways as the DT does.
 */
static void iort_smmu_from_device(VirtMachineState *vms, Object *smmu,
                                  ArmSmmuV3PmIort *out)
{
    ArmSmmuV3PmState *s = smmu ? ARM_SMMUV3_PM(smmu) : NULL;

    /*
     * Under ACPI, Linux takes the HTTU features from the IORT node and
     * warns when IDR0.HTTU says otherwise: the firmware must say what
     * the SMMU does (QEMU's own arm-smmuv3 has no HTTU)
     */
    out->httu = s ? s->core.cfg.httu : 0;
    out->msi = s && s->core.cfg.msi && vms->its;
    if (out->msi) {
        memset(out->gsiv, 0, sizeof(out->gsiv));
        out->msi_devid = s->msi_devid;
    }
}

bool arm_smmuv3_pm_virt_iort_smmu(VirtMachineState *vms, ArmSmmuV3PmIort *out)
{
    PlatformBusDevice *pbus;
    SysBusDevice *sbd;
    bool ambiguous;
    Object *smmu = find_smmu(&ambiguous);

    memset(out, 0, sizeof(*out));
    if (vms->iommu == VIRT_IOMMU_SMMUV3 ||
        vms->iommu == VIRT_IOMMU_SMMUV3_PM) {
        out->base = vms->memmap[VIRT_SMMU].base;
        for (int i = 0; i < ARM_SMMUV3_PM_NUM_IRQS; i++) {
            out->gsiv[i] = vms->irqmap[VIRT_SMMU] + i + GIC_SPI_GSIV_BASE;
        }
        /* QEMU's own arm-smmuv3 (iommu=smmuv3) has wired interrupts only */
        iort_smmu_from_device(vms, vms->iommu == VIRT_IOMMU_SMMUV3_PM ?
                              smmu : NULL, out);
        return true;
    }
    if (!smmu || !vms->platform_bus_dev) {
        return false;
    }
    sbd = SYS_BUS_DEVICE(smmu);
    pbus = PLATFORM_BUS_DEVICE(vms->platform_bus_dev);
    out->base = vms->memmap[VIRT_PLATFORM_BUS].base +
                platform_bus_get_mmio_addr(pbus, sbd, 0);
    for (int i = 0; i < ARM_SMMUV3_PM_NUM_IRQS; i++) {
        out->gsiv[i] = vms->irqmap[VIRT_PLATFORM_BUS] +
                       platform_bus_get_irqn(pbus, sbd, i) + GIC_SPI_GSIV_BASE;
    }
    iort_smmu_from_device(vms, smmu, out);
    return true;
}

void arm_smmuv3_pm_virt_iort_msi_mapping(GArray *table_data,
                                         const ArmSmmuV3PmIort *smmu,
                                         uint32_t its_group_offset)
{
    /* Arm DEN 0049E.b, Table 4: ID mapping, single mapping */
    build_append_int_noprefix(table_data, 0, 4);    /* Input base: ignored */
    build_append_int_noprefix(table_data, 0, 4);    /* Number of IDs - 1 */
    build_append_int_noprefix(table_data, smmu->msi_devid, 4); /* Output */
    build_append_int_noprefix(table_data, its_group_offset, 4);
    build_append_int_noprefix(table_data, 1, 4);    /* Flags: Single */
}

static const char *iommu_name(VirtIOMMUType type)
{
    switch (type) {
    case VIRT_IOMMU_SMMUV3:
        return "-M virt,iommu=smmuv3";
    case VIRT_IOMMU_SMMUV3_PM:
        return "-M virt,iommu=smmuv3-pm";
    case VIRT_IOMMU_VIRTIO:
        return "virtio-iommu-pci";
    default:
        return "another IOMMU";
    }
}

void arm_smmuv3_pm_virt_pre_plug(VirtMachineState *vms, DeviceState *dev,
                                 Error **errp)
{
    bool ambiguous;
    Object *other;

    if (!is_user_created(dev)) {
        return;             /* the fixed-slot instance virt creates itself */
    }
    if (vms->iommu != VIRT_IOMMU_NONE) {
        error_setg(errp, "-device %s cannot be combined with %s: the virt "
                   "machine supports a single IOMMU", TYPE_ARM_SMMUV3_PM,
                   iommu_name(vms->iommu));
        return;
    }
    other = find_smmu(&ambiguous);
    if (ambiguous || (other && other != OBJECT(dev))) {
        error_setg(errp, "only one -device %s is supported on the virt "
                   "machine", TYPE_ARM_SMMUV3_PM);
    }
}
