/*
 * SMCCC calls owned by devices (see include/hw/arm/smccc-calls.h)
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/log.h"
#include "qemu/main-loop.h"
#include "hw/core/cpu.h"
#include "hw/arm/smccc-calls.h"
#include "target/arm/cpu.h"

typedef struct SmcccOwner {
    uint32_t first;
    uint32_t last;
    ArmSmcccHandler *handler;
    void *opaque;
    char *owner;
} SmcccOwner;

/* Registered ranges; changed and read under the BQL */
static GArray *owners;

static bool smccc_active(void)
{
    return owners && owners->len;
}

static SmcccOwner *smccc_find(uint32_t fid)
{
    for (guint i = 0; owners && i < owners->len; i++) {
        SmcccOwner *o = &g_array_index(owners, SmcccOwner, i);

        if (fid >= o->first && fid <= o->last) {
            return o;
        }
    }
    return NULL;
}

bool arm_smccc_register(uint32_t first, uint32_t last,
                        ArmSmcccHandler *handler, void *opaque,
                        const char *owner, Error **errp)
{
    SmcccOwner o = {
        .first = first, .last = last, .handler = handler, .opaque = opaque,
    };
    unsigned oen = FIELD_EX32(first, SMCCC_FID, OEN);

    if (last < first ||
        (first ^ last) & ~(uint32_t)R_SMCCC_FID_NUMBER_MASK) {
        error_setg(errp, "%s: SMCCC function IDs 0x%08x-0x%08x are not one "
                   "range of function numbers of one service", owner,
                   first, last);
        return false;
    }
    if (!FIELD_EX32(first, SMCCC_FID, FAST) ||
        FIELD_EX32(first, SMCCC_FID, MBZ) ||
        FIELD_EX32(first, SMCCC_FID, SVE_HINT)) {
        error_setg(errp, "%s: 0x%08x is not a fast-call SMCCC function ID "
                   "(bit 31 set, bits 23:16 zero)", owner, first);
        return false;
    }
    if (oen == SMCCC_OEN_ARCH || oen == SMCCC_OEN_STD_SECURE) {
        error_setg(errp, "%s: SMCCC function ID 0x%08x belongs to the %s "
                   "service, which QEMU's firmware implements", owner, first,
                   oen == SMCCC_OEN_ARCH ? "Arm Architecture" :
                   "standard secure (PSCI)");
        return false;
    }
    for (guint i = 0; owners && i < owners->len; i++) {
        SmcccOwner *p = &g_array_index(owners, SmcccOwner, i);

        if (first <= p->last && last >= p->first) {
            error_setg(errp, "%s: SMCCC function ID 0x%08x is already owned "
                       "by %s", owner, MAX(first, p->first), p->owner);
            return false;
        }
    }
    if (!owners) {
        owners = g_array_new(false, false, sizeof(SmcccOwner));
    }
    o.owner = g_strdup(owner);
    g_array_append_val(owners, o);
    return true;
}

void arm_smccc_unregister(uint32_t first, void *opaque)
{
    for (guint i = 0; owners && i < owners->len; i++) {
        SmcccOwner *o = &g_array_index(owners, SmcccOwner, i);

        if (o->first == first && o->opaque == opaque) {
            g_free(o->owner);
            g_array_remove_index(owners, i);
            return;
        }
    }
}

const char *arm_smccc_conduit(void)
{
    if (!first_cpu) {
        return NULL;
    }
    switch (ARM_CPU(first_cpu)->psci_conduit) {
    case QEMU_PSCI_CONDUIT_HVC:
        return "hvc";
    case QEMU_PSCI_CONDUIT_SMC:
        return "smc";
    default:
        return NULL;
    }
}

int32_t arm_smccc_psci_features(uint64_t fid)
{
    /* PSCI_FEATURES takes PSCI function IDs and SMCCC_VERSION (DEN 0022) */
    if (fid == SMCCC_VERSION_FID && smccc_active()) {
        return SMCCC_RET_SUCCESS;
    }
    return SMCCC_RET_NOT_SUPPORTED;
}

/* Arm Architecture calls: SMCCC_VERSION and SMCCC_ARCH_FEATURES only */
static void smccc_arch_call(uint32_t fid, const uint64_t args[7],
                            uint64_t res[4])
{
    switch (fid) {
    case SMCCC_VERSION_FID:
        res[0] = SMCCC_VERSION_1_1;
        break;
    case SMCCC_ARCH_FEATURES_FID:
        switch ((uint32_t)args[0]) {
        case SMCCC_VERSION_FID:
        case SMCCC_ARCH_FEATURES_FID:
            res[0] = SMCCC_RET_SUCCESS;
            break;
        default:
            /* no ARCH_WORKAROUND_*, SOC_ID (v1.2) or others */
            res[0] = (uint64_t)(int64_t)SMCCC_RET_NOT_SUPPORTED;
            break;
        }
        break;
    default:
        res[0] = (uint64_t)(int64_t)SMCCC_RET_NOT_SUPPORTED;
        break;
    }
}

bool arm_smccc_call(ARMCPU *cpu)
{
    CPUARMState *env = &cpu->env;
    bool a64 = is_a64(env);
    /* The Function Identifier is W0 (DEN 0028) */
    uint32_t fid = a64 ? env->xregs[0] : env->regs[0];
    bool smc32 = !FIELD_EX32(fid, SMCCC_FID, SMC64);
    uint64_t args[7], res[4];
    SmcccOwner *o;

    if (!smccc_active()) {
        return false;
    }
    o = smccc_find(fid);
    if (!o && FIELD_EX32(fid, SMCCC_FID, OEN) != SMCCC_OEN_ARCH) {
        return false;
    }
    for (int i = 0; i < 7; i++) {
        args[i] = a64 ? env->xregs[i + 1] : env->regs[i + 1];
        if (smc32) {
            args[i] = (uint32_t)args[i];
        }
    }
    res[0] = (uint64_t)(int64_t)SMCCC_RET_NOT_SUPPORTED;
    for (int i = 1; i < 4; i++) {
        res[i] = a64 ? env->xregs[i] : env->regs[i];
    }

    g_assert(bql_locked());
    if (o) {
        qemu_log_mask(CPU_LOG_INT, "...SMCCC function 0x%08x owned by %s\n",
                      fid, o->owner);
        o->handler(o->opaque, fid, args, res);
    } else {
        smccc_arch_call(fid, args, res);
    }

    for (int i = 0; i < 4; i++) {
        if (a64) {
            env->xregs[i] = res[i];
        } else {
            env->regs[i] = res[i];
        }
    }
    return true;
}
