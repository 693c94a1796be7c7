/*
 * arm-smmuv3-pm core: translation of incoming transactions
 *
 * The whole path of one transaction: SMMUEN/GBPA, STE, SubstreamID
 * checks, CD, TLB, stage 1 and stage 2 walks (nested ones too), permission
 * checks, and the event for any fault, recorded as the STE/CD say.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMUV3_PM_CORE_TRANSLATE_H
#define SMMUV3_PM_CORE_TRANSLATE_H

#include <stdbool.h>
#include <stdint.h>

typedef struct SmmuPmCore SmmuPmCore;

typedef struct SmmuPmTxn {
    uint32_t sid;
    bool ssv;                   /* a SubstreamID (PASID) is present */
    uint32_t ssid;
    uint64_t addr;
    bool write;
    bool instr;                 /* instruction fetch (reads only) */
    bool priv;
    /*
     * The rest of a transaction whose fault was already reported: a host
     * that splits one access into several translations (QEMU does, after
     * a failed one) sets this so that the transaction yields one event.
     */
    bool continuation;
    /*
     * The requester can wait for a stalled transaction (a client device
     * with "dma-can-stall"); others are never held (see stall.h).
     */
    bool can_stall;
} SmmuPmTxn;

typedef enum SmmuPmTxnStatus {
    SMMU_PM_TXN_OK,             /* translated or bypassed: use addr */
    SMMU_PM_TXN_ABORT,          /* terminated with an abort */
    SMMU_PM_TXN_RAZWI,          /* terminated, CD.A == 0: RAZ/WI */
    SMMU_PM_TXN_STALLED,        /* held until CMD_RESUME and friends */
} SmmuPmTxnStatus;

typedef struct SmmuPmTxnResult {
    SmmuPmTxnStatus status;
    uint64_t addr;              /* output address of txn->addr */
    uint64_t addr_mask;         /* the mapping: addr & ~mask .. | mask */
    bool readable;              /* for this requester, in this mapping */
    bool writable;
    bool bypass;
    uint16_t stag;              /* SMMU_PM_TXN_STALLED: its Stall Tag */
    /*
     * Modelled cost in SMMU clock cycles (translate.c says of what); 0
     * with timing off
     */
    uint64_t cycles;
} SmmuPmTxnResult;

void smmu_pm_translate(SmmuPmCore *core, const SmmuPmTxn *txn,
                       SmmuPmTxnResult *res);

#endif /* SMMUV3_PM_CORE_TRANSLATE_H */
