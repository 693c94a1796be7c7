/*
 * arm-smmuv3-pm: device tree description (Linux "arm,smmu-v3" binding)
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/arm/fdt.h"
#include "hw/pci/pci_bus.h"
#include "system/device_tree.h"
#include "smmuv3-pm-internal.h"

/* First node compatible with @compat, or NULL; g_free() the result */
static char *find_node(void *fdt, const char *compat)
{
    g_auto(GStrv) paths = qemu_fdt_node_path(fdt, NULL, compat, NULL);

    return paths && paths[0] ? g_strdup(paths[0]) : NULL;
}

/*
 * The SMMU signals its own interrupts as MSIs when it can: name the MSI
 * controller, with our DeviceID when it is an ITS.
 */
static void add_msi_parent(ArmSmmuV3PmState *s, void *fdt, const char *node)
{
    g_autofree char *its = find_node(fdt, "arm,gic-v3-its");
    g_autofree char *v2m = NULL;

    if (its) {
        qemu_fdt_setprop_cells(fdt, node, "msi-parent",
                               qemu_fdt_get_phandle(fdt, its), s->msi_devid);
        return;
    }
    v2m = find_node(fdt, "arm,gic-v2m-frame");
    if (v2m) {
        qemu_fdt_setprop_cell(fdt, node, "msi-parent",
                              qemu_fdt_get_phandle(fdt, v2m));
    }
}

/* Route the whole RID space of the PCIe host bridge through the SMMU */
static void add_iommu_map(ArmSmmuV3PmState *s, void *fdt, uint32_t phandle)
{
    g_autofree char *host = find_node(fdt, "pci-host-ecam-generic");

    if (!host || pci_bus_bypass_iommu(s->primary_bus)) {
        return;
    }
    qemu_fdt_setprop_cells(fdt, host, "iommu-map", 0x0, phandle, 0x0,
                           0x10000);
}

uint32_t arm_smmuv3_pm_fdt_add_node(DeviceState *dev, void *fdt,
                                    const char *parent_node,
                                    int addr_cells, uint64_t reg_base,
                                    const uint32_t *spis)
{
    static const char irq_names[] = "eventq\0priq\0cmdq-sync\0gerror";
    static const char compat[] = "arm,smmu-v3";
    ArmSmmuV3PmState *s = ARM_SMMUV3_PM(dev);
    g_autofree char *node = NULL;
    uint32_t irq_prop[ARM_SMMUV3_PM_NUM_IRQS * 3];
    uint32_t phandle;

    node = g_strdup_printf("%s/smmuv3@%" PRIx64,
                           strcmp(parent_node, "/") ? parent_node : "",
                           reg_base);
    qemu_fdt_add_subnode(fdt, node);
    qemu_fdt_setprop(fdt, node, "compatible", compat, sizeof(compat));
    qemu_fdt_setprop_sized_cells(fdt, node, "reg", addr_cells, reg_base,
                                 addr_cells, ARM_SMMUV3_PM_MMIO_SIZE);

    for (int i = 0; i < ARM_SMMUV3_PM_NUM_IRQS; i++) {
        irq_prop[i * 3] = cpu_to_be32(GIC_FDT_IRQ_TYPE_SPI);
        irq_prop[i * 3 + 1] = cpu_to_be32(spis[i]);
        irq_prop[i * 3 + 2] = cpu_to_be32(GIC_FDT_IRQ_FLAGS_EDGE_LO_HI);
    }
    qemu_fdt_setprop(fdt, node, "interrupts", irq_prop, sizeof(irq_prop));
    qemu_fdt_setprop(fdt, node, "interrupt-names", irq_names,
                     sizeof(irq_names));
    qemu_fdt_setprop(fdt, node, "dma-coherent", NULL, 0);
    qemu_fdt_setprop_cell(fdt, node, "#iommu-cells", 1);
    if (s->core.cfg.msi) {
        add_msi_parent(s, fdt, node);
    }
    smmuv3_pm_power_domain_fdt(s, fdt, node);

    phandle = qemu_fdt_alloc_phandle(fdt);
    qemu_fdt_setprop_cell(fdt, node, "phandle", phandle);
    add_iommu_map(s, fdt, phandle);
    return phandle;
}
