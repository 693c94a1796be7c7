/*
 * SMCCC calls owned by devices
 *
 * QEMU's built-in PSCI firmware (target/arm/tcg/psci.c) answers the
 * HVC/SMC calls a guest makes with the machine's PSCI conduit.  This
 * registry lets a device own a fast-call function ID (or a range of
 * them) of its own service, as firmware at EL3 or a hypervisor would:
 * an SCMI platform's doorbell, for instance.  Function IDs that no
 * device owns behave exactly as before (NOT_SUPPORTED).
 *
 * Once any device owns a call, the firmware also implements the SMC
 * Calling Convention's discovery (Arm DEN 0028): SMCCC_VERSION reports
 * v1.1 and is advertised by PSCI_FEATURES, and SMCCC_ARCH_FEATURES
 * answers for the Arm Architecture calls it implements.  Linux needs
 * SMCCC v1.1 to use arm_smccc_1_1_invoke(), which is how its SCMI SMC
 * transport rings the doorbell.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_ARM_SMCCC_CALLS_H
#define HW_ARM_SMCCC_CALLS_H

#include "hw/registerfields.h"
#include "target/arm/cpu-qom.h"

/* Function Identifier (Arm DEN 0028, "Function Identifiers") */
FIELD(SMCCC_FID, NUMBER, 0, 16)     /* function number */
FIELD(SMCCC_FID, SVE_HINT, 16, 1)   /* SMCCC v1.3: no live SVE state */
FIELD(SMCCC_FID, MBZ, 17, 7)        /* must be zero in fast calls */
FIELD(SMCCC_FID, OEN, 24, 6)        /* Owning Entity Number */
FIELD(SMCCC_FID, SMC64, 30, 1)      /* 0: SMC32/HVC32, 1: SMC64/HVC64 */
FIELD(SMCCC_FID, FAST, 31, 1)       /* 1: fast call, 0: yielding call */

/* Owning Entity Numbers */
#define SMCCC_OEN_ARCH          0   /* Arm Architecture calls */
#define SMCCC_OEN_CPU           1   /* CPU service calls */
#define SMCCC_OEN_SIP           2   /* SiP service calls */
#define SMCCC_OEN_OEM           3   /* OEM service calls */
#define SMCCC_OEN_STD_SECURE    4   /* Standard secure service (PSCI) */
#define SMCCC_OEN_STD_HYP       5   /* Standard hypervisor service */
#define SMCCC_OEN_VENDOR_HYP    6   /* Vendor specific hypervisor service */

/* Return codes */
#define SMCCC_RET_SUCCESS       0
#define SMCCC_RET_NOT_SUPPORTED (-1)

/* Arm Architecture calls the firmware implements once a device owns a call */
#define SMCCC_VERSION_FID       0x80000000u
#define SMCCC_ARCH_FEATURES_FID 0x80000001u
#define SMCCC_VERSION_1_1       0x10001u

/*
 * A device's handler.  @args are x1..x7 (w1..w7 zero-extended for an
 * SMC32/HVC32 function ID, r1..r7 from AArch32); @res holds x0..x3 on
 * return, and comes in as {NOT_SUPPORTED, x1, x2, x3}, so a handler
 * that only sets res[0] leaves x1..x3 as they were.  A 32-bit status
 * is returned sign-extended, as QEMU's PSCI does.  Runs on the calling
 * vCPU's thread with the BQL held.
 */
typedef void ArmSmcccHandler(void *opaque, uint32_t fid,
                             const uint64_t args[7], uint64_t res[4]);

/*
 * Own the fast-call function IDs @first..@last (inclusive, same owning
 * entity and calling convention) for @owner (a name for messages).
 * Refused with @errp for IDs that are not fast calls, that set bits
 * which must be zero, that belong to the Arm Architecture or standard
 * secure service (QEMU's firmware owns those) or that another device
 * already owns.
 */
bool arm_smccc_register(uint32_t first, uint32_t last,
                        ArmSmcccHandler *handler, void *opaque,
                        const char *owner, Error **errp);
/* Give back the range that starts at @first, registered with @opaque */
void arm_smccc_unregister(uint32_t first, void *opaque);

/*
 * How the guest reaches QEMU's firmware: "hvc", "smc", or NULL when the
 * machine's CPUs have no PSCI conduit (firmware of the guest's own at
 * EL3 or EL2 handles SMC/HVC, and device-owned calls never arrive).
 */
const char *arm_smccc_conduit(void);

/*
 * For target/arm/tcg/psci.c.  arm_smccc_call(): the SMC/HVC @cpu made
 * with the PSCI conduit carries a function ID PSCI does not implement:
 * run its owner's handler, or the SMCCC discovery calls, and return
 * true; false leaves the call to PSCI (NOT_SUPPORTED).
 * arm_smccc_psci_features(): PSCI_FEATURES for a function ID that PSCI
 * does not implement (SMCCC_VERSION, when it exists).
 */
bool arm_smccc_call(ARMCPU *cpu);
int32_t arm_smccc_psci_features(uint64_t fid);

#endif /* HW_ARM_SMCCC_CALLS_H */
