/*
 * arm-smmuv3-pm core: event records and the event queue
 *
 * Record layouts follow Arm IHI 0070, 7.3 (fields: base/arch.h, EVT_0..3).
 * Fields a type does not define stay RES0, so a record can be compared
 * bit for bit with the spec.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <string.h>

#include <inttypes.h>

#include <glib.h>

#include "hw/arm/smmuv3-pm/core/base/state.h"
#include "hw/arm/smmuv3-pm/core/queues/event.h"
#include "hw/arm/smmuv3-pm/core/base/irq.h"
#include "hw/arm/smmuv3-pm/core/base/mem.h"
#include "hw/arm/smmuv3-pm/core/base/queue.h"
#include "hw/arm/smmuv3-pm/core/base/arch.h"
#include "hw/arm/smmuv3-pm/core/base/log.h"
#include "hw/arm/smmuv3-pm/core/base/timing.h"

static const char *const event_names[] = {
    [SMMU_EVT_F_UUT] = "F_UUT",
    [SMMU_EVT_C_BAD_STREAMID] = "C_BAD_STREAMID",
    [SMMU_EVT_F_STE_FETCH] = "F_STE_FETCH",
    [SMMU_EVT_C_BAD_STE] = "C_BAD_STE",
    [SMMU_EVT_F_BAD_ATS_TREQ] = "F_BAD_ATS_TREQ",
    [SMMU_EVT_F_STREAM_DISABLED] = "F_STREAM_DISABLED",
    [SMMU_EVT_F_TRANSL_FORBIDDEN] = "F_TRANSL_FORBIDDEN",
    [SMMU_EVT_C_BAD_SUBSTREAMID] = "C_BAD_SUBSTREAMID",
    [SMMU_EVT_F_CD_FETCH] = "F_CD_FETCH",
    [SMMU_EVT_C_BAD_CD] = "C_BAD_CD",
    [SMMU_EVT_F_WALK_EABT] = "F_WALK_EABT",
    [SMMU_EVT_F_TRANSLATION] = "F_TRANSLATION",
    [SMMU_EVT_F_ADDR_SIZE] = "F_ADDR_SIZE",
    [SMMU_EVT_F_ACCESS] = "F_ACCESS",
    [SMMU_EVT_F_PERMISSION] = "F_PERMISSION",
    [SMMU_EVT_F_TLB_CONFLICT] = "F_TLB_CONFLICT",
    [SMMU_EVT_F_CFG_CONFLICT] = "F_CFG_CONFLICT",
    [SMMU_EVT_E_PAGE_REQUEST] = "E_PAGE_REQUEST",
};

const char *smmu_pm_event_name(SmmuPmEventType type)
{
    if (type < G_N_ELEMENTS(event_names) && event_names[type]) {
        return event_names[type];
    }
    return "unknown";
}

/* Which optional parts of the record a type defines */
enum {
    EV_SSV = 1 << 0,            /* SSV + SubstreamID */
    EV_SSID_ALWAYS = 1 << 1,    /* SubstreamID without SSV */
    EV_ACCESS = 1 << 2,         /* RnW, InD, PnU */
    /*
     * STAG and Stall: only the faults that can stall have them; the other
     * fault records hold Reason (and GPCF) in the same bits [80:64]
     */
    EV_STALL = 1 << 3,
    EV_STAGE = 1 << 4,          /* S2, CLASS */
    EV_INPUT = 1 << 5,          /* InputAddr */
    EV_IPA = 1 << 6,            /* IPA in doubleword 3 */
    EV_FETCH = 1 << 7,          /* FetchAddr in doubleword 3 */
    EV_RNW_ONLY = 1 << 8,       /* RnW alone */
    EV_TTRNW = 1 << 9,          /* TTRnW (F_PERMISSION only) */
};

/* The translation-related faults (7.3.13-16): the ones that can stall */
#define EV_XLATE_FAULT \
    (EV_SSV | EV_ACCESS | EV_STALL | EV_STAGE | EV_INPUT | EV_IPA)

static unsigned event_layout(SmmuPmEventType type)
{
    switch (type) {
    case SMMU_EVT_F_UUT:
        return EV_SSV | EV_ACCESS | EV_INPUT;
    case SMMU_EVT_C_BAD_STREAMID:
    case SMMU_EVT_C_BAD_STE:
    case SMMU_EVT_C_BAD_CD:
        return EV_SSV;
    case SMMU_EVT_F_STE_FETCH:
        return EV_SSV | EV_FETCH;
    case SMMU_EVT_F_CD_FETCH:
        return EV_SSV | EV_FETCH;
    case SMMU_EVT_F_STREAM_DISABLED:
        return 0;
    case SMMU_EVT_F_TRANSL_FORBIDDEN:
        return EV_RNW_ONLY | EV_INPUT;
    case SMMU_EVT_C_BAD_SUBSTREAMID:
        return EV_SSID_ALWAYS;
    case SMMU_EVT_F_WALK_EABT:
        /* 7.3.12: Reason where the stalling faults have STAG and Stall */
        return EV_SSV | EV_ACCESS | EV_STAGE | EV_INPUT | EV_FETCH;
    case SMMU_EVT_F_TRANSLATION:
    case SMMU_EVT_F_ADDR_SIZE:
    case SMMU_EVT_F_ACCESS:
        return EV_XLATE_FAULT;
    case SMMU_EVT_F_PERMISSION:
        return EV_XLATE_FAULT | EV_TTRNW;
    default:
        return EV_SSV;
    }
}

/* Doubleword 0: the type and the stream */
static uint64_t encode_dw0(const SmmuPmEvent *ev, unsigned layout)
{
    uint64_t dw = 0;

    dw = FIELD_DP64(dw, EVT_0, TYPE, ev->type);
    dw = FIELD_DP64(dw, EVT_0, STREAMID, ev->sid);
    if ((layout & EV_SSV) && ev->ssv) {
        dw = FIELD_DP64(dw, EVT_0, SSV, 1);
        dw = FIELD_DP64(dw, EVT_0, SUBSTREAMID, ev->ssid);
    }
    if (layout & EV_SSID_ALWAYS) {
        dw = FIELD_DP64(dw, EVT_0, SUBSTREAMID, ev->ssid);
    }
    return dw;
}

/* Doubleword 1: the transaction */
static uint64_t encode_dw1(const SmmuPmEvent *ev, unsigned layout)
{
    uint64_t dw = 0;

    if (layout & (EV_ACCESS | EV_RNW_ONLY)) {
        dw = FIELD_DP64(dw, EVT_1, RNW, ev->rnw);
    }
    if (layout & EV_ACCESS) {
        dw = FIELD_DP64(dw, EVT_1, PNU, ev->pnu);
        dw = FIELD_DP64(dw, EVT_1, IND, ev->ind);
    }
    if (layout & EV_STALL) {
        dw = FIELD_DP64(dw, EVT_1, STAG, ev->stag);
        dw = FIELD_DP64(dw, EVT_1, STALL, ev->stall);
    }
    if (layout & EV_STAGE) {
        dw = FIELD_DP64(dw, EVT_1, S2, ev->s2);
        dw = FIELD_DP64(dw, EVT_1, CLASS, ev->class_);
    }
    /* TTRnW is defined for CLASS TT only (UNKNOWN otherwise: 0 here) */
    if ((layout & EV_TTRNW) && ev->class_ == SMMU_EVT_CLASS_TT) {
        dw = FIELD_DP64(dw, EVT_1, TTRNW, ev->ttrnw);
    }
    return dw;
}

void smmu_pm_event_encode(const SmmuPmEvent *ev,
                          uint64_t rec[SMMU_EVT_RECORD_DWORDS])
{
    unsigned layout = event_layout(ev->type);

    memset(rec, 0, SMMU_EVT_RECORD_DWORDS * sizeof(rec[0]));
    rec[0] = encode_dw0(ev, layout);
    rec[1] = encode_dw1(ev, layout);
    if (layout & EV_INPUT) {
        rec[2] = FIELD_DP64(0, EVT_2, INPUTADDR, ev->input_addr);
    }
    if ((layout & EV_IPA) && ev->s2) {
        rec[3] = ev->ipa & R_EVT_3_IPA_MASK;
    }
    if (layout & EV_FETCH) {
        rec[3] = ev->fetch_addr & R_EVT_3_FETCHADDR_MASK;
    }
}

static void log_event(SmmuPmCore *c, const SmmuPmEvent *ev, const char *fate)
{
    smmu_pm_log(c, SMMU_PM_LOG_INFO,
                "event %s sid=0x%x%s ssid=0x%x addr=0x%" PRIx64 " %s",
                smmu_pm_event_name(ev->type), ev->sid, ev->ssv ? " ssv" : "",
                ev->ssid, ev->input_addr, fate);
}

bool smmu_pm_eventq_writable(const SmmuPmCore *c)
{
    SmmuPmQueue q = smmu_pm_queue_eventq(c);

    return (c->regs.cr0ack & R_CR0_EVENTQEN_MASK) &&
           !smmu_pm_queue_full(&q) &&
           !(smmu_pm_active_gerrors(c) & R_GERROR_EVENTQ_ABT_ERR_MASK);
}

bool smmu_pm_event_record(SmmuPmCore *c, const SmmuPmEvent *ev)
{
    SmmuPmQueue q = smmu_pm_queue_eventq(c);
    uint64_t rec[SMMU_EVT_RECORD_DWORDS];
    uint32_t old_prod;

    c->stats.events++;
    c->stats.events_by_type[ev->type & 0x3f]++;
    if (ev->stall && !smmu_pm_eventq_writable(c)) {
        /* Not discarded, no overflow: the stall retries later (7.2.1) */
        c->stats.events_deferred++;
        log_event(c, ev, "deferred: stall, event queue not writable");
        return false;
    }
    if (!(c->regs.cr0ack & R_CR0_EVENTQEN_MASK)) {
        c->stats.events_dropped_disabled++;
        log_event(c, ev, "dropped: EVENTQEN is 0");
        return false;
    }
    if (smmu_pm_queue_full(&q)) {
        c->stats.events_dropped_overflow++;
        /* One toggle per overflow condition: OVFLG != OVACKFLG means "lost" */
        if (!smmu_pm_queue_overflowed(&c->regs.eventq)) {
            c->regs.eventq.prod ^= R_Q_IDX_OVFLG_MASK;
        }
        log_event(c, ev, "dropped: event queue full (overflow)");
        return false;
    }
    smmu_pm_event_encode(ev, rec);
    if (!smmu_pm_mem_write64s(c, smmu_pm_queue_slot(&q, q.prod), rec,
                              SMMU_EVT_RECORD_DWORDS)) {
        c->stats.events_dropped_abort++;
        log_event(c, ev, "lost: event queue write aborted");
        smmu_pm_raise_gerror(c, R_GERROR_EVENTQ_ABT_ERR_MASK);
        return false;
    }
    old_prod = c->regs.eventq.prod;
    c->regs.eventq.prod = (c->regs.eventq.prod & R_Q_IDX_OVFLG_MASK) |
                          smmu_pm_queue_inc(&q, q.prod);
    log_event(c, ev, "recorded");
    smmu_pm_timing_outq_written(c, SMMU_PM_OUTQ_EVENTQ, old_prod);
    return true;
}
