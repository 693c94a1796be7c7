/*
 * arm-pck600-ppu core: the register block of one Power Policy Unit
 *
 * Arm Power Policy Unit architecture v1.1 (Arm DEN 0051E) as integrated
 * in the Arm CoreLink PCK-600 Power Control Kit (TRM 101150): one 4 KiB
 * block per power domain.  Allwinner's integration (sun55i-a523,
 * sun60i-a733) adds three delay registers in the architecture's reserved
 * space (0xc00, 0xc04, 0xc10) that its Linux driver programs at probe.
 *
 * Plain C + GLib: built into QEMU and on its own for the unit tests.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef ARM_PCK600_PPU_CORE_REGS_H
#define ARM_PCK600_PPU_CORE_REGS_H

#include <stdint.h>

/* The REG32/FIELD vocabulary of every core (and hw/registerfields.h) */
#include "hw/core-common/fields.h"

#define PPU_BLOCK_SIZE  0x1000

/* Power Policy Register: what software asks for */
REG32(PPU_PWPR, 0x000)
    FIELD(PPU_PWPR, PWR_POLICY, 0, 4)
    FIELD(PPU_PWPR, PWR_DYN_EN, 8, 1)
    FIELD(PPU_PWPR, LOCK_EN, 12, 1)
    FIELD(PPU_PWPR, OP_POLICY, 16, 4)
    FIELD(PPU_PWPR, OP_DYN_EN, 24, 1)
/* Power Mode Emulation Enable Register */
REG32(PPU_PMER, 0x004)
    FIELD(PPU_PMER, EMU_EN, 0, 1)
/* Power Status Register: the mode the domain is in */
REG32(PPU_PWSR, 0x008)
    FIELD(PPU_PWSR, PWR_STATUS, 0, 4)
    FIELD(PPU_PWSR, PWR_DYN_STATUS, 8, 1)
    FIELD(PPU_PWSR, LOCK_STATUS, 12, 1)
    FIELD(PPU_PWSR, OP_STATUS, 16, 4)
    FIELD(PPU_PWSR, OP_DYN_STATUS, 24, 1)
/* Device Interface Input Current Status Register */
REG32(PPU_DISR, 0x010)
/* Miscellaneous Input Current Status Register */
REG32(PPU_MISR, 0x014)
/* Stored Status Register */
REG32(PPU_STSR, 0x018)
/* Unlock Register: write 1 to leave a locked OFF mode, reads 0 */
REG32(PPU_UNLK, 0x01c)
    FIELD(PPU_UNLK, UNLOCK, 0, 1)
/* Power Configuration Register */
REG32(PPU_PWCR, 0x020)
    FIELD(PPU_PWCR, DEVREQEN, 0, 8)
    FIELD(PPU_PWCR, PWR_DEVACTIVEEN, 8, 11)
    FIELD(PPU_PWCR, OP_DEVACTIVEEN, 24, 8)
/* Power Mode Transition Configuration Register */
REG32(PPU_PTCR, 0x024)
    FIELD(PPU_PTCR, WARM_RST_DEVREQEN, 0, 1)
    FIELD(PPU_PTCR, DBG_RECOV_PORST_EN, 1, 1)
/*
 * Interrupt Mask Registers: bit n masks the event of bit n of ISR (bits
 * [5:0]) and AISR (bits [4:0]): a masked event does not set its status
 */
REG32(PPU_IMR, 0x030)
REG32(PPU_AIMR, 0x034)
/* Interrupt Status Register: write 1 to clear; OTHER_IRQ mirrors AISR */
REG32(PPU_ISR, 0x038)
    FIELD(PPU_ISR, STA_POLICY_TRN_IRQ, 0, 1)
    FIELD(PPU_ISR, STA_ACCEPT_IRQ, 1, 1)
    FIELD(PPU_ISR, STA_DENY_IRQ, 2, 1)
    FIELD(PPU_ISR, EMU_ACCEPT_IRQ, 3, 1)
    FIELD(PPU_ISR, EMU_DENY_IRQ, 4, 1)
    FIELD(PPU_ISR, LOCKED_IRQ, 5, 1)
    FIELD(PPU_ISR, OTHER_IRQ, 7, 1)
    FIELD(PPU_ISR, PWR_ACTIVE_EDGE_IRQ, 8, 11)
    FIELD(PPU_ISR, OP_ACTIVE_EDGE_IRQ, 24, 8)
/* Additional Interrupt Status Register: write 1 to clear */
REG32(PPU_AISR, 0x03c)
    FIELD(PPU_AISR, UNSPT_POLICY_IRQ, 0, 1)
    FIELD(PPU_AISR, DYN_ACCEPT_IRQ, 1, 1)
    FIELD(PPU_AISR, DYN_DENY_IRQ, 2, 1)
    FIELD(PPU_AISR, STA_POLICY_PWR_IRQ, 3, 1)
    FIELD(PPU_AISR, STA_POLICY_OP_IRQ, 4, 1)
/* Input Edge Sensitivity Register: 2 bits per power-mode DEVACTIVE input */
REG32(PPU_IESR, 0x040)
/* Operating Mode Active Edge Sensitivity Register */
REG32(PPU_OPSR, 0x044)
/* Retention RAM configuration (only with IDR1.*_RET_RAM_REG) */
REG32(PPU_FUNRR, 0x050)
REG32(PPU_FULRR, 0x054)
REG32(PPU_MEMRR, 0x058)
/* Power Mode Entry Delay Registers (only with IDR1.PWR_MODE_ENTRY_DEL_SPT) */
REG32(PPU_EDTR0, 0x160)
REG32(PPU_EDTR1, 0x164)
/* Device Control Delay Configuration Registers (IDR1.SW_DEV_DEL_SPT) */
REG32(PPU_DCDR0, 0x170)
    FIELD(PPU_DCDR0, CLKEN_RST_DLY, 0, 8)
    FIELD(PPU_DCDR0, ISO_CLKEN_DLY, 8, 8)
    FIELD(PPU_DCDR0, RST_HWSTAT_DLY, 16, 8)
REG32(PPU_DCDR1, 0x174)
    FIELD(PPU_DCDR1, ISO_RST_DLY, 0, 8)
    FIELD(PPU_DCDR1, CLKEN_ISO_DLY, 8, 8)
/*
 * Allwinner's additions, in DEN 0051's reserved space: the delays of the
 * logic power switch chains and of the OFF to ON sequence.  Their fields
 * are not documented; software writes whole words.
 */
REG32(PPU_SUNXI_LPSDR0, 0xc00)
REG32(PPU_SUNXI_LPSDR1, 0xc04)
REG32(PPU_SUNXI_OFF2ON, 0xc10)
/* Identification */
REG32(PPU_IDR0, 0xfb0)
    FIELD(PPU_IDR0, DEVCHAN, 0, 4)
    FIELD(PPU_IDR0, NUM_OPMODE, 4, 4)
    FIELD(PPU_IDR0, STA_OFF_SPT, 8, 1)
    FIELD(PPU_IDR0, STA_OFF_EMU_SPT, 9, 1)
    FIELD(PPU_IDR0, STA_MEM_RET_SPT, 10, 1)
    FIELD(PPU_IDR0, STA_MEM_RET_EMU_SPT, 11, 1)
    FIELD(PPU_IDR0, STA_LGC_RET_SPT, 12, 1)
    FIELD(PPU_IDR0, STA_MEM_OFF_SPT, 13, 1)
    FIELD(PPU_IDR0, STA_FULL_RET_SPT, 14, 1)
    FIELD(PPU_IDR0, STA_FUNC_RET_SPT, 15, 1)
    FIELD(PPU_IDR0, STA_ON_SPT, 16, 1)
    FIELD(PPU_IDR0, STA_WRM_RST_SPT, 17, 1)
    FIELD(PPU_IDR0, STA_DBG_RECOV_SPT, 18, 1)
    FIELD(PPU_IDR0, DYN_OFF_SPT, 20, 1)
    FIELD(PPU_IDR0, DYN_ON_SPT, 28, 1)
REG32(PPU_IDR1, 0xfb4)
    FIELD(PPU_IDR1, PWR_MODE_ENTRY_DEL_SPT, 0, 1)
    FIELD(PPU_IDR1, SW_DEV_DEL_SPT, 1, 1)
    FIELD(PPU_IDR1, LOCK_SPT, 2, 1)
REG32(PPU_IIDR, 0xfc8)
    FIELD(PPU_IIDR, IMPLEMENTER, 0, 12)
    FIELD(PPU_IIDR, REVISION, 12, 4)
    FIELD(PPU_IIDR, VARIANT, 16, 4)
    FIELD(PPU_IIDR, PRODUCT_ID, 20, 12)
REG32(PPU_AIDR, 0xfcc)
    FIELD(PPU_AIDR, ARCH_REV_MINOR, 0, 4)
    FIELD(PPU_AIDR, ARCH_REV_MAJOR, 4, 4)
/* Peripheral and component identification (CoreSight/PrimeCell layout) */
REG32(PPU_PIDR4, 0xfd0)
REG32(PPU_PIDR5, 0xfd4)
REG32(PPU_PIDR6, 0xfd8)
REG32(PPU_PIDR7, 0xfdc)
REG32(PPU_PIDR0, 0xfe0)
REG32(PPU_PIDR1, 0xfe4)
REG32(PPU_PIDR2, 0xfe8)
REG32(PPU_PIDR3, 0xfec)
REG32(PPU_CIDR0, 0xff0)
REG32(PPU_CIDR1, 0xff4)
REG32(PPU_CIDR2, 0xff8)
REG32(PPU_CIDR3, 0xffc)

/* Power modes: the encoding of PWPR.PWR_POLICY and PWSR.PWR_STATUS */
typedef enum PpuMode {
    PPU_MODE_OFF = 0x0,
    PPU_MODE_OFF_EMU = 0x1,
    PPU_MODE_MEM_RET = 0x2,
    PPU_MODE_MEM_RET_EMU = 0x3,
    PPU_MODE_LOGIC_RET = 0x4,
    PPU_MODE_FULL_RET = 0x5,
    PPU_MODE_MEM_OFF = 0x6,
    PPU_MODE_FUNC_RET = 0x7,
    PPU_MODE_ON = 0x8,
    PPU_MODE_WARM_RST = 0x9,
    PPU_MODE_DBG_RECOV = 0xa,
} PpuMode;

/*
 * What this PPU implements: a Q-Channel PPU (one device channel, no
 * operating modes) with static OFF and ON only, the lock, and software
 * programmable device control delays.
 */
#define PPU_IDR0_VALUE  (R_PPU_IDR0_STA_OFF_SPT_MASK | \
                         R_PPU_IDR0_STA_ON_SPT_MASK | \
                         (1u << R_PPU_IDR0_DEVCHAN_SHIFT))
#define PPU_IDR1_VALUE  (R_PPU_IDR1_SW_DEV_DEL_SPT_MASK | \
                         R_PPU_IDR1_LOCK_SPT_MASK)
/* PCK-600 PPU r0p0: product 0x0b6, implementer Arm (JEP106 0x43b) */
#define PPU_IIDR_VALUE  0x0b60043bu
/* Architecture v1.1 */
#define PPU_AIDR_VALUE  0x11u

/* Interrupt masks at reset (PPU v1.1) */
#define PPU_IMR_RESET   0x3au
#define PPU_AIMR_RESET  0x1eu
/* Device channel 0 takes part in transitions */
#define PPU_PWCR_RESET  0x1u

#endif /* ARM_PCK600_PPU_CORE_REGS_H */
