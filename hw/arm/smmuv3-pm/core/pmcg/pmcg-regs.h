/*
 * arm-smmuv3-pm core: the PMCG's registers (Arm IHI 0070, ch. 10)
 *
 * In the vocabulary of base/arch.h (REG32/REG64 + FIELD), with a PMCG_
 * prefix because several names (IIDR, AIDR, IRQ_CTRL, PIDRn) are also
 * SMMU registers.  Offsets are within a 4KB register page.  The counter
 * registers are arrays: EVCNTRn and SVRn have a stride of 4 bytes when
 * counters are at most 32 bits wide and of 8 bytes otherwise; EVTYPERn
 * and SMRn a stride of 4.
 *
 * With CFGR.RELOC_CTRS = 1 the registers software reads on the hot path
 * (EVCNTRn, SVRn, OVSCLR0, OVSSET0, CAPR) move to register page 1, at
 * the same offsets, so that page 1 can be mapped alone (to user space,
 * say); their page 0 locations are then reserved.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMUV3_PM_CORE_PMCG_REGS_H
#define SMMUV3_PM_CORE_PMCG_REGS_H

#include "hw/core-common/fields.h"

#define SMMU_PMCG_PAGE_SIZE     0x1000

/* Counter arrays: the offset of element 0 */
REG32(PMCG_EVCNTR0, 0x000)
REG32(PMCG_EVTYPER0, 0x400)
    FIELD(PMCG_EVTYPER, EVENT, 0, 16)
    FIELD(PMCG_EVTYPER, FILTER_SID_SPAN, 29, 1)
    FIELD(PMCG_EVTYPER, FILTER_SEC_SID, 30, 1)
    FIELD(PMCG_EVTYPER, OVFCAP, 31, 1)
REG32(PMCG_SVR0, 0x600)
REG32(PMCG_SMR0, 0xa00)
    FIELD(PMCG_SMR, STREAMID, 0, 32)

/* One bit per counter */
REG64(PMCG_CNTENSET0, 0xc00)
REG64(PMCG_CNTENCLR0, 0xc20)
REG64(PMCG_INTENSET0, 0xc40)
REG64(PMCG_INTENCLR0, 0xc60)
REG64(PMCG_OVSCLR0, 0xc80)
REG64(PMCG_OVSSET0, 0xcc0)

/* Capture, security, configuration and control */
REG32(PMCG_CAPR, 0xd88)
    FIELD(PMCG_CAPR, CAPTURE, 0, 1)
REG32(PMCG_SCR, 0xdf8)
REG32(PMCG_CFGR, 0xe00)
    FIELD(PMCG_CFGR, NCTR, 0, 6)            /* counters - 1 */
    FIELD(PMCG_CFGR, SIZE, 8, 6)            /* counter bits - 1 */
    FIELD(PMCG_CFGR, RELOC_CTRS, 20, 1)
    FIELD(PMCG_CFGR, MSI, 21, 1)
    FIELD(PMCG_CFGR, CAPTURE, 22, 1)
    FIELD(PMCG_CFGR, SID_FILTER_TYPE, 23, 1)
REG32(PMCG_CR, 0xe04)
    FIELD(PMCG_CR, E, 0, 1)
REG32(PMCG_IIDR, 0xe08)

/* Implemented common events: one bit per event number 0-127 */
REG64(PMCG_CEID0, 0xe20)
REG64(PMCG_CEID1, 0xe28)

/* The overflow interrupt */
REG32(PMCG_IRQ_CTRL, 0xe50)
    FIELD(PMCG_IRQ_CTRL, IRQEN, 0, 1)
REG32(PMCG_IRQ_CTRLACK, 0xe54)
REG64(PMCG_IRQ_CFG0, 0xe58)
    FIELD(PMCG_IRQ_CFG0, ADDR, 2, 50)
REG32(PMCG_IRQ_CFG1, 0xe60)
REG32(PMCG_IRQ_CFG2, 0xe64)
    FIELD(PMCG_IRQ_CFG2, MEMATTR, 0, 4)
    FIELD(PMCG_IRQ_CFG2, SH, 4, 2)

REG32(PMCG_AIDR, 0xe70)

/* CoreSight identification, as the SMMU's own page 0 */
REG32(PMCG_PIDR4, 0xfd0)
REG32(PMCG_PIDR0, 0xfe0)
REG32(PMCG_CIDR0, 0xff0)

#endif /* SMMUV3_PM_CORE_PMCG_REGS_H */
