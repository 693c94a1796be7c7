/*
 * arm-smmuv3-pm core: the command queue
 *
 * Command formats (base/arch.h): Arm IHI 0070, 4.2-4.7; errors: 4.8
 * (CONS.ERR stops consumption at the failing command; it resumes once
 * software acknowledges GERROR.CMDQ_ERR through GERRORN).
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
#include "hw/arm/smmuv3-pm/core/base/timing.h"

typedef struct Cmd {
    uint64_t dw[SMMU_CMD_DWORDS];
} Cmd;

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
    uint32_t sid = FIELD_EX64(cmd->dw[0], CMD_0, STREAMID);
    unsigned range;
    uint64_t first, last;

    switch (FIELD_EX64(cmd->dw[0], CMD_0, OPCODE)) {
    case SMMU_CMD_CFGI_STE:
        smmu_pm_cfgcache_inv_sid_range(x->c, sid, sid);
        break;
    case SMMU_CMD_CFGI_STE_RANGE:
        range = FIELD_EX64(cmd->dw[1], CMD_CFGI_STE_RANGE_1, RANGE);
        first = sid & ~((2ULL << range) - 1);
        last = MIN(first + (2ULL << range) - 1, (uint64_t)UINT32_MAX);
        smmu_pm_cfgcache_inv_sid_range(x->c, first, last);
        break;
    case SMMU_CMD_CFGI_CD:
        if (!has_s1(x->c)) {
            return illegal(x, "CFGI_CD without stage 1");
        }
        smmu_pm_cfgcache_inv_cd(x->c, sid,
                                FIELD_EX64(cmd->dw[0], CMD_0, SUBSTREAMID));
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
    bool ril = x->c->cfg.ril;
    unsigned tg = ril ? FIELD_EX64(cmd->dw[1], CMD_TLBI_1, TG) : 0;
    unsigned ttl = ril ? FIELD_EX64(cmd->dw[1], CMD_TLBI_1, TTL) : 0;
    uint64_t num = FIELD_EX64(cmd->dw[0], CMD_TLBI_0, NUM);
    uint64_t pages, len;

    inv->by_addr = true;
    inv->leaf_only = FIELD_EX64(cmd->dw[1], CMD_TLBI_1, LEAF);
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
    pages = (num + 1) << FIELD_EX64(cmd->dw[0], CMD_TLBI_0, SCALE);
    len = pages << inv->tg;
    inv->start = addr & ~MAKE_64BIT_MASK(0, inv->tg);
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
        .vmid = FIELD_EX64(cmd->dw[0], CMD_TLBI_0, VMID),
    };
    SmmuPmCmdError err = SMMU_CERROR_NONE;

    if (!has_s1(x->c)) {
        return illegal(x, "TLBI_NH_* without stage 1");
    }
    switch (FIELD_EX64(cmd->dw[0], CMD_0, OPCODE)) {
    case SMMU_CMD_TLBI_NH_ASID:
        inv.match_asid = true;
        inv.asid = FIELD_EX64(cmd->dw[0], CMD_TLBI_0, ASID);
        inv.keep_global = true;
        break;
    case SMMU_CMD_TLBI_NH_VA:
        inv.match_asid = true;
        inv.asid = FIELD_EX64(cmd->dw[0], CMD_TLBI_0, ASID);
        err = tlbi_range(x, (cmd->dw[1] & R_CMD_TLBI_1_ADDRESS_MASK), &inv);
        break;
    case SMMU_CMD_TLBI_NH_VAA:
        err = tlbi_range(x, (cmd->dw[1] & R_CMD_TLBI_1_ADDRESS_MASK), &inv);
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
    switch (FIELD_EX64(cmd->dw[0], CMD_0, OPCODE)) {
    case SMMU_CMD_TLBI_EL2_ASID:
        inv.match_asid = true;
        inv.asid = FIELD_EX64(cmd->dw[0], CMD_TLBI_0, ASID);
        inv.keep_global = true;
        break;
    case SMMU_CMD_TLBI_EL2_VA:
        inv.match_asid = true;
        inv.asid = FIELD_EX64(cmd->dw[0], CMD_TLBI_0, ASID);
        err = tlbi_range(x, (cmd->dw[1] & R_CMD_TLBI_1_ADDRESS_MASK), &inv);
        break;
    case SMMU_CMD_TLBI_EL2_VAA:
        err = tlbi_range(x, (cmd->dw[1] & R_CMD_TLBI_1_ADDRESS_MASK), &inv);
        break;
    }
    if (err != SMMU_CERROR_NONE) {
        return err;
    }
    /* EL2 without E2H has no ASIDs: an ASID-scoped command spares it */
    el2 = inv;
    el2.match_asid = false;
    el2.keep_global = false;
    if (FIELD_EX64(cmd->dw[0], CMD_0, OPCODE) != SMMU_CMD_TLBI_EL2_ASID) {
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
        .vmid = FIELD_EX64(cmd->dw[0], CMD_TLBI_0, VMID),
    };
    SmmuPmCmdError err = SMMU_CERROR_NONE;

    if (!has_s2(x->c)) {
        return illegal(x, "stage-2 TLBI without stage 2");
    }
    if (FIELD_EX64(cmd->dw[0], CMD_0, OPCODE) == SMMU_CMD_TLBI_S12_VMALL) {
        inv.stages = SMMU_PM_STAGES_NESTED;
    } else {
        /* Only stage-2-only entries: combined ones need TLBI_NH/S12 */
        inv.stages = SMMU_PM_STAGES_S2;
        inv.s2_only = true;
        err = tlbi_range(x, cmd->dw[1] & R_CMD_TLBI_S2_IPA_1_ADDRESS_MASK,
                         &inv);
    }
    if (err == SMMU_CERROR_NONE) {
        tlbi(x->c, &inv, SMMU_PM_WORLD_NS_EL1);
    }
    return err;
}

static SmmuPmCmdError cmd_tlbi_all(CmdCtx *x)
{
    SmmuPmTlbInval inv = { .stages = SMMU_PM_STAGES_NESTED };

    if (FIELD_EX64(x->cmd->dw[0], CMD_0, OPCODE) == SMMU_CMD_TLBI_EL2_ALL) {
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
    uint64_t dw0 = x->cmd->dw[0], dw1 = x->cmd->dw[1];
    SmmuPmCore *c = x->c;

    if (!c->cfg.ats) {
        return illegal(x, "ATC_INV but SMMU_IDR0.ATS is 0");
    }
    if (!c->host->atc_invalidate ||
        !c->host->atc_invalidate(c->host_opaque,
                                 FIELD_EX64(dw0, CMD_0, STREAMID),
                                 FIELD_EX64(dw0, CMD_0, SSV),
                                 FIELD_EX64(dw0, CMD_0, SUBSTREAMID),
                                 dw1 & R_CMD_ATC_INV_1_ADDRESS_MASK,
                                 FIELD_EX64(dw1, CMD_ATC_INV_1, SIZE))) {
        c->atc_inv_failed = true;
    }
    return SMMU_CERROR_NONE;
}

static SmmuPmCmdError cmd_pri_resp(CmdCtx *x)
{
    uint64_t dw0 = x->cmd->dw[0], dw1 = x->cmd->dw[1];
    uint32_t sid = FIELD_EX64(dw0, CMD_0, STREAMID);
    unsigned prgi = FIELD_EX64(dw1, CMD_PRI_RESP_1, PRGINDEX);
    unsigned resp = FIELD_EX64(dw1, CMD_PRI_RESP_1, RESP);
    SmmuPmCore *c = x->c;

    if (!c->cfg.pri) {
        return illegal(x, "PRI_RESP but SMMU_IDR0.PRI is 0");
    }
    if (resp == 3) {
        return illegal(x, "PRI_RESP Resp is reserved (0b11)");
    }
    c->stats.pri_responses++;
    smmu_pm_check_prg_answered(c, sid, prgi);
    if (c->host->pri_response) {
        c->host->pri_response(c->host_opaque, sid,
                              FIELD_EX64(dw0, CMD_0, SSV),
                              FIELD_EX64(dw0, CMD_0, SUBSTREAMID), prgi,
                              smmu_pm_pri_resp_code(resp));
    }
    return SMMU_CERROR_NONE;
}

/* How CMD_RESUME lets its transaction go (4.7.1) */
static SmmuPmStallOutcome resume_outcome(const SmmuPmCore *c, const Cmd *cmd)
{
    if (FIELD_EX64(cmd->dw[0], CMD_RESUME_0, AC)) {
        return SMMU_PM_STALL_RETRY;     /* Ab is IGNORED */
    }
    /* TERM_MODEL == 1: no RAZ/WI termination, Ab is IGNORED */
    if (FIELD_EX64(cmd->dw[0], CMD_RESUME_0, AB) ||
        FIELD_EX32(c->regs.idr[0], IDR0, TERM_MODEL)) {
        return SMMU_PM_STALL_ABORT;
    }
    return SMMU_PM_STALL_RAZWI;
}

static SmmuPmCmdError cmd_stall(CmdCtx *x)
{
    const Cmd *cmd = x->cmd;
    uint32_t sid = FIELD_EX64(cmd->dw[0], CMD_0, STREAMID);
    unsigned stag = FIELD_EX64(cmd->dw[1], CMD_RESUME_1, STAG);
    SmmuPmCore *c = x->c;

    if (c->cfg.stall_model == SMMU_PM_STALL_NONE) {
        return illegal(x, "RESUME/STALL_TERM but stalls are not supported");
    }
    if (FIELD_EX64(cmd->dw[0], CMD_0, OPCODE) == SMMU_CMD_STALL_TERM) {
        smmu_pm_stall_term(c, sid);
        return SMMU_CERROR_NONE;
    }
    /* A STAG that holds nothing of this StreamID: a no-op, not an error */
    if (!smmu_pm_stall_resume(c, sid, stag, resume_outcome(c, cmd))) {
        smmu_pm_log(c, SMMU_PM_LOG_INFO, "CMD_RESUME StreamID 0x%x STAG "
                    "0x%x: no such stalled transaction (no effect)",
                    sid, stag);
    }
    return SMMU_CERROR_NONE;
}

/* ---- CMD_SYNC ----------------------------------------------------------- */

static SmmuPmCmdError cmd_sync(CmdCtx *x)
{
    uint64_t dw0 = x->cmd->dw[0], dw1 = x->cmd->dw[1];
    SmmuPmCore *c = x->c;

    if (FIELD_EX64(dw0, CMD_SYNC_0, CS) == 3) {
        return illegal(x, "CMD_SYNC CS is reserved (0b11)");
    }
    if (c->atc_inv_failed) {
        c->atc_inv_failed = false;
        return SMMU_CERROR_ATC_INV_SYNC;
    }
    c->stats.syncs++;
    switch (FIELD_EX64(dw0, CMD_SYNC_0, CS)) {
    case SMMU_CMD_SYNC_CS_IRQ:
        smmu_pm_irq_cmd_sync(c, c->cfg.msi ?
                             dw1 & R_CMD_SYNC_1_MSIADDRESS_MASK : 0,
                             FIELD_EX64(dw0, CMD_SYNC_0, MSIDATA),
                             FIELD_EX64(dw0, CMD_SYNC_0, MSIATTR) |
                             FIELD_EX64(dw0, CMD_SYNC_0, MSH) << 4);
        break;
    case SMMU_CMD_SYNC_CS_SEV:
        smmu_pm_log(c, SMMU_PM_LOG_INFO, "CMD_SYNC completion: SEV");
        break;
    }
    return SMMU_CERROR_NONE;
}

/* ---- Dispatch ----------------------------------------------------------- */

static SmmuPmCmdError execute(CmdCtx *x)
{
    unsigned op = FIELD_EX64(x->cmd->dw[0], CMD_0, OPCODE);

    if (FIELD_EX64(x->cmd->dw[0], CMD_0, SSEC)) {
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

    return FIELD_EX64(cmd->dw[0], CMD_0, OPCODE) == SMMU_CMD_CFGI_STE_RANGE &&
           FIELD_EX64(cmd->dw[1], CMD_CFGI_STE_RANGE_1, RANGE) + 1 >= sidsize;
}

static bool fetch(SmmuPmCore *c, uint64_t addr, Cmd *cmd)
{
    return smmu_pm_mem_read64s(c, addr, cmd->dw, SMMU_CMD_DWORDS);
}

static void stop_on_error(SmmuPmCore *c, SmmuPmCmdError err, const Cmd *cmd,
                          const char *why)
{
    static const char *const names[] = {
        "", "CERROR_ILL", "CERROR_ABT", "CERROR_ATC_INV_SYNC",
    };
    const char *name = "not fetched";

    if (cmd) {
        name = smmu_pm_cmd_name(FIELD_EX64(cmd->dw[0], CMD_0, OPCODE));
    }

    c->stats.cmd_errors++;
    c->regs.cmdq.cons = FIELD_DP32(c->regs.cmdq.cons, CMDQ_CONS, ERR, err);
    smmu_pm_log(c, SMMU_PM_LOG_GUEST_ERROR,
                "command queue stopped: %s at CONS 0x%x (%s, 0x%016" PRIx64
                " 0x%016" PRIx64 ")%s%s", names[err],
                FIELD_EX32(c->regs.cmdq.cons, Q_IDX, IDX_WRAP),
                name,
                cmd ? cmd->dw[0] : 0, cmd ? cmd->dw[1] : 0,
                why ? ": " : "", why ? why : "");
    smmu_pm_raise_gerror(c, R_GERROR_CMDQ_ERR_MASK);
}

/*
 * One command: true if it was consumed (CONS advanced), with its opcode
 * in *@op_out
 */
static bool step(SmmuPmCore *c, SmmuPmQueue *q, unsigned *op_out)
{
    CmdCtx x = { .c = c };
    SmmuPmCmdError err;
    unsigned op;
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
    op = FIELD_EX64(cmd.dw[0], CMD_0, OPCODE);
    smmu_pm_check_command(c, op, is_cfgi_all(c, &cmd));
    c->stats.commands++;
    c->stats.commands_by_op[op % G_N_ELEMENTS(c->stats.commands_by_op)]++;
    q->cons = smmu_pm_queue_inc(q, q->cons);
    c->regs.cmdq.cons = (c->regs.cmdq.cons & ~smmu_pm_queue_wrap_mask(q)) |
                        q->cons;
    *op_out = op;
    return true;
}

static bool cmdq_can_run(const SmmuPmCore *c)
{
    return (c->regs.cr0ack & R_CR0_CMDQEN_MASK) &&
           !(smmu_pm_active_gerrors(c) & R_GERROR_CMDQ_ERR_MASK);
}

bool smmu_pm_cmdq_process(SmmuPmCore *c, unsigned budget)
{
    SmmuPmQueue q;
    unsigned done = 0, op;

    if (!cmdq_can_run(c)) {
        return false;
    }
    q = smmu_pm_queue_cmdq(c);
    while (!smmu_pm_queue_empty(&q)) {
        if (budget && done == budget) {
            return true;
        }
        if (!step(c, &q, &op)) {
            return false;
        }
        done++;
    }
    return false;
}

/* ---- Timing ------------------------------------------------------------- */

/* Pages a TLBI by address covers (1 without a range) */
static uint64_t tlbi_pages(const Cmd *cmd)
{
    if (!FIELD_EX64(cmd->dw[1], CMD_TLBI_1, TG)) {
        return 1;
    }
    return (FIELD_EX64(cmd->dw[0], CMD_TLBI_0, NUM) + 1) <<
           FIELD_EX64(cmd->dw[0], CMD_TLBI_0, SCALE);
}

/*
 * What executing @cmd costs, in cycles.  A TLBI by address costs per page
 * of its range, but never more than invalidating everything (a long range
 * is a scan of the TLB, as a real SMMU does it).  An illegal command costs
 * nothing beyond its fetch: it stops the queue.
 */
static uint64_t cmd_cost(const SmmuPmTimingConfig *cfg, const Cmd *cmd)
{
    const uint32_t *cost = cfg->cmd_cycles;

    switch (FIELD_EX64(cmd->dw[0], CMD_0, OPCODE)) {
    case SMMU_CMD_PREFETCH_CONFIG:
    case SMMU_CMD_PREFETCH_ADDR:
        return cost[SMMU_PM_CMDC_PREFETCH];
    case SMMU_CMD_CFGI_STE:
    case SMMU_CMD_CFGI_CD:
    case SMMU_CMD_CFGI_CD_ALL:
        return cost[SMMU_PM_CMDC_CFGI];
    case SMMU_CMD_CFGI_STE_RANGE:
        return cost[SMMU_PM_CMDC_CFGI_ALL];
    case SMMU_CMD_TLBI_NH_VA:
    case SMMU_CMD_TLBI_NH_VAA:
    case SMMU_CMD_TLBI_EL2_VA:
    case SMMU_CMD_TLBI_EL2_VAA:
    case SMMU_CMD_TLBI_S2_IPA:
        return MIN(tlbi_pages(cmd) * cost[SMMU_PM_CMDC_TLBI_VA],
                   (uint64_t)cost[SMMU_PM_CMDC_TLBI_ALL]);
    case SMMU_CMD_TLBI_NH_ASID:
    case SMMU_CMD_TLBI_EL2_ASID:
        return cost[SMMU_PM_CMDC_TLBI_ASID];
    case SMMU_CMD_TLBI_NH_ALL:
    case SMMU_CMD_TLBI_S12_VMALL:
        return cost[SMMU_PM_CMDC_TLBI_VMID];
    case SMMU_CMD_TLBI_NSNH_ALL:
    case SMMU_CMD_TLBI_EL2_ALL:
        return cost[SMMU_PM_CMDC_TLBI_ALL];
    case SMMU_CMD_ATC_INV:
        return cost[SMMU_PM_CMDC_ATC_INV];
    case SMMU_CMD_PRI_RESP:
        return cost[SMMU_PM_CMDC_PRI_RESP];
    case SMMU_CMD_RESUME:
    case SMMU_CMD_STALL_TERM:
        return cost[SMMU_PM_CMDC_RESUME];
    case SMMU_CMD_SYNC:
        return cost[SMMU_PM_CMDC_SYNC];
    default:
        return 0;
    }
}

/*
 * The processor takes the command at CONS once it is free and the
 * command has arrived, and completes it after the command's cost (plus a
 * fetch when the last burst is used up).  A command that cannot be read
 * costs its fetch and fails when it executes.
 */
static void schedule_next(SmmuPmCore *c, const SmmuPmQueue *q)
{
    SmmuPmTiming *t = &c->timing;
    uint64_t arrived = smmu_pm_timing_cmd_arrived_ns(c);
    uint64_t start = MAX(arrived, t->cmd_free_ns);
    uint64_t cycles = 0;
    Cmd cmd;

    if (start > t->cmd_free_ns) {
        t->fetch_credit = 0;    /* idle in between: the burst is stale */
    }
    if (!t->fetch_credit) {
        cycles += t->cfg.cmd_fetch_cycles;
        t->fetch_credit = t->cfg.cmds_per_fetch;
    }
    t->fetch_credit--;
    if (fetch(c, smmu_pm_queue_slot(q, q->cons), &cmd)) {
        cycles += cmd_cost(&t->cfg, &cmd);
    }
    t->cmd_due_ns = start + smmu_pm_cycles_to_ns(&t->cfg, cycles);
    t->cmd_scheduled = true;
    t->stats.cmdq_busy_ns += t->cmd_due_ns - start;
}

/* Complete the command at CONS, due at @due */
static bool complete_due(SmmuPmCore *c, SmmuPmQueue *q, uint64_t due)
{
    unsigned op;
    bool ok;

    c->timing.cmd_scheduled = false;
    c->timing.cmd_free_ns = due;
    ok = step(c, q, &op);
    if (ok) {
        smmu_pm_timing_trace(c, smmu_pm_cmd_name(op), q->cons,
                             due - MIN(due,
                                       smmu_pm_timing_cmd_arrived_ns(c)));
        smmu_pm_timing_cmd_consumed(c, op, due, q->cons,
                                    smmu_pm_queue_wrap_mask(q));
    }
    return ok;
}

bool smmu_pm_cmdq_timed_run(SmmuPmCore *c, uint64_t now, unsigned budget)
{
    SmmuPmTiming *t = &c->timing;
    unsigned done = 0;
    SmmuPmQueue q;

    if (!cmdq_can_run(c)) {
        smmu_pm_timing_cmd_idle(c);
        return false;
    }
    q = smmu_pm_queue_cmdq(c);
    while (!smmu_pm_queue_empty(&q)) {
        if (!t->cmd_scheduled) {
            schedule_next(c, &q);
        }
        if (t->cmd_due_ns > now) {
            break;
        }
        if (budget && done == budget) {
            return true;
        }
        if (!complete_due(c, &q, t->cmd_due_ns)) {
            smmu_pm_timing_cmd_idle(c);
            return false;
        }
        done++;
    }
    if (smmu_pm_queue_empty(&q)) {
        t->cmd_scheduled = false;
    }
    smmu_pm_timing_rearm(c);
    return false;
}
