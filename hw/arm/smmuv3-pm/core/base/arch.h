/*
 * arm-smmuv3-pm core: the architecture's registers and structures
 *
 * Every field the core reads or builds, defined once, in the vocabulary
 * of QEMU's hw/registerfields.h (hw/core-common/fields.h): REG32/REG64 +
 * FIELD, read with FIELD_EX32/FIELD_EX64, built with FIELD_DP32/FIELD_DP64.
 * The sections follow Arm IHI 0070 (SMMUv3) and the Arm ARM (DDI 0487):
 *
 *   1. registers                          IHI 0070 ch. 6
 *   2. Stream table: L1STD, STE           IHI 0070 5.1, 5.2
 *   3. CD table: L1CD, CD                 IHI 0070 5.3, 5.4
 *   4. commands: opcodes and formats      IHI 0070 ch. 4
 *   5. event records                      IHI 0070 7.3
 *   6. PRI queue entries                  IHI 0070 8.1
 *   7. translation table descriptors      DDI 0487, VMSAv8-64
 *
 * A structure of several doublewords is described one doubleword at a
 * time: REG64(STE_2, 0x10) is doubleword 2 of an STE (bits [191:128] of
 * the spec's table), and FIELD(STE_2, S2VMID, 0, 16) is STE[143:128].
 * The spec's field names are kept (upper case, no punctuation).  An
 * address field holds the address bits in place: read it as
 * (dw & R_<REG>_<FIELD>_MASK).
 *
 * tests/common/smmu-builder and tests/unit/spec.h keep their own numbers
 * on purpose: they are the independent oracle of this file.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMUV3_PM_CORE_ARCH_H
#define SMMUV3_PM_CORE_ARCH_H

#include "hw/core-common/fields.h"

/* ======================================================================
 * 1. Registers (Arm IHI 0070, ch. 6)
 *
 * Offsets are relative to the start of register page 0; page 1 starts at
 * SMMU_PAGE_SIZE and holds the EVENTQ/PRIQ PROD/CONS aliases.
 * ====================================================================== */

#define SMMU_PAGE_SIZE          0x10000
#define SMMU_REGION_SIZE        (2 * SMMU_PAGE_SIZE)

/* Secure register block in page 0: RAZ/WI in this model */
#define SMMU_SECURE_BASE        0x8000
#define SMMU_SECURE_END         0x9000

/* Identification (6.3) */
REG32(IDR0, 0x0)
    FIELD(IDR0, S2P, 0, 1)
    FIELD(IDR0, S1P, 1, 1)
    FIELD(IDR0, TTF, 2, 2)
    FIELD(IDR0, COHACC, 4, 1)
    FIELD(IDR0, BTM, 5, 1)
    FIELD(IDR0, HTTU, 6, 2)
    FIELD(IDR0, DORMHINT, 8, 1)
    FIELD(IDR0, HYP, 9, 1)
    FIELD(IDR0, ATS, 10, 1)
    FIELD(IDR0, NS1ATS, 11, 1)
    FIELD(IDR0, ASID16, 12, 1)
    FIELD(IDR0, MSI, 13, 1)
    FIELD(IDR0, SEV, 14, 1)
    FIELD(IDR0, ATOS, 15, 1)
    FIELD(IDR0, PRI, 16, 1)
    FIELD(IDR0, VMW, 17, 1)
    FIELD(IDR0, VMID16, 18, 1)
    FIELD(IDR0, CD2L, 19, 1)
    FIELD(IDR0, VATOS, 20, 1)
    FIELD(IDR0, TTENDIAN, 21, 2)
    FIELD(IDR0, ATSRECERR, 23, 1)
    FIELD(IDR0, STALL_MODEL, 24, 2)
    FIELD(IDR0, TERM_MODEL, 26, 1)
    FIELD(IDR0, ST_LEVEL, 27, 2)
REG32(IDR1, 0x4)
    FIELD(IDR1, SIDSIZE, 0, 6)
    FIELD(IDR1, SSIDSIZE, 6, 5)
    FIELD(IDR1, PRIQS, 11, 5)
    FIELD(IDR1, EVENTQS, 16, 5)
    FIELD(IDR1, CMDQS, 21, 5)
    FIELD(IDR1, ATTR_PERMS_OVR, 26, 1)
    FIELD(IDR1, ATTR_TYPES_OVR, 27, 1)
    FIELD(IDR1, REL, 28, 1)
    FIELD(IDR1, QUEUES_PRESET, 29, 1)
    FIELD(IDR1, TABLES_PRESET, 30, 1)
    FIELD(IDR1, ECMDQ, 31, 1)
REG32(IDR2, 0x8)
    FIELD(IDR2, BA_VATOS, 0, 10)
REG32(IDR3, 0xc)
    FIELD(IDR3, HAD, 2, 1)
    FIELD(IDR3, PBHA, 3, 1)
    FIELD(IDR3, XNX, 4, 1)
    FIELD(IDR3, PPS, 5, 1)
    FIELD(IDR3, MPAM, 7, 1)
    FIELD(IDR3, FWB, 8, 1)
    FIELD(IDR3, STT, 9, 1)
    FIELD(IDR3, RIL, 10, 1)
    FIELD(IDR3, BBML, 11, 2)
REG32(IDR4, 0x10)
REG32(IDR5, 0x14)
    FIELD(IDR5, OAS, 0, 3)
    FIELD(IDR5, GRAN4K, 4, 1)
    FIELD(IDR5, GRAN16K, 5, 1)
    FIELD(IDR5, GRAN64K, 6, 1)
    FIELD(IDR5, VAX, 10, 2)
    FIELD(IDR5, STALL_MAX, 16, 16)
REG32(IIDR, 0x18)
    FIELD(IIDR, IMPLEMENTER, 0, 12)
    FIELD(IIDR, REVISION, 12, 4)
    FIELD(IIDR, VARIANT, 16, 4)
    FIELD(IIDR, PRODUCTID, 20, 12)
REG32(AIDR, 0x1c)
    FIELD(AIDR, ARCHMINORREV, 0, 4)
    FIELD(AIDR, ARCHMAJORREV, 4, 4)

/* Control, status, global bypass, interrupts, GERROR (6.3) */
REG32(CR0, 0x20)
    FIELD(CR0, SMMUEN, 0, 1)
    FIELD(CR0, PRIQEN, 1, 1)
    FIELD(CR0, EVENTQEN, 2, 1)
    FIELD(CR0, CMDQEN, 3, 1)
    FIELD(CR0, ATSCHK, 4, 1)
    FIELD(CR0, VMW, 6, 3)
REG32(CR0ACK, 0x24)
REG32(CR1, 0x28)
    FIELD(CR1, QUEUE_IC, 0, 2)
    FIELD(CR1, QUEUE_OC, 2, 2)
    FIELD(CR1, QUEUE_SH, 4, 2)
    FIELD(CR1, TABLE_IC, 6, 2)
    FIELD(CR1, TABLE_OC, 8, 2)
    FIELD(CR1, TABLE_SH, 10, 2)
REG32(CR2, 0x2c)
    FIELD(CR2, E2H, 0, 1)
    FIELD(CR2, RECINVSID, 1, 1)
    FIELD(CR2, PTM, 2, 1)
REG32(STATUSR, 0x40)
    FIELD(STATUSR, DORMANT, 0, 1)
REG32(GBPA, 0x44)
    FIELD(GBPA, MEMATTR, 0, 4)
    FIELD(GBPA, MTCFG, 4, 1)
    FIELD(GBPA, ALLOCCFG, 8, 4)
    FIELD(GBPA, SHCFG, 12, 2)
    FIELD(GBPA, PRIVCFG, 16, 2)
    FIELD(GBPA, INSTCFG, 18, 2)
    FIELD(GBPA, ABORT, 20, 1)
    FIELD(GBPA, UPDATE, 31, 1)
REG32(AGBPA, 0x48)
REG32(IRQ_CTRL, 0x50)
    FIELD(IRQ_CTRL, GERROR_IRQEN, 0, 1)
    FIELD(IRQ_CTRL, PRIQ_IRQEN, 1, 1)
    FIELD(IRQ_CTRL, EVENTQ_IRQEN, 2, 1)
REG32(IRQ_CTRLACK, 0x54)
REG32(GERROR, 0x60)
    FIELD(GERROR, CMDQ_ERR, 0, 1)
    FIELD(GERROR, EVENTQ_ABT_ERR, 2, 1)
    FIELD(GERROR, PRIQ_ABT_ERR, 3, 1)
    FIELD(GERROR, MSI_CMDQ_ABT_ERR, 4, 1)
    FIELD(GERROR, MSI_EVENTQ_ABT_ERR, 5, 1)
    FIELD(GERROR, MSI_PRIQ_ABT_ERR, 6, 1)
    FIELD(GERROR, MSI_GERROR_ABT_ERR, 7, 1)
    FIELD(GERROR, SFM_ERR, 8, 1)
REG32(GERRORN, 0x64)
REG64(GERROR_IRQ_CFG0, 0x68)
REG32(GERROR_IRQ_CFG1, 0x70)
REG32(GERROR_IRQ_CFG2, 0x74)

/* Stream table base (6.3) */
REG64(STRTAB_BASE, 0x80)
    FIELD(STRTAB_BASE, ADDR, 6, 46)
    FIELD(STRTAB_BASE, RA, 62, 1)
REG32(STRTAB_BASE_CFG, 0x88)
    FIELD(STRTAB_BASE_CFG, LOG2SIZE, 0, 6)
    FIELD(STRTAB_BASE_CFG, SPLIT, 6, 5)
    FIELD(STRTAB_BASE_CFG, FMT, 16, 2)

/* Command, event and PRI queues and their MSIs (6.3) */
REG64(CMDQ_BASE, 0x90)
REG32(CMDQ_PROD, 0x98)
REG32(CMDQ_CONS, 0x9c)
    FIELD(CMDQ_CONS, ERR, 24, 7)
REG64(EVENTQ_BASE, 0xa0)
REG32(EVENTQ_PROD, 0xa8)
REG32(EVENTQ_CONS, 0xac)
REG64(EVENTQ_IRQ_CFG0, 0xb0)
REG32(EVENTQ_IRQ_CFG1, 0xb8)
REG32(EVENTQ_IRQ_CFG2, 0xbc)
REG64(PRIQ_BASE, 0xc0)
REG32(PRIQ_PROD, 0xc8)
REG32(PRIQ_CONS, 0xcc)
REG64(PRIQ_IRQ_CFG0, 0xd0)
REG32(PRIQ_IRQ_CFG1, 0xd8)
REG32(PRIQ_IRQ_CFG2, 0xdc)

/* Fields shared by the three queue base registers */
REG64(Q_BASE, 0)
    FIELD(Q_BASE, LOG2SIZE, 0, 5)
    FIELD(Q_BASE, ADDR, 5, 47)
    FIELD(Q_BASE, RA_WA, 62, 1)
/* Fields shared by PROD/CONS: WR/RD index with the wrap bit above it */
REG32(Q_IDX, 0)
    FIELD(Q_IDX, IDX_WRAP, 0, 20)
    FIELD(Q_IDX, OVFLG, 31, 1)    /* PROD.OVFLG, CONS.OVACKFLG */
/* Fields shared by the *_IRQ_CFG0/2 registers */
REG64(IRQ_CFG0, 0)
    FIELD(IRQ_CFG0, ADDR, 2, 50)
REG32(IRQ_CFG2, 0)
    FIELD(IRQ_CFG2, MEMATTR, 0, 4)
    FIELD(IRQ_CFG2, SH, 4, 2)

/* Page 1 aliases */
#define A_EVENTQ_PROD_PAGE1     (SMMU_PAGE_SIZE + A_EVENTQ_PROD)
#define A_EVENTQ_CONS_PAGE1     (SMMU_PAGE_SIZE + A_EVENTQ_CONS)
#define A_PRIQ_PROD_PAGE1       (SMMU_PAGE_SIZE + A_PRIQ_PROD)
#define A_PRIQ_CONS_PAGE1       (SMMU_PAGE_SIZE + A_PRIQ_CONS)

/* CoreSight identification registers (6.3, 6.4; CoreSight ID layout) */
REG32(PIDR4, 0xfd0)
    FIELD(PIDR4, DES_2, 0, 4)           /* JEP106 continuation code */
    FIELD(PIDR4, SIZE, 4, 4)
REG32(PIDR5, 0xfd4)
REG32(PIDR6, 0xfd8)
REG32(PIDR7, 0xfdc)
REG32(PIDR0, 0xfe0)
    FIELD(PIDR0, PART_0, 0, 8)          /* part number [7:0] */
REG32(PIDR1, 0xfe4)
    FIELD(PIDR1, PART_1, 0, 4)          /* part number [11:8] */
    FIELD(PIDR1, DES_0, 4, 4)           /* JEP106 identity [3:0] */
REG32(PIDR2, 0xfe8)
    FIELD(PIDR2, DES_1, 0, 3)           /* JEP106 identity [6:4] */
    FIELD(PIDR2, JEDEC, 3, 1)
    FIELD(PIDR2, REVISION, 4, 4)
REG32(PIDR3, 0xfec)
    FIELD(PIDR3, CMOD, 0, 4)
    FIELD(PIDR3, REVAND, 4, 4)
REG32(CIDR0, 0xff0)
REG32(CIDR1, 0xff4)
REG32(CIDR2, 0xff8)
REG32(CIDR3, 0xffc)

/* Register field encodings */
enum {
    SMMU_IDR0_TTF_AARCH64 = 2,
    SMMU_IDR0_TTENDIAN_LE = 2,
    SMMU_IDR0_ST_LEVEL_2LVL = 1,
    SMMU_GBPA_SHCFG_INCOMING = 1,
    SMMU_STRTAB_FMT_LINEAR = 0,
    SMMU_STRTAB_FMT_2LVL = 1,
};

#define SMMU_GERROR_VALID_MASK                                          \
    (R_GERROR_CMDQ_ERR_MASK | R_GERROR_EVENTQ_ABT_ERR_MASK |            \
     R_GERROR_PRIQ_ABT_ERR_MASK | R_GERROR_MSI_CMDQ_ABT_ERR_MASK |      \
     R_GERROR_MSI_EVENTQ_ABT_ERR_MASK | R_GERROR_MSI_PRIQ_ABT_ERR_MASK | \
     R_GERROR_MSI_GERROR_ABT_ERR_MASK | R_GERROR_SFM_ERR_MASK)

#define SMMU_CR1_VALID_MASK                                             \
    (R_CR1_QUEUE_IC_MASK | R_CR1_QUEUE_OC_MASK | R_CR1_QUEUE_SH_MASK |  \
     R_CR1_TABLE_IC_MASK | R_CR1_TABLE_OC_MASK | R_CR1_TABLE_SH_MASK)

/* ======================================================================
 * 2. Stream table (Arm IHI 0070, 5.1 and 5.2)
 * ====================================================================== */

/* Level 1 Stream Table Descriptor (5.1, "L1STD") */
REG64(L1STD, 0x0)
    FIELD(L1STD, SPAN, 0, 5)
    FIELD(L1STD, L2PTR, 6, 46)          /* address [51:6] */

/* Stream Table Entry (5.2, "STE"): 8 doublewords */
#define SMMU_STE_DWORDS         8

REG64(STE_0, 0x0)                       /* STE[63:0] */
    FIELD(STE_0, V, 0, 1)
    FIELD(STE_0, CONFIG, 1, 3)
    FIELD(STE_0, S1FMT, 4, 2)
    FIELD(STE_0, S1CONTEXTPTR, 6, 46)   /* address [51:6] */
    FIELD(STE_0, S1CDMAX, 59, 5)
REG64(STE_1, 0x8)                       /* STE[127:64] */
    FIELD(STE_1, S1DSS, 0, 2)
    FIELD(STE_1, S1CIR, 2, 2)
    FIELD(STE_1, S1COR, 4, 2)
    FIELD(STE_1, S1CSH, 6, 2)
    FIELD(STE_1, S1STALLD, 27, 1)
    FIELD(STE_1, EATS, 28, 2)
    FIELD(STE_1, STRW, 30, 2)
    FIELD(STE_1, SHCFG, 44, 2)
    FIELD(STE_1, PRIVCFG, 48, 2)
    FIELD(STE_1, INSTCFG, 50, 2)
REG64(STE_2, 0x10)                      /* STE[191:128] */
    FIELD(STE_2, S2VMID, 0, 16)
    FIELD(STE_2, S2T0SZ, 32, 6)
    FIELD(STE_2, S2SL0, 38, 2)
    FIELD(STE_2, S2IR0, 40, 2)
    FIELD(STE_2, S2OR0, 42, 2)
    FIELD(STE_2, S2SH0, 44, 2)
    FIELD(STE_2, S2TG, 46, 2)
    FIELD(STE_2, S2PS, 48, 3)
    FIELD(STE_2, S2AA64, 51, 1)
    FIELD(STE_2, S2ENDI, 52, 1)
    FIELD(STE_2, S2AFFD, 53, 1)
    FIELD(STE_2, S2PTW, 54, 1)
    FIELD(STE_2, S2HD, 55, 1)
    FIELD(STE_2, S2HA, 56, 1)
    FIELD(STE_2, S2S, 57, 1)
    FIELD(STE_2, S2R, 58, 1)
REG64(STE_3, 0x18)                      /* STE[255:192] */
    FIELD(STE_3, S2TTB, 4, 48)          /* address [51:4] */

/* STE.Config */
enum {
    SMMU_STE_CFG_ABORT = 0,
    SMMU_STE_CFG_BYPASS = 4,
    SMMU_STE_CFG_S1 = 5,
    SMMU_STE_CFG_S2 = 6,
    SMMU_STE_CFG_NESTED = 7,
};

/* STE.S1DSS */
enum {
    SMMU_S1DSS_TERMINATE = 0,
    SMMU_S1DSS_BYPASS = 1,
    SMMU_S1DSS_SSID0 = 2,
};

/* STE.STRW */
enum {
    SMMU_STRW_NSEL1 = 0,
    SMMU_STRW_EL2 = 2,
};

/* ======================================================================
 * 3. Context descriptors (Arm IHI 0070, 5.3 and 5.4)
 * ====================================================================== */

/* Level 1 Context Descriptor (5.3, "L1CD") */
REG64(L1CD, 0x0)
    FIELD(L1CD, V, 0, 1)
    FIELD(L1CD, L2PTR, 12, 40)          /* address [51:12] */

/* Context Descriptor (5.4, "CD"): 8 doublewords */
#define SMMU_CD_DWORDS          8

REG64(CD_0, 0x0)                        /* CD[63:0] */
    FIELD(CD_0, T0SZ, 0, 6)
    FIELD(CD_0, TG0, 6, 2)
    FIELD(CD_0, IR0, 8, 2)
    FIELD(CD_0, OR0, 10, 2)
    FIELD(CD_0, SH0, 12, 2)
    FIELD(CD_0, EPD0, 14, 1)
    FIELD(CD_0, ENDI, 15, 1)
    FIELD(CD_0, T1SZ, 16, 6)
    FIELD(CD_0, TG1, 22, 2)
    FIELD(CD_0, IR1, 24, 2)
    FIELD(CD_0, OR1, 26, 2)
    FIELD(CD_0, SH1, 28, 2)
    FIELD(CD_0, EPD1, 30, 1)
    FIELD(CD_0, V, 31, 1)
    FIELD(CD_0, IPS, 32, 3)
    FIELD(CD_0, AFFD, 35, 1)
    FIELD(CD_0, WXN, 36, 1)
    FIELD(CD_0, UWXN, 37, 1)
    FIELD(CD_0, TBI, 38, 2)             /* TBI[0]: TTB0, TBI[1]: TTB1 */
    FIELD(CD_0, PAN, 40, 1)
    FIELD(CD_0, AA64, 41, 1)
    FIELD(CD_0, HD, 42, 1)
    FIELD(CD_0, HA, 43, 1)
    FIELD(CD_0, S, 44, 1)
    FIELD(CD_0, R, 45, 1)
    FIELD(CD_0, A, 46, 1)
    FIELD(CD_0, ASET, 47, 1)
    FIELD(CD_0, ASID, 48, 16)
REG64(CD_1, 0x8)                        /* CD[127:64] */
    FIELD(CD_1, NSCFG0, 0, 1)
    FIELD(CD_1, HAD0, 1, 1)
    FIELD(CD_1, TTB0, 4, 48)            /* address [51:4] */
REG64(CD_2, 0x10)                       /* CD[191:128] */
    FIELD(CD_2, NSCFG1, 0, 1)
    FIELD(CD_2, HAD1, 1, 1)
    FIELD(CD_2, TTB1, 4, 48)            /* address [51:4] */
REG64(CD_3, 0x18)                       /* CD[255:192] */
    FIELD(CD_3, MAIR0, 0, 32)
    FIELD(CD_3, MAIR1, 32, 32)

/* ======================================================================
 * 4. Commands (Arm IHI 0070, ch. 4): two doublewords each
 * ====================================================================== */

#define SMMU_CMD_DWORDS         2

/* Opcodes (4.1) */
enum {
    SMMU_CMD_PREFETCH_CONFIG = 0x01,
    SMMU_CMD_PREFETCH_ADDR = 0x02,
    SMMU_CMD_CFGI_STE = 0x03,
    SMMU_CMD_CFGI_STE_RANGE = 0x04,     /* CFGI_ALL: Range 31 */
    SMMU_CMD_CFGI_CD = 0x05,
    SMMU_CMD_CFGI_CD_ALL = 0x06,
    SMMU_CMD_TLBI_NH_ALL = 0x10,
    SMMU_CMD_TLBI_NH_ASID = 0x11,
    SMMU_CMD_TLBI_NH_VA = 0x12,
    SMMU_CMD_TLBI_NH_VAA = 0x13,
    SMMU_CMD_TLBI_EL3_ALL = 0x18,
    SMMU_CMD_TLBI_EL3_VA = 0x1a,
    SMMU_CMD_TLBI_EL2_ALL = 0x20,
    SMMU_CMD_TLBI_EL2_ASID = 0x21,
    SMMU_CMD_TLBI_EL2_VA = 0x22,
    SMMU_CMD_TLBI_EL2_VAA = 0x23,
    SMMU_CMD_TLBI_S12_VMALL = 0x28,
    SMMU_CMD_TLBI_S2_IPA = 0x2a,
    SMMU_CMD_TLBI_NSNH_ALL = 0x30,
    SMMU_CMD_ATC_INV = 0x40,
    SMMU_CMD_PRI_RESP = 0x41,
    SMMU_CMD_RESUME = 0x44,
    SMMU_CMD_STALL_TERM = 0x45,
    SMMU_CMD_SYNC = 0x46,
};

/*
 * Every command (4.1), and the stream fields of the commands that name
 * a stream: CMD_PREFETCH_*, CMD_CFGI_STE*, CMD_CFGI_CD*, CMD_ATC_INV,
 * CMD_PRI_RESP, CMD_RESUME, CMD_STALL_TERM (4.2-4.7)
 */
REG64(CMD_0, 0x0)
    FIELD(CMD_0, OPCODE, 0, 8)
    FIELD(CMD_0, SSEC, 10, 1)
    FIELD(CMD_0, SSV, 11, 1)
    FIELD(CMD_0, SUBSTREAMID, 12, 20)
    FIELD(CMD_0, STREAMID, 32, 32)
REG64(CMD_1, 0x8)

/* CMD_CFGI_STE, CMD_CFGI_CD (4.3) */
REG64(CMD_CFGI_1, 0x8)
    FIELD(CMD_CFGI_1, LEAF, 0, 1)
/* CMD_CFGI_STE_RANGE, CMD_CFGI_ALL (4.3) */
REG64(CMD_CFGI_STE_RANGE_1, 0x8)
    FIELD(CMD_CFGI_STE_RANGE_1, RANGE, 0, 5)

/* CMD_TLBI_NH_*, CMD_TLBI_EL2_*, CMD_TLBI_S12_VMALL, CMD_TLBI_S2_IPA (4.4) */
REG64(CMD_TLBI_0, 0x0)
    FIELD(CMD_TLBI_0, NUM, 12, 5)       /* range invalidation (RIL) */
    FIELD(CMD_TLBI_0, SCALE, 20, 5)
    FIELD(CMD_TLBI_0, VMID, 32, 16)
    FIELD(CMD_TLBI_0, ASID, 48, 16)
REG64(CMD_TLBI_1, 0x8)                  /* the *_VA and *_VAA forms */
    FIELD(CMD_TLBI_1, LEAF, 0, 1)
    FIELD(CMD_TLBI_1, TTL, 8, 2)
    FIELD(CMD_TLBI_1, TG, 10, 2)
    FIELD(CMD_TLBI_1, ADDRESS, 12, 52)  /* VA [63:12] */
REG64(CMD_TLBI_S2_IPA_1, 0x8)           /* Leaf, TTL, TG as CMD_TLBI_1 */
    FIELD(CMD_TLBI_S2_IPA_1, ADDRESS, 12, 40)   /* IPA [51:12] */

/* CMD_ATC_INV (4.5.1) */
REG64(CMD_ATC_INV_1, 0x8)
    FIELD(CMD_ATC_INV_1, SIZE, 0, 6)
    FIELD(CMD_ATC_INV_1, ADDRESS, 12, 52)       /* [63:12] */

/* CMD_PRI_RESP (4.6.1) */
REG64(CMD_PRI_RESP_1, 0x8)
    FIELD(CMD_PRI_RESP_1, PRGINDEX, 0, 9)
    FIELD(CMD_PRI_RESP_1, RESP, 12, 2)

/* CMD_RESUME (4.7.1); CMD_STALL_TERM (4.7.2) has the stream only */
REG64(CMD_RESUME_0, 0x0)
    FIELD(CMD_RESUME_0, AC, 12, 1)      /* 1: retry, 0: terminate */
    FIELD(CMD_RESUME_0, AB, 13, 1)      /* terminate with an abort */
REG64(CMD_RESUME_1, 0x8)
    FIELD(CMD_RESUME_1, STAG, 0, 16)

/* CMD_SYNC (4.7.3) */
REG64(CMD_SYNC_0, 0x0)
    FIELD(CMD_SYNC_0, CS, 12, 2)
    FIELD(CMD_SYNC_0, MSH, 22, 2)
    FIELD(CMD_SYNC_0, MSIATTR, 24, 4)
    FIELD(CMD_SYNC_0, MSIDATA, 32, 32)
REG64(CMD_SYNC_1, 0x8)
    FIELD(CMD_SYNC_1, MSIADDRESS, 2, 50)        /* address [51:2] */

/* CMD_SYNC.CS */
enum {
    SMMU_CMD_SYNC_CS_NONE = 0,
    SMMU_CMD_SYNC_CS_IRQ = 1,
    SMMU_CMD_SYNC_CS_SEV = 2,
};

/* ======================================================================
 * 5. Event records (Arm IHI 0070, 7.3): four doublewords
 *
 * A field exists only in the records whose type defines it (7.3);
 * elsewhere those bits are RES0.
 * ====================================================================== */

#define SMMU_EVT_RECORD_DWORDS  4

REG64(EVT_0, 0x0)
    FIELD(EVT_0, TYPE, 0, 8)
    FIELD(EVT_0, SSV, 11, 1)
    FIELD(EVT_0, SUBSTREAMID, 12, 20)
    FIELD(EVT_0, STREAMID, 32, 32)
REG64(EVT_1, 0x8)                       /* the transaction */
    /* the faults that can stall: F_TRANSLATION .. F_PERMISSION (7.3.13-16) */
    FIELD(EVT_1, STAG, 0, 16)
    FIELD(EVT_1, STALL, 31, 1)
    /*
     * the same bits in F_UUT, F_STE_FETCH, F_CD_FETCH and F_WALK_EABT:
     * an IMPLEMENTATION DEFINED Reason (0 in this model) and, in the three
     * fetch aborts, GPCF (no granule protection here: 0)
     */
    FIELD(EVT_1, REASON, 0, 16)
    FIELD(EVT_1, GPCF, 16, 1)
    FIELD(EVT_1, PNU, 33, 1)
    FIELD(EVT_1, IND, 34, 1)
    FIELD(EVT_1, RNW, 35, 1)
    FIELD(EVT_1, S2, 39, 1)
    FIELD(EVT_1, CLASS, 40, 2)
    FIELD(EVT_1, TTRNW, 44, 1)          /* F_PERMISSION only (7.3.16) */
REG64(EVT_2, 0x10)
    FIELD(EVT_2, INPUTADDR, 0, 64)
REG64(EVT_3, 0x18)
    FIELD(EVT_3, IPA, 12, 44)           /* address [55:12] */
    FIELD(EVT_3, FETCHADDR, 3, 53)      /* address [55:3] */

/* ======================================================================
 * 6. PRI queue entries (Arm IHI 0070, 8.1): two doublewords
 * ====================================================================== */

#define SMMU_PM_PRIQ_ENTRY_BYTES 16

REG64(PRIQ_0, 0x0)
    FIELD(PRIQ_0, STREAMID, 0, 32)
    FIELD(PRIQ_0, SUBSTREAMID, 32, 20)
    FIELD(PRIQ_0, PRIV, 58, 1)
    FIELD(PRIQ_0, EXEC, 59, 1)
    FIELD(PRIQ_0, READ, 60, 1)
    FIELD(PRIQ_0, WRITE, 61, 1)
    FIELD(PRIQ_0, LAST, 62, 1)
    FIELD(PRIQ_0, SSV, 63, 1)
REG64(PRIQ_1, 0x8)
    FIELD(PRIQ_1, PRGINDEX, 0, 9)
    FIELD(PRIQ_1, PAGEADDR, 12, 52)     /* address [63:12] */

/* ======================================================================
 * 7. VMSAv8-64 translation table descriptors (Arm ARM DDI 0487, D8.3,
 * "VMSAv8-64 translation table format descriptors")
 *
 * Stage 1 and stage 2 share the layout; where their meanings differ both
 * names are given.
 * ====================================================================== */

REG64(DESC, 0x0)
    FIELD(DESC, VALID, 0, 1)
    FIELD(DESC, TYPE, 1, 1)             /* 1: table (level < 3) or page (L3) */
    FIELD(DESC, ATTRINDX, 2, 3)         /* stage 1 */
    FIELD(DESC, MEMATTR, 2, 4)          /* stage 2 */
    FIELD(DESC, AP1, 6, 1)              /* stage 1: EL0 access */
    FIELD(DESC, AP2, 7, 1)              /* stage 1: read-only */
    FIELD(DESC, S2AP_R, 6, 1)           /* stage 2: read */
    FIELD(DESC, S2AP_W, 7, 1)           /* stage 2: write */
    FIELD(DESC, SH, 8, 2)
    FIELD(DESC, AF, 10, 1)
    FIELD(DESC, NG, 11, 1)              /* stage 1 */
    FIELD(DESC, OA_HI, 12, 4)           /* 64K, 52-bit OA: OA[51:48] */
    FIELD(DESC, ADDR, 12, 36)           /* OA or next table [47:granule] */
    FIELD(DESC, DBM, 51, 1)
    FIELD(DESC, PXN, 53, 1)             /* stage 1, EL1&0 regime */
    FIELD(DESC, UXN, 54, 1)             /* XN at stage 2 and at EL2 */
    FIELD(DESC, PXNTABLE, 59, 1)        /* stage 1 table descriptors */
    FIELD(DESC, UXNTABLE, 60, 1)        /* XNTable at EL2 */
    FIELD(DESC, APTABLE_NO_EL0, 61, 1)  /* APTable[0] */
    FIELD(DESC, APTABLE_RO, 62, 1)      /* APTable[1] */

#endif /* SMMUV3_PM_CORE_ARCH_H */
