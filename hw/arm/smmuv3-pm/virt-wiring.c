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

bool arm_smmuv3_pm_virt_iort_smmu(VirtMachineState *vms, hwaddr *base,
                                  uint32_t gsiv[4])
{
    PlatformBusDevice *pbus;
    SysBusDevice *sbd;
    bool ambiguous;

    if (vms->iommu == VIRT_IOMMU_SMMUV3 ||
        vms->iommu == VIRT_IOMMU_SMMUV3_PM) {
        *base = vms->memmap[VIRT_SMMU].base;
        for (int i = 0; i < ARM_SMMUV3_PM_NUM_IRQS; i++) {
            gsiv[i] = vms->irqmap[VIRT_SMMU] + i + GIC_SPI_GSIV_BASE;
        }
        return true;
    }
    sbd = SYS_BUS_DEVICE(find_smmu(&ambiguous));
    if (!sbd || !vms->platform_bus_dev) {
        return false;
    }
    pbus = PLATFORM_BUS_DEVICE(vms->platform_bus_dev);
    *base = vms->memmap[VIRT_PLATFORM_BUS].base +
            platform_bus_get_mmio_addr(pbus, sbd, 0);
    for (int i = 0; i < ARM_SMMUV3_PM_NUM_IRQS; i++) {
        gsiv[i] = vms->irqmap[VIRT_PLATFORM_BUS] +
                  platform_bus_get_irqn(pbus, sbd, i) + GIC_SPI_GSIV_BASE;
    }
    return true;
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
