/*
 * arm-pck600-ppu: the Power Policy Units of an Arm CoreLink PCK-600, as
 * Allwinner's A733 integrates them ("allwinner,sun60i-a733-pck-600")
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_MISC_ARM_PCK600_PPU_H
#define HW_MISC_ARM_PCK600_PPU_H

#include "hw/sysbus.h"
#include "hw/misc/power-domain-provider.h"

#define TYPE_ARM_PCK600_PPU "arm-pck600-ppu"

/* The DT binding Linux's sun55i-pck600 driver matches for the A733 */
#define ARM_PCK600_PPU_COMPATIBLE "allwinner,sun60i-a733-pck-600"

/* Its default: the A733's 11 domains */
#define ARM_PCK600_PPU_A733_DOMAINS 11

/*
 * A power-domain provider (hw/misc/power-domain-provider.h): named GPIO
 * outputs "domain-power", one per domain, 1 = powered, 0 = off; and one
 * interrupt output per PPU, "ppu-irq"[N], which the DT binding does not
 * describe (so virt leaves it unconnected)
 */
#define ARM_PCK600_PPU_IRQ_OUT "ppu-irq"

/*
 * Add @dev's node to @fdt under @parent_node (whose #address-cells and
 * #size-cells are @cells), its register blocks at @base in the parent's
 * address space: compatible, reg (one 4 KiB block per domain), clocks
 * (the machine's /apb-pclk, or a fixed clock of its own),
 * #power-domain-cells = <1>.
 */
void arm_pck600_ppu_fdt_add_node(DeviceState *dev, void *fdt,
                                 const char *parent_node, int cells,
                                 uint64_t base);

#endif /* HW_MISC_ARM_PCK600_PPU_H */
