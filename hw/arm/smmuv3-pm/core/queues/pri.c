/*
 * arm-smmuv3-pm core: PCIe Page Requests (PRI) and the PRI queue
 *
 * See pri.h.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <inttypes.h>

#include <glib.h>

#include "hw/arm/smmuv3-pm/core/base/state.h"
#include "hw/arm/smmuv3-pm/core/base/irq.h"
#include "hw/arm/smmuv3-pm/core/base/mem.h"
#include "hw/arm/smmuv3-pm/core/queues/pri.h"
#include "hw/arm/smmuv3-pm/core/base/queue.h"
#include "hw/arm/smmuv3-pm/core/base/arch.h"
#include "hw/arm/smmuv3-pm/core/base/log.h"
#include "hw/arm/smmuv3-pm/core/checker/checker.h"
#include "hw/arm/smmuv3-pm/core/base/timing.h"

/* The PRI queue entry of @req (8.1; fields: base/arch.h, PRIQ_0/1) */
void smmu_pm_pri_encode(const SmmuPmPageRequest *req, uint64_t dw[2])
{
    dw[0] = FIELD_DP64(0, PRIQ_0, STREAMID, req->sid);
    if (req->ssv) {
        dw[0] = FIELD_DP64(dw[0], PRIQ_0, SUBSTREAMID, req->ssid);
        dw[0] = FIELD_DP64(dw[0], PRIQ_0, SSV, 1);
        /* Without a PASID there are no X and Priv bits (8) */
        dw[0] = FIELD_DP64(dw[0], PRIQ_0, EXEC, req->exec);
        dw[0] = FIELD_DP64(dw[0], PRIQ_0, PRIV, req->priv);
    }
    dw[0] = FIELD_DP64(dw[0], PRIQ_0, READ, req->read);
    dw[0] = FIELD_DP64(dw[0], PRIQ_0, WRITE, req->write);
    dw[0] = FIELD_DP64(dw[0], PRIQ_0, LAST, req->last);
    dw[1] = FIELD_DP64(req->addr & R_PRIQ_1_PAGEADDR_MASK, PRIQ_1, PRGINDEX,
                       req->prgi);
}

SmmuPmPriCode smmu_pm_pri_resp_code(unsigned resp)
{
    switch (resp) {
    case 0:
        return SMMU_PM_PRI_INVALID;     /* Deny */
    case 1:
        return SMMU_PM_PRI_FAILURE;     /* Fail */
    default:
        return SMMU_PM_PRI_SUCCESS;     /* Success (0b11 is refused) */
    }
}

const char *smmu_pm_pri_code_name(SmmuPmPriCode code)
{
    switch (code) {
    case SMMU_PM_PRI_SUCCESS:
        return "Success";
    case SMMU_PM_PRI_INVALID:
        return "Invalid Request";
    default:
        return "Response Failure";
    }
}

/* The SMMU answers @req itself (8.1, 8.2) */
static void auto_respond(SmmuPmCore *c, const SmmuPmPageRequest *req,
                         SmmuPmPriCode code, const char *why)
{
    /* A PASID only on a successful overflow answer to a PASID request */
    bool pasid = req->ssv && code == SMMU_PM_PRI_SUCCESS;

    c->stats.pri_auto_responses++;
    smmu_pm_log(c, SMMU_PM_LOG_INFO, "PRI: StreamID 0x%x PRGI 0x%x "
                "discarded (%s): automatic response %s", req->sid, req->prgi,
                why, smmu_pm_pri_code_name(code));
    if (c->host->pri_response) {
        c->host->pri_response(c->host_opaque, req->sid, pasid, req->ssid,
                              req->prgi, code);
    }
}

/* Discarded: a Last == 1 Page Request gets @code, anything else nothing */
static void discard(SmmuPmCore *c, const SmmuPmPageRequest *req,
                    SmmuPmPriCode code, const char *why)
{
    c->stats.pri_discarded++;
    if (req->last && !smmu_pm_pri_is_stop(req)) {
        auto_respond(c, req, code, why);
    } else {
        smmu_pm_log(c, SMMU_PM_LOG_INFO, "PRI: StreamID 0x%x PRGI 0x%x "
                    "discarded (%s)", req->sid, req->prgi, why);
    }
}

bool smmu_pm_pri_request(SmmuPmCore *c, const SmmuPmPageRequest *req)
{
    SmmuPmQueue q = smmu_pm_queue_priq(c);
    uint64_t dw[2];
    uint32_t old_prod;

    c->stats.pri_requests++;
    if (!smmu_pm_powered(c)) {
        /* Nothing decodes it, nothing answers: the endpoint waits */
        smmu_pm_check_dma_while_off(c, req->sid, req->addr, false);
        c->stats.pri_discarded++;
        return false;
    }
    if (!c->cfg.pri) {
        /* No PRI: nothing in the SMMU decodes the message */
        smmu_pm_log(c, SMMU_PM_LOG_GUEST_ERROR, "PRI: Page Request from "
                    "StreamID 0x%x but SMMU_IDR0.PRI is 0", req->sid);
        discard(c, req, SMMU_PM_PRI_FAILURE, "no PRI");
        return false;
    }
    if (!(c->regs.cr0ack & R_CR0_PRIQEN_MASK) ||
        !smmu_pm_enabled(c)) {
        discard(c, req, SMMU_PM_PRI_FAILURE, "PRIQEN is 0");
        return false;
    }
    if (smmu_pm_active_gerrors(c) & R_GERROR_PRIQ_ABT_ERR_MASK) {
        discard(c, req, SMMU_PM_PRI_FAILURE, "PRIQ_ABT_ERR is active");
        return false;
    }
    if (smmu_pm_queue_overflowed(&c->regs.priq)) {
        discard(c, req, SMMU_PM_PRI_SUCCESS, "PRI queue overflow");
        return false;
    }
    if (smmu_pm_queue_full(&q)) {
        c->regs.priq.prod ^= R_Q_IDX_OVFLG_MASK;
        discard(c, req, SMMU_PM_PRI_SUCCESS, "PRI queue full: overflow");
        return false;
    }
    smmu_pm_pri_encode(req, dw);
    if (!smmu_pm_mem_write64s(c, smmu_pm_queue_slot(&q, q.prod), dw, 2)) {
        /* A synchronous abort: the entry is lost and answered (8.2) */
        smmu_pm_raise_gerror(c, R_GERROR_PRIQ_ABT_ERR_MASK);
        discard(c, req, SMMU_PM_PRI_FAILURE, "PRI queue write aborted");
        return false;
    }
    if (req->last && !smmu_pm_pri_is_stop(req)) {
        smmu_pm_check_prg_queued(c, req->sid, req->prgi, q.prod);
    }
    old_prod = c->regs.priq.prod;
    c->regs.priq.prod = (c->regs.priq.prod & R_Q_IDX_OVFLG_MASK) |
                        smmu_pm_queue_inc(&q, q.prod);
    smmu_pm_log(c, SMMU_PM_LOG_INFO, "PRI: StreamID 0x%x%s PRGI 0x%x addr "
                "0x%" PRIx64 "%s%s%s queued", req->sid,
                req->ssv ? " (PASID)" : "", req->prgi, req->addr,
                req->read ? " R" : "", req->write ? " W" : "",
                req->last ? " Last" : "");
    smmu_pm_timing_outq_written(c, SMMU_PM_OUTQ_PRIQ, old_prod);
    return true;
}
