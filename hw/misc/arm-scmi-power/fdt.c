/*
 * arm-scmi-power: device tree description (Linux "arm,scmi-smc" and
 * "arm,scmi-shmem" bindings)
 *
 *   /firmware/scmi {
 *       compatible = "arm,scmi-smc";
 *       arm,smc-id = <smc-id>;
 *       shmem = <&channel>;
 *       #address-cells = <1>; #size-cells = <0>;
 *       protocol@11 { reg = <0x11>; #power-domain-cells = <1>; };
 *   };
 *   channel: scmi-shmem@... { compatible = "arm,scmi-shmem"; reg = ...; };
 *
 * The base protocol needs no node.  Linux creates the SCMI platform
 * device from /firmware's children, maps the channel with ioremap()
 * after translating its "reg" through the parent's "ranges", and rings
 * the doorbell with arm_smccc_1_1_invoke() over the PSCI conduit.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "system/device_tree.h"
#include "arm-scmi-power-internal.h"

#include <libfdt.h>

void arm_scmi_power_fdt_add_node(DeviceState *dev, void *fdt,
                                 const char *parent_node, int cells,
                                 uint64_t shmem_base)
{
    static const char shmem_compat[] = "arm,scmi-shmem";
    static const char scmi_compat[] = "arm,scmi-smc";
    ArmScmiPowerState *s = ARM_SCMI_POWER(dev);
    g_autofree char *shmem = NULL;
    uint32_t shmem_phandle;

    shmem = g_strdup_printf("%s/scmi-shmem@%" PRIx64,
                            strcmp(parent_node, "/") ? parent_node : "",
                            shmem_base);
    qemu_fdt_add_subnode(fdt, shmem);
    qemu_fdt_setprop(fdt, shmem, "compatible", shmem_compat,
                     sizeof(shmem_compat));
    qemu_fdt_setprop_sized_cells(fdt, shmem, "reg", cells, shmem_base,
                                 cells, ARM_SCMI_POWER_SHMEM_SIZE);
    shmem_phandle = qemu_fdt_alloc_phandle(fdt);
    qemu_fdt_setprop_cell(fdt, shmem, "phandle", shmem_phandle);

    if (fdt_path_offset(fdt, "/firmware") < 0) {
        qemu_fdt_add_subnode(fdt, "/firmware");
    }
    qemu_fdt_add_subnode(fdt, "/firmware/scmi");
    qemu_fdt_setprop(fdt, "/firmware/scmi", "compatible", scmi_compat,
                     sizeof(scmi_compat));
    qemu_fdt_setprop_cell(fdt, "/firmware/scmi", "arm,smc-id", s->smc_id);
    qemu_fdt_setprop_cell(fdt, "/firmware/scmi", "shmem", shmem_phandle);
    qemu_fdt_setprop_cell(fdt, "/firmware/scmi", "#address-cells", 1);
    qemu_fdt_setprop_cell(fdt, "/firmware/scmi", "#size-cells", 0);

    qemu_fdt_add_subnode(fdt, "/firmware/scmi/protocol@11");
    qemu_fdt_setprop_cell(fdt, "/firmware/scmi/protocol@11", "reg",
                          SCMI_PROTOCOL_POWER);
    qemu_fdt_setprop_cell(fdt, "/firmware/scmi/protocol@11",
                          "#power-domain-cells", 1);
    qemu_fdt_setprop_cell(fdt, "/firmware/scmi/protocol@11", "phandle",
                          power_domain_provider_fdt_phandle(dev, fdt));
}
