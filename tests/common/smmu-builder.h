/*
 * SMMUv3 structure builder for tests
 *
 * Builds the in-memory structures an SMMUv3 driver builds -- Stream
 * tables and STEs, CD tables and CDs, VMSAv8-64 translation tables,
 * commands and queues -- and decodes/encodes Event queue records, so
 * that tests can drive a device model the way a driver would.
 *
 * Written from the Arm SMMUv3 architecture specification (Arm IHI 0070,
 * "the spec" below) and the VMSAv8-64 chapter of the Arm ARM (DDI 0487).
 * Every structure cites its spec section.  Plain C11 + GLib: no QEMU
 * headers, so it builds in the core unit tests (fake memory) and in the
 * qtests (guest RAM through libqtest).
 *
 * Memory is reached only through SmmuBuilderMem.  All structures are
 * written little-endian; translation tables can be built big-endian for
 * CD.ENDI / STE.S2ENDI tests.
 *
 * Conventions:
 *  - Field values are given as the raw field encoding (e.g. Config 0b110,
 *    S2TG 0b01 for 64KB).  A value that does not fit its field is a test
 *    bug and aborts (g_assert).
 *  - Address fields (S1ContextPtr, S2TTB, TTB0, L2Ptr, ...) take the full
 *    byte address; bits that the field cannot hold must be zero.
 *  - Only Non-secure fields are modelled: Secure-only and Realm-only
 *    fields (NSCFGx in a CD, S2NSW/S2NSA/S_S2*, MPAM_NS, MECID, SSec, the
 *    NSIPA event bit ...) are left RES0.
 *  - Where the spec widened an address field to 56 bits (v3.4 / D128),
 *    the wider mask is used; for addresses below 2^52 the encoding is the
 *    same as in SMMUv3.1-3.3.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMUV3_PM_TESTS_SMMU_BUILDER_H
#define SMMUV3_PM_TESTS_SMMU_BUILDER_H

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- Memory and allocator ------------------------------------------------ */

typedef struct SmmuBuilderMem {
    void (*write)(void *opaque, uint64_t addr, const void *buf, size_t len);
    void (*read)(void *opaque, uint64_t addr, void *buf, size_t len);
    void *opaque;
} SmmuBuilderMem;

/*
 * A bump allocator over [base, base + size).  Every allocation is
 * zero-filled through mem.write.  Running out of space aborts.
 */
typedef struct SmmuBuilder {
    SmmuBuilderMem mem;
    uint64_t base;
    uint64_t size;
    uint64_t next;          /* first free address */
} SmmuBuilder;

void sb_init(SmmuBuilder *sb, const SmmuBuilderMem *mem,
             uint64_t base, uint64_t size);
/* @align must be a power of two (0 or 1: no alignment) */
uint64_t sb_alloc(SmmuBuilder *sb, uint64_t size, uint64_t align);

/* Raw little-endian accessors through sb->mem */
void sb_write64(SmmuBuilder *sb, uint64_t addr, uint64_t val);
uint64_t sb_read64(SmmuBuilder *sb, uint64_t addr);
void sb_write_words(SmmuBuilder *sb, uint64_t addr, const uint64_t *w,
                    unsigned n);
void sb_read_words(SmmuBuilder *sb, uint64_t addr, uint64_t *w, unsigned n);

/* ---- Field helpers ------------------------------------------------------- */

/*
 * Deposit/extract a field given by its bit range [hi:lo] counted from bit
 * 0 of a multi-doubleword structure, exactly as the spec numbers them
 * (e.g. STE.S2T0SZ is bits [165:160]).  A field must not straddle two
 * doublewords.  sb_field_set asserts that @val fits.
 */
void sb_field_set(uint64_t *w, unsigned hi, unsigned lo, uint64_t val);
uint64_t sb_field_get(const uint64_t *w, unsigned hi, unsigned lo);

/* ---- STE (spec 5.2) ----------------------------------------------------- */

enum {
    SB_STE_CFG_ABORT = 0x0,         /* 0b000 */
    SB_STE_CFG_BYPASS = 0x4,        /* 0b100 */
    SB_STE_CFG_S1 = 0x5,            /* 0b101 */
    SB_STE_CFG_S2 = 0x6,            /* 0b110 */
    SB_STE_CFG_NESTED = 0x7,        /* 0b111 */
};

typedef struct SbSte {
    /* bits [63:0] */
    bool v;                         /* [0] */
    uint8_t config;                 /* [3:1] */
    uint8_t s1fmt;                  /* [5:4] */
    uint64_t s1_context_ptr;        /* [55:6], address */
    uint8_t s1cdmax;                /* [63:59] */
    /* bits [127:64] */
    uint8_t s1dss;                  /* [65:64] */
    uint8_t s1cir;                  /* [67:66] */
    uint8_t s1cor;                  /* [69:68] */
    uint8_t s1csh;                  /* [71:70] */
    uint8_t s2hwu;                  /* [75:72]: bit n = S2HWU(59+n) */
    bool dre;                       /* [76] */
    uint8_t cont;                   /* [80:77] */
    bool dcp;                       /* [81] */
    bool ppar;                      /* [82] */
    bool mev;                       /* [83] */
    uint8_t sw_reserved;            /* [87:84] */
    bool s1pie;                     /* [88] */
    bool s2fwb;                     /* [89] */
    bool s1mpam;                    /* [90] */
    bool s1stalld;                  /* [91] */
    uint8_t eats;                   /* [93:92] */
    uint8_t strw;                   /* [95:94] */
    uint8_t memattr;                /* [99:96] */
    bool mtcfg;                     /* [100] */
    uint8_t alloccfg;               /* [104:101] */
    uint8_t shcfg;                  /* [109:108] */
    uint8_t nscfg;                  /* [111:110] */
    uint8_t privcfg;                /* [113:112] */
    uint8_t instcfg;                /* [115:114] */
    uint16_t impdef1;               /* [127:116] */
    /* bits [191:128] */
    uint16_t s2vmid;                /* [143:128] */
    uint16_t impdef2;               /* [159:144] */
    uint8_t s2t0sz;                 /* [165:160] */
    uint8_t s2sl0;                  /* [167:166] */
    uint8_t s2ir0;                  /* [169:168] */
    uint8_t s2or0;                  /* [171:170] */
    uint8_t s2sh0;                  /* [173:172] */
    uint8_t s2tg;                   /* [175:174] 0: 4K, 1: 64K, 2: 16K */
    uint8_t s2ps;                   /* [178:176] */
    bool s2aa64;                    /* [179] */
    bool s2endi;                    /* [180] */
    bool s2affd;                    /* [181] */
    bool s2ptw;                     /* [182] */
    bool s2hd;                      /* [183] */
    bool s2ha;                      /* [184] */
    bool s2s;                       /* [185] */
    bool s2r;                       /* [186] */
    bool s2haft;                    /* [187] */
    bool s2pie;                     /* [188] */
    bool s2poe;                     /* [189] */
    uint8_t dpt_vmatch;             /* [191:190] */
    /* bits [255:192] */
    bool s2sl0_2;                   /* [194] */
    bool s2ds;                      /* [195] */
    uint64_t s2ttb;                 /* [247:196] = address [55:4] */
    uint8_t s2skl;                  /* [254:253] */
    /* bits [511:256] */
    uint16_t impdef3;               /* [271:256] */
    uint16_t partid;                /* [287:272] */
    uint8_t pmg;                    /* [327:320] */
    bool assured_only;              /* [329] */
    bool tl0;                       /* [330] */
    bool tl1;                       /* [331] */
    uint64_t vmsptr;                /* [375:332] = address [55:12] */
    uint64_t s2poi;                 /* [511:448] */
} SbSte;

void sb_ste_encode(const SbSte *ste, uint64_t out[8]);

/* ---- Stream table (spec 3.3.2, 5.1, 6.3.23-24) --------------------------- */

typedef struct SbStrtab {
    uint64_t base;          /* SMMU_STRTAB_BASE.ADDR */
    unsigned log2size;      /* SMMU_STRTAB_BASE_CFG.LOG2SIZE */
    unsigned split;         /* SMMU_STRTAB_BASE_CFG.SPLIT (2-level only) */
    bool two_level;         /* SMMU_STRTAB_BASE_CFG.FMT == 0b01 */
} SbStrtab;

/* Linear table of 2^log2size STEs, aligned to its size */
SbStrtab sb_strtab_linear(SmmuBuilder *sb, unsigned log2size);
/*
 * 2-level table: an L1 array of 2^(log2size - split) L1STDs (aligned to
 * the larger of its size and 64 bytes), all invalid (Span == 0).  Level 2
 * arrays of 2^split STEs are allocated on demand by sb_ste_addr().
 */
SbStrtab sb_strtab_2lvl(SmmuBuilder *sb, unsigned log2size, unsigned split);

/* L1STD (spec 5.1): Span [4:0], L2Ptr [55:6] */
uint64_t sb_l1std_encode(unsigned span, uint64_t l2ptr);
uint64_t sb_l1std_addr(const SbStrtab *st, uint32_t sid);
/*
 * Address of the STE for @sid.  For a 2-level table whose L1STD for @sid
 * is invalid, allocate a level 2 array of 2^split STEs and install it
 * with Span = split + 1.
 */
uint64_t sb_ste_addr(SmmuBuilder *sb, const SbStrtab *st, uint32_t sid);
void sb_ste_write(SmmuBuilder *sb, const SbStrtab *st, uint32_t sid,
                  const SbSte *ste);
void sb_ste_write_raw(SmmuBuilder *sb, const SbStrtab *st, uint32_t sid,
                      const uint64_t w[8]);

/* SMMU_STRTAB_BASE (6.3.23): RA [62], ADDR [55:6] */
uint64_t sb_strtab_base_reg(const SbStrtab *st, bool ra);
/* SMMU_STRTAB_BASE_CFG (6.3.24): LOG2SIZE [5:0], SPLIT [10:6], FMT [17:16] */
uint32_t sb_strtab_base_cfg_reg(const SbStrtab *st);

/* ---- CD (spec 5.4) ------------------------------------------------------ */

typedef struct SbCd {
    /* bits [63:0] */
    uint8_t t0sz;                   /* [5:0] */
    uint8_t tg0;                    /* [7:6] 0: 4K, 1: 64K, 2: 16K */
    uint8_t ir0;                    /* [9:8] */
    uint8_t or0;                    /* [11:10] */
    uint8_t sh0;                    /* [13:12] */
    bool epd0;                      /* [14] */
    bool endi;                      /* [15] */
    uint8_t t1sz;                   /* [21:16] */
    uint8_t tg1;                    /* [23:22] 1: 16K, 2: 4K, 3: 64K */
    uint8_t ir1;                    /* [25:24] */
    uint8_t or1;                    /* [27:26] */
    uint8_t sh1;                    /* [29:28] */
    bool epd1;                      /* [30] */
    bool v;                         /* [31] */
    uint8_t ips;                    /* [34:32] */
    bool affd;                      /* [35] */
    bool wxn;                       /* [36] */
    bool uwxn;                      /* [37] */
    uint8_t tbi;                    /* [39:38]: bit 0 TBI0, bit 1 TBI1 */
    bool pan;                       /* [40] */
    bool aa64;                      /* [41] */
    bool hd;                        /* [42] */
    bool ha;                        /* [43] */
    bool s;                         /* [44] */
    bool r;                         /* [45] */
    bool a;                         /* [46] */
    bool aset;                      /* [47] */
    uint16_t asid;                  /* [63:48] */
    /* bits [127:64] */
    bool had0;                      /* [65] (DisCH0 when IDR5.D128) */
    bool e0pd0;                     /* [66] */
    bool haft;                      /* [67] */
    uint64_t ttb0;                  /* [119:68] = address [55:4] */
    bool pnch;                      /* [122] */
    bool epan;                      /* [123] */
    uint8_t hwu0;                   /* [127:124]: bit n = HWU0(59+n) */
    /* bits [191:128] */
    bool had1;                      /* [129] */
    bool e0pd1;                     /* [130] */
    bool aie;                       /* [131] */
    uint64_t ttb1;                  /* [183:132] = address [55:4] */
    bool ds;                        /* [186] */
    bool pie;                       /* [187] */
    uint8_t hwu1;                   /* [191:188]: bit n = HWU1(59+n) */
    /* bits [511:192] */
    uint32_t mair0;                 /* [223:192] */
    uint32_t mair1;                 /* [255:224] */
    uint32_t amair0;                /* [287:256] */
    uint32_t amair1;                /* [319:288] */
    uint32_t impdef;                /* [351:320] */
    uint16_t partid;                /* [367:352] */
    uint8_t pmg;                    /* [375:368] */
    uint64_t piiu;                  /* [431:384], 16 x 3 bits */
    uint64_t piip;                  /* [495:448], 16 x 3 bits */
} SbCd;

void sb_cd_encode(const SbCd *cd, uint64_t out[8]);

/* ---- CD tables (spec 3.3.2, 5.3, STE.S1Fmt) ------------------------------ */

enum {
    SB_S1FMT_LINEAR = 0,
    SB_S1FMT_2LVL_4K = 1,           /* L2 tables of 64 CDs */
    SB_S1FMT_2LVL_64K = 2,          /* L2 tables of 1024 CDs */
};

typedef struct SbCdtab {
    uint64_t base;          /* STE.S1ContextPtr */
    unsigned s1cdmax;       /* STE.S1CDMax: log2 of the number of CDs */
    unsigned s1fmt;         /* STE.S1Fmt */
} SbCdtab;

/* 2^s1cdmax CDs (one when s1cdmax == 0), aligned to the table size */
SbCdtab sb_cdtab_linear(SmmuBuilder *sb, unsigned s1cdmax);
/*
 * L1 table of L1CDs (aligned to the larger of its size and 64 bytes),
 * all invalid; L2 tables (4KB or 64KB, aligned to their size) are
 * allocated on demand by sb_cd_addr().
 */
SbCdtab sb_cdtab_2lvl(SmmuBuilder *sb, unsigned s1cdmax, unsigned s1fmt);
/* L1CD (spec 5.3): V [0], L2Ptr [55:12] */
uint64_t sb_l1cd_encode(bool v, uint64_t l2ptr);
uint64_t sb_l1cd_addr(const SbCdtab *t, uint32_t ssid);
uint64_t sb_cd_addr(SmmuBuilder *sb, const SbCdtab *t, uint32_t ssid);
void sb_cd_write(SmmuBuilder *sb, const SbCdtab *t, uint32_t ssid,
                 const SbCd *cd);
void sb_cd_write_raw(SmmuBuilder *sb, const SbCdtab *t, uint32_t ssid,
                     const uint64_t w[8]);
/* Set STE.{S1ContextPtr, S1Fmt, S1CDMax} for @t */
void sb_ste_set_cdtab(SbSte *ste, const SbCdtab *t);

/* ---- Translation tables (Arm ARM D8, VMSAv8-64) -------------------------- */

/*
 * Attributes of a page/block descriptor.  Stage 1 uses attrindx, ns, ap,
 * sh, af, ng, dbm, contiguous, pxn, uxn; stage 2 uses memattr, s2ap, sh,
 * af, dbm, contiguous, xn.  @extra is ORed into the descriptor last (for
 * software bits, PBHA, or deliberately malformed descriptors).
 */
typedef struct SbPte {
    uint8_t attrindx;       /* S1 [4:2] */
    bool ns;                /* S1 [5] */
    uint8_t ap;             /* S1 AP[2:1], [7:6] */
    uint8_t memattr;        /* S2 MemAttr[3:0], [5:2] */
    uint8_t s2ap;           /* S2 S2AP[1:0], [7:6] */
    uint8_t sh;             /* [9:8] */
    bool af;                /* [10] */
    bool ng;                /* S1 [11] */
    bool dbm;               /* [51] */
    bool contiguous;        /* [52] */
    bool pxn;               /* S1 [53] */
    bool uxn;               /* S1 UXN/XN [54] */
    uint8_t xn;             /* S2 XN[1:0], [54:53] (XN[0] is FEAT_XNX) */
    uint64_t extra;
} SbPte;

typedef struct SbPgtable SbPgtable;

/*
 * A translation table for one stage.  @granule_shift is 12, 14 or 16;
 * @tsz is TxSZ (input size 64 - tsz).  @start_level -1 derives the start
 * level from tsz, granule and @concat; otherwise it is checked against
 * them.  @concat (stage 2 only, 1..16, power of two; 0 means 1) is the
 * number of concatenated start-level tables.  Output addresses up to 52
 * bits are supported with the 64KB granule (OA[51:48] in descriptor bits
 * [15:12]), 48 bits otherwise.
 */
SbPgtable *sb_pgt_new(SmmuBuilder *sb, int stage, unsigned granule_shift,
                      unsigned tsz, int start_level, unsigned concat,
                      bool big_endian);
void sb_pgt_free(SbPgtable *pt);

uint64_t sb_pgt_root(const SbPgtable *pt);       /* CD.TTBx / STE.S2TTB */
int sb_pgt_start_level(const SbPgtable *pt);
unsigned sb_pgt_concat(const SbPgtable *pt);
unsigned sb_pgt_s2sl0(const SbPgtable *pt);      /* STE.S2SL0 encoding */
unsigned sb_pgt_tg0(const SbPgtable *pt);        /* CD.TG0 / STE.S2TG */
/* CD.{TTB0, T0SZ, TG0, ENDI, AA64} / STE.{S2TTB, S2T0SZ, S2SL0, S2TG,
 * S2ENDI, S2AA64} from the table; other fields untouched */
void sb_pgt_fill_cd(const SbPgtable *pt, SbCd *cd);
void sb_pgt_fill_ste(const SbPgtable *pt, SbSte *ste);

/* Log2 of the size mapped by one descriptor at @level */
unsigned sb_pgt_level_shift(const SbPgtable *pt, int level);

/*
 * Map [ia, ia + size) to [oa, oa + size).  @size is a page or block size
 * of the granule (4K: 4K/2M/1G; 16K: 16K/32M; 64K: 64K/512M/4T), or,
 * with attrs->contiguous, a whole contiguous run (4K: 16 entries, 16K:
 * 128 at level 3 / 32 at level 2, 64K: 32 entries), written as that many
 * descriptors with the Contiguous bit.  Missing tables are allocated;
 * returns false (writing nothing) if a block already covers the range.
 */
bool sb_pgt_map(SbPgtable *pt, uint64_t ia, uint64_t oa, uint64_t size,
                const SbPte *attrs);
/* Zero the leaf descriptor(s) of a mapping made with the same ia/size */
void sb_pgt_unmap(SbPgtable *pt, uint64_t ia, uint64_t size);
/*
 * Set hierarchical attributes in the table descriptor at @level used for
 * @ia (which must be a table descriptor): APTable [62:61], UXNTable/XN
 * [60], PXNTable [59].
 */
void sb_pgt_set_table_attrs(SbPgtable *pt, uint64_t ia, int level,
                            unsigned aptable, bool uxntable, bool pxntable);
/*
 * Address of the descriptor used for @ia at @level, allocating the tables
 * above it if needed (aborts if a block at a lower level covers @ia).
 */
uint64_t sb_pgt_desc_addr(SbPgtable *pt, uint64_t ia, int level);
/* Write/read a raw descriptor at @level for @ia (in table endianness) */
void sb_pgt_write_raw(SbPgtable *pt, uint64_t ia, int level, uint64_t desc);
uint64_t sb_pgt_read_raw(SbPgtable *pt, uint64_t ia, int level);

/* ---- Commands (spec 4) --------------------------------------------------- */

enum {
    SB_CMD_PREFETCH_CONFIG = 0x01,
    SB_CMD_PREFETCH_ADDR = 0x02,
    SB_CMD_CFGI_STE = 0x03,
    SB_CMD_CFGI_STE_RANGE = 0x04,   /* CMD_CFGI_ALL is Range == 31 */
    SB_CMD_CFGI_CD = 0x05,
    SB_CMD_CFGI_CD_ALL = 0x06,
    SB_CMD_TLBI_NH_ALL = 0x10,
    SB_CMD_TLBI_NH_ASID = 0x11,
    SB_CMD_TLBI_NH_VA = 0x12,
    SB_CMD_TLBI_NH_VAA = 0x13,
    SB_CMD_TLBI_EL2_ALL = 0x20,
    SB_CMD_TLBI_EL2_ASID = 0x21,
    SB_CMD_TLBI_EL2_VA = 0x22,
    SB_CMD_TLBI_EL2_VAA = 0x23,
    SB_CMD_TLBI_S12_VMALL = 0x28,
    SB_CMD_TLBI_S2_IPA = 0x2a,
    SB_CMD_TLBI_NSNH_ALL = 0x30,
    SB_CMD_ATC_INV = 0x40,
    SB_CMD_PRI_RESP = 0x41,
    SB_CMD_RESUME = 0x44,
    SB_CMD_STALL_TERM = 0x45,
    SB_CMD_SYNC = 0x46,
};

/* CMD_SYNC.CS (4.7.3) */
enum {
    SB_SYNC_CS_NONE = 0,
    SB_SYNC_CS_IRQ = 1,
    SB_SYNC_CS_SEV = 2,
};

/*
 * The address part of an address-based TLBI (4.4.1): Address, Leaf and
 * the range fields.  tg == 0 is a non-range invalidation (num, scale and
 * ttl must then be 0).  TG: 1 4KB, 2 16KB, 3 64KB.
 */
typedef struct SbTlbiAddr {
    uint64_t addr;
    bool leaf;
    uint8_t num;            /* [16:12] */
    uint8_t scale;          /* [25:20] */
    uint8_t ttl;            /* [73:72] */
    uint8_t tg;             /* [75:74] */
} SbTlbiAddr;

void sb_cmd_prefetch_config(uint64_t out[2], uint32_t sid, bool ssv,
                            uint32_t ssid);
/* Size [68:64] (2^Size translations), Stride [73:69] (2^(12+Stride)) */
void sb_cmd_prefetch_addr(uint64_t out[2], uint32_t sid, bool ssv,
                          uint32_t ssid, uint64_t addr, unsigned size,
                          unsigned stride);
void sb_cmd_cfgi_ste(uint64_t out[2], uint32_t sid, bool leaf);
void sb_cmd_cfgi_ste_range(uint64_t out[2], uint32_t sid, unsigned range);
void sb_cmd_cfgi_cd(uint64_t out[2], uint32_t sid, uint32_t ssid, bool leaf);
void sb_cmd_cfgi_cd_all(uint64_t out[2], uint32_t sid);
void sb_cmd_cfgi_all(uint64_t out[2]);
void sb_cmd_tlbi_nh_all(uint64_t out[2], uint16_t vmid);
void sb_cmd_tlbi_nh_asid(uint64_t out[2], uint16_t vmid, uint16_t asid);
void sb_cmd_tlbi_nh_va(uint64_t out[2], uint16_t vmid, uint16_t asid,
                       const SbTlbiAddr *a);
void sb_cmd_tlbi_nh_vaa(uint64_t out[2], uint16_t vmid, const SbTlbiAddr *a);
void sb_cmd_tlbi_el2_all(uint64_t out[2]);
void sb_cmd_tlbi_el2_asid(uint64_t out[2], uint16_t asid);
void sb_cmd_tlbi_el2_va(uint64_t out[2], uint16_t asid, const SbTlbiAddr *a);
void sb_cmd_tlbi_el2_vaa(uint64_t out[2], const SbTlbiAddr *a);
void sb_cmd_tlbi_s12_vmall(uint64_t out[2], uint16_t vmid);
void sb_cmd_tlbi_s2_ipa(uint64_t out[2], uint16_t vmid, const SbTlbiAddr *a);
void sb_cmd_tlbi_nsnh_all(uint64_t out[2]);
/* G [9], Size [69:64] (span 2^Size 4KB pages), Address [127:76] */
void sb_cmd_atc_inv(uint64_t out[2], uint32_t sid, bool ssv, uint32_t ssid,
                    uint64_t addr, unsigned size, bool global);
/* PRGI [72:64], Resp [77:76] (0 Deny, 1 Failure, 2 Success) */
void sb_cmd_pri_resp(uint64_t out[2], uint32_t sid, bool ssv, uint32_t ssid,
                     uint16_t prgi, unsigned resp);
/* Ac [12] (1 Retry, 0 Terminate), Ab [13], STAG [79:64] */
void sb_cmd_resume(uint64_t out[2], uint32_t sid, uint16_t stag, bool retry,
                   bool abort);
void sb_cmd_stall_term(uint64_t out[2], uint32_t sid);
/* CS [13:12], MSH [23:22], MSIAttr [27:24], MSIData [63:32],
 * MSIAddress [119:66] = address [55:2] */
void sb_cmd_sync(uint64_t out[2], unsigned cs, unsigned msh,
                 unsigned msiattr, uint32_t msidata, uint64_t msiaddr);

/*
 * Split [addr, addr + size) into range TLBIs the way a driver does
 * (4.4.1.1: Range = (NUM + 1) * 2^SCALE * granule): the page count is
 * consumed five bits at a time from its least significant set bit, each
 * chunk becoming one command whose Address follows the previous one.
 * @ttl_level (1..3, or 0 for none) is the TTL hint.  A chunk of a single
 * granule with no TTL would be the Reserved NUM=SCALE=TTL=0 encoding and
 * is emitted as a non-range (TG == 0) invalidation instead.  @addr and
 * @size must be granule-aligned.  Returns the number of entries written
 * to @out (at most @max; asserts if more are needed).
 */
unsigned sb_tlbi_range_split(uint64_t addr, uint64_t size,
                             unsigned granule_shift, bool leaf,
                             unsigned ttl_level, SbTlbiAddr *out,
                             unsigned max);

/* ---- Queues (spec 3.5, 6.3.25-32) ---------------------------------------- */

/*
 * A queue of 2^log2size entries of @entry_size bytes.  PROD/CONS carry
 * the index in bits [log2size-1:0] and the wrap flag in bit [log2size].
 */
uint64_t sb_queue_alloc(SmmuBuilder *sb, unsigned log2size,
                        unsigned entry_size);
/* SMMU_CMDQ_BASE/EVENTQ_BASE: RA/WA [62], ADDR [55:5], LOG2SIZE [4:0] */
uint64_t sb_queue_base_reg(uint64_t base, unsigned log2size, bool alloc_hint);
uint32_t sb_queue_inc(uint32_t ptr, unsigned log2size);
bool sb_queue_empty(uint32_t prod, uint32_t cons, unsigned log2size);
bool sb_queue_full(uint32_t prod, uint32_t cons, unsigned log2size);
/* Write a 16-byte command at *prod and advance *prod (with wrap) */
void sb_queue_push(SmmuBuilder *sb, uint64_t queue_base, unsigned log2size,
                   uint32_t *prod, const uint64_t cmd[2]);
/* Read the 32-byte event record at *cons and advance *cons (with wrap) */
void sb_evtq_pop(SmmuBuilder *sb, uint64_t queue_base, unsigned log2size,
                 uint32_t *cons, uint64_t rec[4]);

/* ---- Event records (spec 7.3) -------------------------------------------- */

enum {
    SB_EVT_F_UUT = 0x01,
    SB_EVT_C_BAD_STREAMID = 0x02,
    SB_EVT_F_STE_FETCH = 0x03,
    SB_EVT_C_BAD_STE = 0x04,
    SB_EVT_F_BAD_ATS_TREQ = 0x05,
    SB_EVT_F_STREAM_DISABLED = 0x06,
    SB_EVT_F_TRANSL_FORBIDDEN = 0x07,
    SB_EVT_C_BAD_SUBSTREAMID = 0x08,
    SB_EVT_F_CD_FETCH = 0x09,
    SB_EVT_C_BAD_CD = 0x0a,
    SB_EVT_F_WALK_EABT = 0x0b,
    SB_EVT_F_TRANSLATION = 0x10,
    SB_EVT_F_ADDR_SIZE = 0x11,
    SB_EVT_F_ACCESS = 0x12,
    SB_EVT_F_PERMISSION = 0x13,
    SB_EVT_F_TLB_CONFLICT = 0x20,
    SB_EVT_F_CFG_CONFLICT = 0x21,
    SB_EVT_E_PAGE_REQUEST = 0x24,
};

/* Event CLASS (7.3) */
enum {
    SB_EVT_CLASS_CD = 0,
    SB_EVT_CLASS_TT = 1,
    SB_EVT_CLASS_IN = 2,
};

/*
 * A decoded event record.  Only the fields of the record's type are
 * filled by sb_event_decode() and used by sb_event_encode(); the others
 * are zero / ignored.  See sb_event_fields() for which those are.
 */
typedef struct SbEvent {
    uint8_t type;           /* [7:0] */
    bool ssv;               /* [11] */
    uint32_t ssid;          /* [31:12] */
    uint32_t sid;           /* [63:32] */
    uint16_t stag;          /* [79:64] (stall faults) */
    uint32_t reason;        /* [79:64], F_CFG_CONFLICT [95:64] */
    bool gpcf;              /* [80] (fetch aborts) */
    bool stall;             /* [95] */
    bool pnu;               /* [97] */
    bool ind;               /* [98] */
    bool rnw;               /* [99] */
    bool s2;                /* [103] */
    uint8_t class_;         /* [105:104] */
    bool ttrnw;             /* [108] (F_PERMISSION) */
    uint8_t span;           /* [115:108] (F_BAD_ATS_TREQ, E_PAGE_REQUEST) */
    /* F_BAD_ATS_TREQ: requested permissions */
    bool priv, exec, write, read;   /* [96], [97], [98], [99] */
    /* E_PAGE_REQUEST: anticipated accesses */
    bool ux, uw, ur;        /* [97], [98], [99] */
    bool px, pw, pr;        /* [101], [102], [103] */
    uint64_t input_addr;    /* [191:128] ([191:140] for ATS/PRI types) */
    uint64_t ipa;           /* [247:204] = IPA [55:12] */
    uint64_t fetch_addr;    /* [247:195] = FetchAddr [55:3] */
} SbEvent;

/* Bits of the mask returned by sb_event_fields() */
enum {
    SB_EVF_SSV_SSID = 1u << 0,      /* SSV and SubstreamID */
    SB_EVF_SSID = 1u << 1,          /* SubstreamID without SSV */
    SB_EVF_STAG_STALL = 1u << 2,
    SB_EVF_REASON16 = 1u << 3,
    SB_EVF_REASON32 = 1u << 4,
    SB_EVF_GPCF = 1u << 5,
    SB_EVF_ATTRS = 1u << 6,         /* PnU, InD, RnW */
    SB_EVF_RNW = 1u << 7,           /* RnW only */
    SB_EVF_S2 = 1u << 8,
    SB_EVF_CLASS = 1u << 9,
    SB_EVF_TTRNW = 1u << 10,
    SB_EVF_INPUT_ADDR = 1u << 11,
    SB_EVF_INPUT_PAGE = 1u << 12,   /* InputAddr[63:12] only */
    SB_EVF_IPA = 1u << 13,
    SB_EVF_FETCH_ADDR = 1u << 14,
    SB_EVF_ATS_PERMS = 1u << 15,
    SB_EVF_PRI_PERMS = 1u << 16,
    SB_EVF_SPAN = 1u << 17,
};

/* Fields present in records of @type (0 for an unknown type) */
uint32_t sb_event_fields(uint8_t type);
/* "F_TRANSLATION" etc., or "UNKNOWN" */
const char *sb_event_name(uint8_t type);
void sb_event_decode(const uint64_t rec[4], SbEvent *ev);
void sb_event_encode(const SbEvent *ev, uint64_t rec[4]);

#endif /* SMMUV3_PM_TESTS_SMMU_BUILDER_H */
