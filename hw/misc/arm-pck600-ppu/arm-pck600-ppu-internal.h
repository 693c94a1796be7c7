/*
 * arm-pck600-ppu: QEMU binding state shared by the binding's files
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_MISC_ARM_PCK600_PPU_INTERNAL_H
#define HW_MISC_ARM_PCK600_PPU_INTERNAL_H

#include "hw/misc/arm-pck600-ppu.h"
#include "core/ppu.h"

OBJECT_DECLARE_TYPE(ArmPck600PpuState, ArmPck600PpuClass, ARM_PCK600_PPU)

struct ArmPck600PpuClass {
    PowerDomainProviderBaseClass parent_class;

    /* The base's: "domain-power" outputs driven at reset exit */
    ResettablePhases parent_phases;
};

struct ArmPck600PpuState {
    PowerDomainProviderBase parent_obj;

    MemoryRegion mmio;              /* every domain's register block */
    qemu_irq irq[PPU_MAX_DOMAINS];
    /* One timer for every transition in flight; 0: none for that domain */
    QEMUTimer *timer;
    int64_t deadline[PPU_MAX_DOMAINS];

    /* Properties */
    uint32_t num_domains;
    char *domain_states;
    uint64_t latency_ns;

    Ppu ppu;
};

#endif /* HW_MISC_ARM_PCK600_PPU_INTERNAL_H */
