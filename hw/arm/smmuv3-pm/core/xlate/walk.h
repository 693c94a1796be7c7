/*
 * arm-smmuv3-pm core: VMSAv8-64 translation table walks
 *
 * One call walks one stage of one translation: stage 1 (VA -> IPA/PA) or
 * stage 2 (IPA -> PA), for the 4K, 16K and 64K granules.  The walker knows
 * nothing about STEs, CDs or events: the caller (translate.c) decodes the
 * configuration into a SmmuPmWalkCfg, and turns a SmmuPmWalkResult into an
 * event record.
 *
 * Descriptor reads go through SmmuPmWalkMem, so that a nested stage-1 walk
 * can translate each of its table accesses through stage 2: the caller's
 * read() then runs a stage-2 walk itself, and reports a fault on it as
 * SMMU_PM_WALK_STAGE2 (keeping the stage-2 details for its event).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMUV3_PM_CORE_WALK_H
#define SMMUV3_PM_CORE_WALK_H

#include <stdbool.h>
#include <stdint.h>

typedef enum SmmuPmWalkFault {
    SMMU_PM_WALK_OK,
    SMMU_PM_WALK_TRANSLATION,   /* invalid descriptor, input out of range */
    SMMU_PM_WALK_ADDR_SIZE,     /* output/table address beyond the OAS */
    SMMU_PM_WALK_ACCESS,        /* AF == 0, no AFFD, no hardware update */
    SMMU_PM_WALK_PERMISSION,    /* see smmu_pm_walk_check_perm() */
    SMMU_PM_WALK_EABT,          /* a descriptor read/update was aborted */
    SMMU_PM_WALK_STAGE2,        /* a descriptor access faulted at stage 2 */
} SmmuPmWalkFault;

/* Permission bits, one set for privileged and one for unprivileged */
enum {
    SMMU_PM_PERM_R = 1 << 0,
    SMMU_PM_PERM_W = 1 << 1,
    SMMU_PM_PERM_X = 1 << 2,
    SMMU_PM_PERM_RWX = 7,
};

/* Hierarchical attributes collected from table descriptors (stage 1) */
enum {
    SMMU_PM_TABLE_PXN = 1 << 0,        /* PXNTable */
    SMMU_PM_TABLE_UXN = 1 << 1,        /* UXNTable (XNTable at EL2) */
    SMMU_PM_TABLE_NO_EL0 = 1 << 2,     /* APTable[0] */
    SMMU_PM_TABLE_RO = 1 << 3,         /* APTable[1] */
};

typedef struct SmmuPmWalkMem {
    /*
     * Read the 64-bit descriptor at @addr (a PA; an IPA for a nested
     * stage-1 walk) in the byte order given by SmmuPmWalkCfg.endi, already
     * converted to host order.  Returns SMMU_PM_WALK_OK, SMMU_PM_WALK_EABT
     * (external abort) or SMMU_PM_WALK_STAGE2.
     */
    SmmuPmWalkFault (*read)(void *opaque, uint64_t addr, uint64_t *desc);
    /*
     * Hardware update of a descriptor (HTTU): atomically replace @old by
     * @new at @addr.  Returns SMMU_PM_WALK_OK when it was replaced; when
     * memory no longer holds @old, returns OK and stores the current
     * value in *@old so that the walker can retry; EABT/STAGE2 as read().
     * May be NULL when the walk never has HA/HD set.
     */
    SmmuPmWalkFault (*update)(void *opaque, uint64_t addr, uint64_t *old,
                              uint64_t new);
    void *opaque;
} SmmuPmWalkMem;

/*
 * Optional walk cache: table addresses found by earlier walks.  The
 * opaque context knows the regime tags (stream world, VMID, ASID); the
 * walker gives the level of the *table* (the level whose descriptors it
 * holds) and the input address.
 */
typedef struct SmmuPmWalkCacheOps {
    /*
     * The deepest cached table for @ia, at a level in (start, 3]: returns
     * its level (and fills @table and the accumulated @table_attrs), or
     * -1 on a miss.
     */
    int (*lookup)(void *opaque, uint64_t ia, uint64_t *table,
                  uint8_t *table_attrs);
    void (*insert)(void *opaque, unsigned level, uint64_t ia, uint64_t table,
                   uint8_t table_attrs);
    void *opaque;
} SmmuPmWalkCacheOps;

/* One stage of one translation regime, decoded from the STE/CD */
typedef struct SmmuPmWalkCfg {
    uint8_t stage;              /* 1 or 2 */
    uint8_t granule_shift;      /* 12, 14 or 16 */
    uint8_t tsz;                /* TxSZ: the input range is 64 - tsz bits */
    /*
     * Stage 2: the start level from S2SL0, validated with
     * smmu_pm_s2_start_level() (concatenated tables follow from it).
     * Stage 1: ignored, the walker derives it from tsz and the granule.
     */
    int8_t start_level;
    uint8_t oas_bits;           /* effective output size (IPS/PS vs OAS) */
    bool ttb1;                  /* stage 1: the upper (TTB1) VA range */
    bool tbi;                   /* stage 1: top byte ignored for this range */
    bool endi;                  /* big-endian descriptors */
    bool affd;                  /* AF == 0 does not fault */
    bool ha;                    /* hardware access flag update */
    bool hd;                    /* hardware dirty state update (DBM) */
    bool had;                   /* stage 1: hierarchical attributes off */
    bool el2;                   /* stage 1: EL2 regime without E2H */
    bool wxn;                   /* stage 1: writable implies XN */
    uint64_t ttb;               /* table base: PA (IPA when nested) */
} SmmuPmWalkCfg;

/*
 * The access a walk is made for.  The walker needs it for one decision
 * only, the hardware dirty-state update (HD): a writable-clean leaf is
 * made dirty only by a write that the leaf permits once dirty, which at
 * stage 1 depends on the privilege and on PAN (see smmu_pm_walk()).
 * Stage 2 has no privilege distinction and ignores @priv and @pan.
 * Permission faults themselves are the caller's to find, with
 * smmu_pm_walk_check_perm() on the result.
 */
typedef struct SmmuPmWalkAccess {
    bool write;
    bool priv;                  /* privileged (after STE.PRIVCFG) */
    bool pan;                   /* CD.PAN */
} SmmuPmWalkAccess;

typedef struct SmmuPmWalkResult {
    SmmuPmWalkFault fault;
    int8_t level;               /* of the leaf, or where the fault occurred */
    uint8_t size_shift;         /* log2 of the page or block size */
    uint64_t oa;                /* output address of the input address */
    uint8_t perm_priv;          /* SMMU_PM_PERM_* at privileged level */
    uint8_t perm_user;          /* SMMU_PM_PERM_* at unprivileged level */
    bool user_accessible;       /* stage 1: AP[1] (for PAN) */
    bool global;                /* stage 1: nG == 0 */
    uint8_t attr;               /* AttrIndx (stage 1) / MemAttr (stage 2) */
    uint8_t sh;                 /* shareability of the leaf */
    uint64_t fetch_addr;        /* EABT: address of the aborted access */
    uint64_t desc;              /* the leaf descriptor (after any update) */
    /*
     * HD: the leaf is writable-clean (DBM set, not yet dirty), so W is
     * absent from the permissions but a write walks again, to mark it
     * dirty if the leaf then permits the write (else it faults).
     */
    bool dirty_pending;
} SmmuPmWalkResult;

/*
 * Start level and number of concatenated start tables of a stage-2 walk
 * for S2SL0/S2T0SZ with the granule, or false when the combination is
 * invalid (too many concatenated tables, or a start level the granule
 * does not have): the STE is then C_BAD_STE.
 */
bool smmu_pm_s2_start_level(unsigned granule_shift, unsigned sl0,
                            unsigned tsz, unsigned *level, unsigned *concat);

/* Valid TxSZ range for a granule (stage 1 and stage 2 alike) */
void smmu_pm_tsz_range(unsigned granule_shift, bool oas52, unsigned *min,
                       unsigned *max);

/*
 * Walk @cfg for input address @ia.  On success fills @res with the leaf's
 * output address, size, permissions and attributes; on failure with the
 * fault and its level.  @acc is the access: with HD, a write makes a
 * writable-clean leaf dirty when the leaf, once dirty, permits that write
 * at its privilege and under PAN; any other access leaves it clean, with
 * dirty_pending set and W absent (AF is set by HA on any access).  @wc
 * may be NULL.  Never loops: a walk reads at most one descriptor per
 * level (plus bounded HTTU retries).
 */
void smmu_pm_walk(const SmmuPmWalkCfg *cfg, const SmmuPmWalkMem *mem,
                  const SmmuPmWalkCacheOps *wc, uint64_t ia,
                  const SmmuPmWalkAccess *acc, SmmuPmWalkResult *res);

/*
 * Check an access against the permissions of a (possibly cached) leaf:
 * @write/@instr/@priv describe the transaction, @pan is CD.PAN.  Returns
 * true if allowed.
 */
bool smmu_pm_walk_check_perm(uint8_t perm_priv, uint8_t perm_user,
                             bool user_accessible, bool pan, bool write,
                             bool instr, bool priv);

#endif /* SMMUV3_PM_CORE_WALK_H */
