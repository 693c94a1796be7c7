/*
 * arm-smmuv3-pm core: the command queue
 *
 * Command formats: Arm IHI 0070, 4.2-4.7; errors: 4.8 (CONS.ERR stops
 * consumption at the failing command; it resumes once software
 * acknowledges GERROR.CMDQ_ERR through GERRORN).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <inttypes.h>

#include <glib.h>

#include "hw/arm/smmuv3-pm/core/cmdq/cmdq.h"
#include "hw/arm/smmuv3-pm/core/base/state.h"
#include "hw/arm/smmuv3-pm/core/base/irq.h"
#include "hw/arm/smmuv3-pm/core/base/mem.h"
#include "hw/arm/smmuv3-pm/core/base/queue.h"
#include "hw/arm/smmuv3-pm/core/base/arch.h"
#include "hw/arm/smmuv3-pm/core/queues/pri.h"
#include "hw/arm/smmuv3-pm/core/xlate/stall.h"
#include "hw/arm/smmuv3-pm/core/xlate/strtab.h"
#include "hw/arm/smmuv3-pm/core/base/log.h"
#include "hw/arm/smmuv3-pm/core/base/commands.h"
#include "hw/arm/smmuv3-pm/core/checker/checker.h"

#define CMD_BYTES 16

typedef struct Cmd {
    uint64_t dw[2];
} Cmd;

static uint64_t bits(uint64_t v, unsigned lsb, unsigned width)
{
    return (v >> lsb) & ((1ULL << width) - 1);
}

/* Common fields */
#define CMD_OP(c)       bits((c)->dw[0], 0, 8)
#define CMD_SSEC(c)     bits((c)->dw[0], 10, 1)
#define CMD_SSV(c)      bits((c)->dw[0], 11, 1)
#define CMD_SSID(c)     bits((c)->dw[0], 12, 20)
#define CMD_SID(c)      bits((c)->dw[0], 32, 32)
/* TLBI */
#define CMD_NUM(c)      bits((c)->dw[0], 12, 5)
#define CMD_SCALE(c)    bits((c)->dw[0], 20, 5)
#define CMD_VMID(c)     bits((c)->dw[0], 32, 16)
#define CMD_ASID(c)     bits((c)->dw[0], 48, 16)
#define CMD_LEAF(c)     bits((c)->dw[1], 0, 1)
#define CMD_TTL(c)      bits((c)->dw[1], 8, 2)
#define CMD_TG(c)       bits((c)->dw[1], 10, 2)
#define CMD_VA(c)       ((c)->dw[1] & ~0xfffULL)
#define CMD_IPA(c)      ((c)->dw[1] & (((1ULL << 52) - 1) & ~0xfffULL))
/* CFGI */
#define CMD_RANGE(c)    bits((c)->dw[1], 0, 5)
/* ATC_INV */
#define CMD_ATC_SIZE(c) bits((c)->dw[1], 0, 6)
/* PRI_RESP */
#define CMD_PRI_RESP(c) bits((c)->dw[1], 12, 2)
#define CMD_PRI_PRGI(c) bits((c)->dw[1], 0, 9)
/* RESUME: Action (1: retry, 0: terminate), Abort (terminate with abort) */
#define CMD_RESUME_AC(c)    bits((c)->dw[0], 12, 1)
#define CMD_RESUME_AB(c)    bits((c)->dw[0], 13, 1)
#define CMD_RESUME_STAG(c)  bits((c)->dw[1], 0, 16)
/* CMD_SYNC */
#define CMD_SYNC_CS(c)      bits((c)->dw[0], 12, 2)
#define CMD_SYNC_MSIATTR(c) bits((c)->dw[0], 24, 4)
#define CMD_SYNC_MSH(c)     bits((c)->dw[0], 22, 2)
#define CMD_SYNC_DATA(c)    bits((c)->dw[0], 32, 32)
#define CMD_SYNC_ADDR(c)    ((c)->dw[1] & (((1ULL << 52) - 1) & ~3ULL))

enum {
    SYNC_CS_NONE = 0,
    SYNC_CS_IRQ = 1,
    SYNC_CS_SEV = 2,
};

typedef struct CmdCtx {
    SmmuPmCore *c;
    const Cmd *cmd;
    const char *why;            /* reason of CERROR_ILL, for the log */
} CmdCtx;

static SmmuPmCmdError illegal(CmdCtx *x, const char *why)
{
    x->why = why;
    return SMMU_CERROR_ILL;
}

static bool has_s1(const SmmuPmCore *c)
{
    return FIELD_EX32(c->regs.idr[0], IDR0, S1P);
}

static bool has_s2(const SmmuPmCore *c)
{
    return FIELD_EX32(c->regs.idr[0], IDR0, S2P);
}

/* ---- Configuration invalidation ---------------------------------------- */

static SmmuPmCmdError cmd_cfgi(CmdCtx *x)
{
    const Cmd *cmd = x->cmd;
    uint32_t sid = CMD_SID(cmd);
    unsigned range;
    uint64_t first, last;

    switch (CMD_OP(cmd)) {
    case SMMU_CMD_CFGI_STE:
        smmu_pm_cfgcache_inv_sid_range(x->c, sid, sid);
        break;
    case SMMU_CMD_CFGI_STE_RANGE:
        range = CMD_RANGE(cmd);
        first = sid & ~((2ULL << range) - 1);
        last = MIN(first + (2ULL << range) - 1, (uint64_t)UINT32_MAX);
        smmu_pm_cfgcache_inv_sid_range(x->c, first, last);
        break;
    case SMMU_CMD_CFGI_CD:
        if (!has_s1(x->c)) {
            return illegal(x, "CFGI_CD without stage 1");
        }
        smmu_pm_cfgcache_inv_cd(x->c, sid, CMD_SSID(cmd));
        break;
    case SMMU_CMD_CFGI_CD_ALL:
        if (!has_s1(x->c)) {
            return illegal(x, "CFGI_CD_ALL without stage 1");
        }
        smmu_pm_cfgcache_inv_cd_all(x->c, sid);
        break;
    }
    return SMMU_CERROR_NONE;
}

/* ---- TLB invalidation --------------------------------------------------- */

/*
 * The address range of a TLBI by address: one address when TG is 0 (all
 * entries containing it), else (NUM + 1) << SCALE granules (RIL).
 */
static SmmuPmCmdError tlbi_range(CmdCtx *x, uint64_t addr,
                                 SmmuPmTlbInval *inv)
{
    const Cmd *cmd = x->cmd;
    static const uint8_t tg_shift[4] = { 0, 12, 14, 16 };
    unsigned tg = x->c->cfg.ril ? CMD_TG(cmd) : 0;
    unsigned ttl = x->c->cfg.ril ? CMD_TTL(cmd) : 0;
    uint64_t pages, len;

    inv->by_addr = true;
    inv->leaf_only = CMD_LEAF(cmd);
    inv->start = addr;
    inv->last = addr;
    if (!tg) {
        return SMMU_CERROR_NONE;
    }
    if (!(x->c->cfg.granules & (1u << (tg - 1)))) {
        return illegal(x, "TG selects a granule the SMMU does not support");
    }
    inv->tg = tg_shift[tg];
    /* TTL 1 is reserved with the 16K and 64K granules (no level-1 leaf) */
    if (ttl == 1 && tg != 1) {
        return illegal(x, "TTL 1 is reserved for the 16K/64K granule");
    }
    inv->ttl = ttl;
    pages = (CMD_NUM(cmd) + 1) << CMD_SCALE(cmd);
    len = pages << inv->tg;
    inv->start = addr & ~((1ULL << inv->tg) - 1);
    inv->last = inv->start + len - 1 < inv->start ? UINT64_MAX
                                                  : inv->start + len - 1;
    return SMMU_CERROR_NONE;
}

static void tlbi(SmmuPmCore *c, SmmuPmTlbInval *inv, SmmuPmWorld world)
{
    inv->world = world;
    smmu_pm_tlb_invalidate(c->tlb, inv);
}

static SmmuPmCmdError cmd_tlbi_nh(CmdCtx *x)
{
    const Cmd *cmd = x->cmd;
    SmmuPmTlbInval inv = {
        .stages = SMMU_PM_STAGES_S1,
        .match_vmid = has_s2(x->c),
        .vmid = CMD_VMID(cmd),
    };
    SmmuPmCmdError err = SMMU_CERROR_NONE;

    if (!has_s1(x->c)) {
        return illegal(x, "TLBI_NH_* without stage 1");
    }
    switch (CMD_OP(cmd)) {
    case SMMU_CMD_TLBI_NH_ASID:
        inv.match_asid = true;
        inv.asid = CMD_ASID(cmd);
        inv.keep_global = true;
        break;
    case SMMU_CMD_TLBI_NH_VA:
        inv.match_asid = true;
        inv.asid = CMD_ASID(cmd);
        err = tlbi_range(x, CMD_VA(cmd), &inv);
        break;
    case SMMU_CMD_TLBI_NH_VAA:
        err = tlbi_range(x, CMD_VA(cmd), &inv);
        break;
    }
    if (err == SMMU_CERROR_NONE) {
        tlbi(x->c, &inv, SMMU_PM_WORLD_NS_EL1);
    }
    return err;
}

static SmmuPmCmdError cmd_tlbi_el2(CmdCtx *x)
{
    const Cmd *cmd = x->cmd;
    SmmuPmTlbInval inv = { .stages = SMMU_PM_STAGES_S1 };
    SmmuPmTlbInval el2;
    SmmuPmCmdError err = SMMU_CERROR_NONE;

    if (!FIELD_EX32(x->c->regs.idr[0], IDR0, HYP)) {
        return illegal(x, "TLBI_EL2_* but SMMU_IDR0.HYP is 0");
    }
    switch (CMD_OP(cmd)) {
    case SMMU_CMD_TLBI_EL2_ASID:
        inv.match_asid = true;
        inv.asid = CMD_ASID(cmd);
        inv.keep_global = true;
        break;
    case SMMU_CMD_TLBI_EL2_VA:
        inv.match_asid = true;
        inv.asid = CMD_ASID(cmd);
        err = tlbi_range(x, CMD_VA(cmd), &inv);
        break;
    case SMMU_CMD_TLBI_EL2_VAA:
        err = tlbi_range(x, CMD_VA(cmd), &inv);
        break;
    }
    if (err != SMMU_CERROR_NONE) {
        return err;
    }
    /* EL2 without E2H has no ASIDs: an ASID-scoped command spares it */
    el2 = inv;
    el2.match_asid = false;
    el2.keep_global = false;
    if (CMD_OP(cmd) != SMMU_CMD_TLBI_EL2_ASID) {
        tlbi(x->c, &el2, SMMU_PM_WORLD_EL2);
    }
    tlbi(x->c, &inv, SMMU_PM_WORLD_EL2_E2H);
    return SMMU_CERROR_NONE;
}

static SmmuPmCmdError cmd_tlbi_s2(CmdCtx *x)
{
    const Cmd *cmd = x->cmd;
    SmmuPmTlbInval inv = {
        .match_vmid = true,
        .vmid = CMD_VMID(cmd),
    };
    SmmuPmCmdError err = SMMU_CERROR_NONE;

    if (!has_s2(x->c)) {
        return illegal(x, "stage-2 TLBI without stage 2");
    }
    if (CMD_OP(cmd) == SMMU_CMD_TLBI_S12_VMALL) {
        inv.stages = SMMU_PM_STAGES_NESTED;
    } else {
        /* Only stage-2-only entries: combined ones need TLBI_NH/S12 */
        inv.stages = SMMU_PM_STAGES_S2;
        inv.s2_only = true;
        err = tlbi_range(x, CMD_IPA(cmd), &inv);
    }
    if (err == SMMU_CERROR_NONE) {
        tlbi(x->c, &inv, SMMU_PM_WORLD_NS_EL1);
    }
    return err;
}

static SmmuPmCmdError cmd_tlbi_all(CmdCtx *x)
{
    SmmuPmTlbInval inv = { .stages = SMMU_PM_STAGES_NESTED };

    if (CMD_OP(x->cmd) == SMMU_CMD_TLBI_EL2_ALL) {
        if (!FIELD_EX32(x->c->regs.idr[0], IDR0, HYP)) {
            return illegal(x, "TLBI_EL2_ALL but SMMU_IDR0.HYP is 0");
        }
        tlbi(x->c, &inv, SMMU_PM_WORLD_EL2);
        tlbi(x->c, &inv, SMMU_PM_WORLD_EL2_E2H);
        return SMMU_CERROR_NONE;
    }
    /* TLBI_NSNH_ALL: every Non-secure non-Hyp entry, all VMIDs */
    tlbi(x->c, &inv, SMMU_PM_WORLD_NS_EL1);
    return SMMU_CERROR_NONE;
}

/* ---- ATS, PRI, stalls --------------------------------------------------- */

static SmmuPmCmdError cmd_atc_inv(CmdCtx *x)
{
    const Cmd *cmd = x->cmd;
    SmmuPmCore *c = x->c;

    if (!c->cfg.ats) {
        return illegal(x, "ATC_INV but SMMU_IDR0.ATS is 0");
    }
    if (!c->host->atc_invalidate ||
        !c->host->atc_invalidate(c->host_opaque, CMD_SID(cmd), CMD_SSV(cmd),
                                 CMD_SSID(cmd), CMD_VA(cmd),
                                 CMD_ATC_SIZE(cmd))) {
        c->atc_inv_failed = true;
    }
    return SMMU_CERROR_NONE;
}

static SmmuPmCmdError cmd_pri_resp(CmdCtx *x)
{
    const Cmd *cmd = x->cmd;
    SmmuPmCore *c = x->c;

    if (!c->cfg.pri) {
        return illegal(x, "PRI_RESP but SMMU_IDR0.PRI is 0");
    }
    if (CMD_PRI_RESP(cmd) == 3) {
        return illegal(x, "PRI_RESP Resp is reserved (0b11)");
    }
    c->stats.pri_responses++;
    smmu_pm_check_prg_answered(c, CMD_SID(cmd), CMD_PRI_PRGI(cmd));
    if (c->host->pri_response) {
        c->host->pri_response(c->host_opaque, CMD_SID(cmd), CMD_SSV(cmd),
                              CMD_SSID(cmd), CMD_PRI_PRGI(cmd),
                              smmu_pm_pri_resp_code(CMD_PRI_RESP(cmd)));
    }
    return SMMU_CERROR_NONE;
}

/* How CMD_RESUME lets its transaction go (4.7.1) */
static SmmuPmStallOutcome resume_outcome(const SmmuPmCore *c, const Cmd *cmd)
{
    if (CMD_RESUME_AC(cmd)) {
        return SMMU_PM_STALL_RETRY;     /* Ab is IGNORED */
    }
    /* TERM_MODEL == 1: no RAZ/WI termination, Ab is IGNORED */
    if (CMD_RESUME_AB(cmd) || FIELD_EX32(c->regs.idr[0], IDR0, TERM_MODEL)) {
        return SMMU_PM_STALL_ABORT;
    }
    return SMMU_PM_STALL_RAZWI;
}

static SmmuPmCmdError cmd_stall(CmdCtx *x)
{
    const Cmd *cmd = x->cmd;
    SmmuPmCore *c = x->c;

    if (c->cfg.stall_model == SMMU_PM_STALL_NONE) {
        return illegal(x, "RESUME/STALL_TERM but stalls are not supported");
    }
    if (CMD_OP(cmd) == SMMU_CMD_STALL_TERM) {
        smmu_pm_stall_term(c, CMD_SID(cmd));
        return SMMU_CERROR_NONE;
    }
    /* A STAG that holds nothing of this StreamID: a no-op, not an error */
    if (!smmu_pm_stall_resume(c, CMD_SID(cmd), CMD_RESUME_STAG(cmd),
                              resume_outcome(c, cmd))) {
        smmu_pm_log(c, SMMU_PM_LOG_INFO, "CMD_RESUME StreamID 0x%x STAG "
                    "0x%x: no such stalled transaction (no effect)",
                    (uint32_t)CMD_SID(cmd), (unsigned)CMD_RESUME_STAG(cmd));
    }
    return SMMU_CERROR_NONE;
}

/* ---- CMD_SYNC ----------------------------------------------------------- */

static SmmuPmCmdError cmd_sync(CmdCtx *x)
{
    const Cmd *cmd = x->cmd;
    SmmuPmCore *c = x->c;

    if (CMD_SYNC_CS(cmd) == 3) {
        return illegal(x, "CMD_SYNC CS is reserved (0b11)");
    }
    if (c->atc_inv_failed) {
        c->atc_inv_failed = false;
        return SMMU_CERROR_ATC_INV_SYNC;
    }
    c->stats.syncs++;
    switch (CMD_SYNC_CS(cmd)) {
    case SYNC_CS_IRQ:
        smmu_pm_irq_cmd_sync(c, c->cfg.msi ? CMD_SYNC_ADDR(cmd) : 0,
                             CMD_SYNC_DATA(cmd),
                             CMD_SYNC_MSIATTR(cmd) |
                             CMD_SYNC_MSH(cmd) << 4);
        break;
    case SYNC_CS_SEV:
        smmu_pm_log(c, SMMU_PM_LOG_INFO, "CMD_SYNC completion: SEV");
        break;
    }
    return SMMU_CERROR_NONE;
}

/* ---- Dispatch ----------------------------------------------------------- */

static SmmuPmCmdError execute(CmdCtx *x)
{
    unsigned op = CMD_OP(x->cmd);

    if (CMD_SSEC(x->cmd)) {
        return illegal(x, "SSec is 1 on the Non-secure command queue");
    }
    switch (op) {
    case SMMU_CMD_PREFETCH_CONFIG:
    case SMMU_CMD_PREFETCH_ADDR:
        return SMMU_CERROR_NONE;        /* a hint: prefetching is optional */
    case SMMU_CMD_CFGI_STE:
    case SMMU_CMD_CFGI_STE_RANGE:
    case SMMU_CMD_CFGI_CD:
    case SMMU_CMD_CFGI_CD_ALL:
        return cmd_cfgi(x);
    case SMMU_CMD_TLBI_NH_ALL:
    case SMMU_CMD_TLBI_NH_ASID:
    case SMMU_CMD_TLBI_NH_VA:
    case SMMU_CMD_TLBI_NH_VAA:
        return cmd_tlbi_nh(x);
    case SMMU_CMD_TLBI_EL2_ASID:
    case SMMU_CMD_TLBI_EL2_VA:
    case SMMU_CMD_TLBI_EL2_VAA:
        return cmd_tlbi_el2(x);
    case SMMU_CMD_TLBI_EL2_ALL:
    case SMMU_CMD_TLBI_NSNH_ALL:
        return cmd_tlbi_all(x);
    case SMMU_CMD_TLBI_S12_VMALL:
    case SMMU_CMD_TLBI_S2_IPA:
        return cmd_tlbi_s2(x);
    case SMMU_CMD_ATC_INV:
        return cmd_atc_inv(x);
    case SMMU_CMD_PRI_RESP:
        return cmd_pri_resp(x);
    case SMMU_CMD_RESUME:
    case SMMU_CMD_STALL_TERM:
        return cmd_stall(x);
    case SMMU_CMD_SYNC:
        return cmd_sync(x);
    case SMMU_CMD_TLBI_EL3_ALL:
    case SMMU_CMD_TLBI_EL3_VA:
        return illegal(x, "EL3 TLBI on the Non-secure command queue");
    default:
        return illegal(x, "unknown opcode");
    }
}

/* CFGI_ALL: a CFGI_STE_RANGE whose range covers every StreamID */
static bool is_cfgi_all(const SmmuPmCore *c, const Cmd *cmd)
{
    unsigned sidsize = FIELD_EX32(c->regs.idr[1], IDR1, SIDSIZE);

    return CMD_OP(cmd) == SMMU_CMD_CFGI_STE_RANGE &&
           CMD_RANGE(cmd) + 1 >= sidsize;
}

static bool fetch(SmmuPmCore *c, uint64_t addr, Cmd *cmd)
{
    return smmu_pm_mem_read64s(c, addr, cmd->dw, CMD_BYTES / 8);
}

static void stop_on_error(SmmuPmCore *c, SmmuPmCmdError err, const Cmd *cmd,
                          const char *why)
{
    static const char *const names[] = {
        "", "CERROR_ILL", "CERROR_ABT", "CERROR_ATC_INV_SYNC",
    };

    c->stats.cmd_errors++;
    c->regs.cmdq.cons = FIELD_DP32(c->regs.cmdq.cons, CMDQ_CONS, ERR, err);
    smmu_pm_log(c, SMMU_PM_LOG_GUEST_ERROR,
                "command queue stopped: %s at CONS 0x%x (%s, 0x%016" PRIx64
                " 0x%016" PRIx64 ")%s%s", names[err],
                c->regs.cmdq.cons & 0xfffff,
                cmd ? smmu_pm_cmd_name(CMD_OP(cmd)) : "not fetched",
                cmd ? cmd->dw[0] : 0, cmd ? cmd->dw[1] : 0,
                why ? ": " : "", why ? why : "");
    smmu_pm_raise_gerror(c, R_GERROR_CMDQ_ERR_MASK);
}

/* One command: true if it was consumed (CONS advanced) */
static bool step(SmmuPmCore *c, SmmuPmQueue *q)
{
    CmdCtx x = { .c = c };
    SmmuPmCmdError err;
    Cmd cmd;

    if (!fetch(c, smmu_pm_queue_slot(q, q->cons), &cmd)) {
        stop_on_error(c, SMMU_CERROR_ABT, NULL, NULL);
        return false;
    }
    x.cmd = &cmd;
    err = execute(&x);
    if (err != SMMU_CERROR_NONE) {
        stop_on_error(c, err, &cmd, x.why);
        return false;
    }
    smmu_pm_check_command(c, CMD_OP(&cmd), is_cfgi_all(c, &cmd));
    c->stats.commands++;
    c->stats.commands_by_op[CMD_OP(&cmd) % G_N_ELEMENTS(
                                c->stats.commands_by_op)]++;
    q->cons = smmu_pm_queue_inc(q, q->cons);
    c->regs.cmdq.cons = (c->regs.cmdq.cons & ~smmu_pm_queue_wrap_mask(q)) |
                        q->cons;
    return true;
}

bool smmu_pm_cmdq_process(SmmuPmCore *c, unsigned budget)
{
    SmmuPmQueue q;
    unsigned done = 0;

    if (!(c->regs.cr0ack & R_CR0_CMDQEN_MASK) ||
        (smmu_pm_active_gerrors(c) & R_GERROR_CMDQ_ERR_MASK)) {
        return false;
    }
    q = smmu_pm_queue_cmdq(c);
    while (!smmu_pm_queue_empty(&q)) {
        if (budget && done == budget) {
            return true;
        }
        if (!step(c, &q)) {
            return false;
        }
        done++;
    }
    return false;
}
