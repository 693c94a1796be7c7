/*
 * arm-pck600-ppu: QEMU binding state shared by the binding's files
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_MISC_ARM_PCK600_PPU_INTERNAL_H
#define HW_MISC_ARM_PCK600_PPU_INTERNAL_H

#include "hw/misc/arm-pck600-ppu.h"
#include "core/ppu.h"

OBJECT_DECLARE_SIMPLE_TYPE(ArmPck600PpuState, ARM_PCK600_PPU)

struct ArmPck600PpuState {
    SysBusDevice parent_obj;

    MemoryRegion mmio;              /* every domain's register block */
    qemu_irq domain_power[PPU_MAX_DOMAINS];
    qemu_irq irq[PPU_MAX_DOMAINS];
    /* One timer for every transition in flight; 0: none for that domain */
    QEMUTimer *timer;
    int64_t deadline[PPU_MAX_DOMAINS];

    /* Properties */
    uint32_t num_domains;
    char *domain_states;
    uint64_t latency_ns;

    Ppu ppu;
    bool in_reset;                  /* outputs follow in the exit phase */

    /* The provider's phandle in the machine's device tree */
    void *fdt;
    uint32_t phandle;
};

/* Phandle of @dev's node in @fdt, allocated on first use */
uint32_t arm_pck600_ppu_fdt_phandle(DeviceState *dev, void *fdt);

#endif /* HW_MISC_ARM_PCK600_PPU_INTERNAL_H */
