/*
 * arm-smmuv3-pm core: event records and the event queue
 *
 * An SmmuPmEvent holds every field an event record can carry; encoding
 * into the 32-byte record (Arm IHI 0070, 7.3) places only the fields the
 * event type defines.  smmu_pm_event_record() writes the record to the
 * event queue, handling EVENTQEN, overflow and aborts as the spec says.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMUV3_PM_CORE_EVENT_H
#define SMMUV3_PM_CORE_EVENT_H

#include <stdbool.h>
#include <stdint.h>

#include "hw/arm/smmuv3-pm/core/base/arch.h"

typedef struct SmmuPmCore SmmuPmCore;

typedef enum SmmuPmEventType {
    SMMU_EVT_NONE = 0x00,
    SMMU_EVT_F_UUT = 0x01,
    SMMU_EVT_C_BAD_STREAMID = 0x02,
    SMMU_EVT_F_STE_FETCH = 0x03,
    SMMU_EVT_C_BAD_STE = 0x04,
    SMMU_EVT_F_BAD_ATS_TREQ = 0x05,
    SMMU_EVT_F_STREAM_DISABLED = 0x06,
    SMMU_EVT_F_TRANSL_FORBIDDEN = 0x07,
    SMMU_EVT_C_BAD_SUBSTREAMID = 0x08,
    SMMU_EVT_F_CD_FETCH = 0x09,
    SMMU_EVT_C_BAD_CD = 0x0a,
    SMMU_EVT_F_WALK_EABT = 0x0b,
    SMMU_EVT_F_TRANSLATION = 0x10,
    SMMU_EVT_F_ADDR_SIZE = 0x11,
    SMMU_EVT_F_ACCESS = 0x12,
    SMMU_EVT_F_PERMISSION = 0x13,
    SMMU_EVT_F_TLB_CONFLICT = 0x20,
    SMMU_EVT_F_CFG_CONFLICT = 0x21,
    SMMU_EVT_E_PAGE_REQUEST = 0x24,
} SmmuPmEventType;

/* Event record CLASS: which access of the translation faulted */
typedef enum SmmuPmEventClass {
    SMMU_EVT_CLASS_CD = 0,      /* a CD fetch (stage 2 of a nested CD) */
    SMMU_EVT_CLASS_TT = 1,      /* a stage-1 table walk access */
    SMMU_EVT_CLASS_IN = 2,      /* the input address itself */
} SmmuPmEventClass;

typedef struct SmmuPmEvent {
    SmmuPmEventType type;
    uint32_t sid;
    bool ssv;
    uint32_t ssid;
    /*
     * A held transaction: only F_TRANSLATION, F_ADDR_SIZE, F_ACCESS and
     * F_PERMISSION records have these (the encoder ignores them for others)
     */
    uint16_t stag;
    bool stall;
    /* The transaction: F_UUT and the translation faults */
    bool pnu;                   /* 1: privileged */
    bool ind;                   /* 1: instruction */
    bool rnw;                   /* 1: read */
    bool s2;                    /* the fault is a stage-2 fault */
    SmmuPmEventClass class_;
    bool ttrnw;                 /* CLASS TT: read (1) or HTTU write (0) */
    uint64_t input_addr;
    uint64_t ipa;               /* stage-2 faults: the faulting IPA */
    uint64_t fetch_addr;        /* *_FETCH, F_WALK_EABT: the PA fetched */
} SmmuPmEvent;

const char *smmu_pm_event_name(SmmuPmEventType type);

/* The 32-byte record of @ev, as four little-endian doublewords */
void smmu_pm_event_encode(const SmmuPmEvent *ev,
                          uint64_t rec[SMMU_EVT_RECORD_DWORDS]);

/*
 * Record @ev in the event queue: written and the event interrupt
 * signalled when the queue is enabled and has room; otherwise dropped and
 * counted (with PROD.OVFLG toggled on overflow); an aborted write raises
 * GERROR.EVENTQ_ABT_ERR.  Returns true if the record was written.
 */
bool smmu_pm_event_record(SmmuPmCore *core, const SmmuPmEvent *ev);

/*
 * The event queue takes records: enabled, not full, no unacknowledged
 * EVENTQ_ABT_ERR (7.2.1).  A stall event (ev->stall) is only written to
 * a writable queue; otherwise smmu_pm_event_record() leaves it to the
 * caller to retry, without an overflow.
 */
bool smmu_pm_eventq_writable(const SmmuPmCore *core);

#endif /* SMMUV3_PM_CORE_EVENT_H */
