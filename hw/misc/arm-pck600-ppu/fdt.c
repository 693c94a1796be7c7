/*
 * arm-pck600-ppu: device tree description (Linux's
 * Documentation/devicetree/bindings/power/allwinner,sun20i-d1-ppu.yaml,
 * which covers "allwinner,sun60i-a733-pck-600")
 *
 *   ppu: power-controller@... {
 *       compatible = "allwinner,sun60i-a733-pck-600";
 *       reg = <base (num-domains * 0x1000)>;
 *       clocks = <&apb_pclk>;
 *       #power-domain-cells = <1>;
 *   };
 *
 * The binding requires a bus clock, and Linux's driver enables it
 * (devm_clk_get_enabled) before touching a register; virt has no clock
 * controller, but its peripherals' APB clock is a DT fixed-clock,
 * /apb-pclk, and the PPU's register interface runs on that bus too.  A
 * machine without it gets a fixed clock of the PPU's own.  The A733
 * needs no reset line (the A523 does, and virt has no reset controller
 * to describe one: that variant is not offered).  The binding has no
 * interrupts property: the PPUs' interrupt outputs stay unconnected.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "system/device_tree.h"
#include "arm-pck600-ppu-internal.h"

#include <libfdt.h>

/* virt's APB clock: the PL011's and PL031's "apb_pclk" */
#define APB_PCLK_NODE       "/apb-pclk"
#define OWN_CLK_NODE        "/pck600-ppu-clk"
#define OWN_CLK_HZ          24000000

/* The phandle of the bus clock: the machine's, or one of our own */
static uint32_t bus_clock_phandle(void *fdt)
{
    int node = fdt_path_offset(fdt, APB_PCLK_NODE);
    uint32_t phandle = node >= 0 ? fdt_get_phandle(fdt, node) : 0;

    if (phandle) {
        return phandle;
    }
    node = fdt_path_offset(fdt, OWN_CLK_NODE);
    if (node >= 0) {
        return fdt_get_phandle(fdt, node);
    }
    phandle = qemu_fdt_alloc_phandle(fdt);
    qemu_fdt_add_subnode(fdt, OWN_CLK_NODE);
    qemu_fdt_setprop_string(fdt, OWN_CLK_NODE, "compatible", "fixed-clock");
    qemu_fdt_setprop_cell(fdt, OWN_CLK_NODE, "#clock-cells", 0);
    qemu_fdt_setprop_cell(fdt, OWN_CLK_NODE, "clock-frequency", OWN_CLK_HZ);
    qemu_fdt_setprop_cell(fdt, OWN_CLK_NODE, "phandle", phandle);
    return phandle;
}

void arm_pck600_ppu_fdt_add_node(DeviceState *dev, void *fdt,
                                 const char *parent_node, int cells,
                                 uint64_t base)
{
    ArmPck600PpuState *s = ARM_PCK600_PPU(dev);
    g_autofree char *node = NULL;

    node = g_strdup_printf("%s/power-controller@%" PRIx64,
                           strcmp(parent_node, "/") ? parent_node : "",
                           base);
    qemu_fdt_add_subnode(fdt, node);
    qemu_fdt_setprop_string(fdt, node, "compatible",
                            ARM_PCK600_PPU_COMPATIBLE);
    qemu_fdt_setprop_sized_cells(fdt, node, "reg", cells, base, cells,
                                 (uint64_t)s->ppu.cfg.domains.num *
                                 PPU_BLOCK_SIZE);
    qemu_fdt_setprop_cell(fdt, node, "clocks", bus_clock_phandle(fdt));
    qemu_fdt_setprop_cell(fdt, node, "#power-domain-cells", 1);
    qemu_fdt_setprop_cell(fdt, node, "phandle",
                          power_domain_provider_fdt_phandle(dev, fdt));
}
