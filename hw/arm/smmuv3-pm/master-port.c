/*
 * arm-smmuv3-pm: masters that talk to the SMMU: stalls and Page Requests
 *
 * A master attaches to its port (include/hw/arm/smmuv3-pm-master.h); its
 * transactions may then stall.  The core answers a stall from inside a
 * command or a register write, with the device lock held, and keeps the
 * answer in the stall's slot; a bottom half takes the answers and tells
 * the masters, without the lock: a master may well issue DMA again in
 * response, which translates under that lock.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/main-loop.h"
#include "hw/arm/smmuv3-pm-master.h"
#include "migration/vmstate.h"
#include "system/runstate.h"
#include "smmuv3-pm-internal.h"
#include "trace.h"

static SmmuV3PmStallNotice notice_of(SmmuPmStallOutcome outcome)
{
    switch (outcome) {
    case SMMU_PM_STALL_RETRY:
        return SMMUV3_PM_STALL_RETRY;
    case SMMU_PM_STALL_RAZWI:
        return SMMUV3_PM_STALL_RAZWI;
    default:
        return SMMUV3_PM_STALL_ABORT;
    }
}

/* SmmuPmHostOps.stall_done: called with the lock held */
void smmuv3_pm_host_stall_done(void *opaque, uint32_t sid, unsigned stag,
                               SmmuPmStallOutcome outcome)
{
    ArmSmmuV3PmState *s = opaque;

    trace_smmuv3_pm_stall_done(sid, stag,
                               smmu_pm_stall_outcome_name(outcome));
    qemu_bh_schedule(s->stall_bh);
}

/* Tell each master how its held access ended, one answer at a time */
static void deliver_stall_answers(void *opaque)
{
    ArmSmmuV3PmState *s = opaque;
    SmmuPmStallOutcome outcome;
    unsigned stag;
    uint32_t sid;

    /* Paused: the answers wait in their slots (smmuv3-pm.c schedules us) */
    if (!runstate_is_running()) {
        return;
    }
    for (;;) {
        SmmuPmPort *port;
        bool taken;

        qemu_mutex_lock(&s->lock);
        taken = smmu_pm_stall_take_done(&s->core, &sid, &stag, &outcome);
        qemu_mutex_unlock(&s->lock);
        if (!taken) {
            return;
        }
        port = smmuv3_pm_port_find(s, sid);
        /* A master that went away (unplugged) has nothing to resume */
        if (port && port->master_ops && port->master_ops->stall) {
            port->master_ops->stall(port->master_opaque, notice_of(outcome),
                                    stag, 0);
        }
    }
}

/* iommu.c, after translating without the lock: tell the master */
void smmuv3_pm_port_stall_held(SmmuPmPort *port, uint16_t stag, hwaddr iova)
{
    trace_smmuv3_pm_stall_held(smmuv3_pm_port_stream_id(port), stag, iova);
    if (port->master_ops && port->master_ops->stall) {
        port->master_ops->stall(port->master_opaque, SMMUV3_PM_STALL_HELD,
                                stag, iova);
    }
}

/* The port (a PCI function's IOMMU memory region) behind interface @obj */
static SmmuPmPort *port_of(Object *obj)
{
    return container_of(IOMMU_MEMORY_REGION(obj), SmmuPmPort, iommu);
}

/* ---- Page Requests -------------------------------------------------------- */

static bool port_page_request(Object *obj, const SmmuV3PmPageRequest *req)
{
    SmmuPmPort *port = port_of(obj);
    ArmSmmuV3PmState *s = port->smmu;
    SmmuPmPageRequest ppr = {
        .sid = smmuv3_pm_port_stream_id(port),
        .ssv = req->pasid_valid,
        .ssid = req->pasid,
        .addr = req->addr,
        .prgi = req->prgi,
        .last = req->last,
        .read = req->read,
        .write = req->write,
        .exec = req->exec,
        .priv = req->priv,
    };
    bool queued;

    trace_smmuv3_pm_page_request(ppr.sid, ppr.prgi, ppr.addr, ppr.last);
    qemu_mutex_lock(&s->lock);
    queued = smmu_pm_pri_request(&s->core, &ppr);
    qemu_mutex_unlock(&s->lock);
    return queued;
}

/* SmmuPmHostOps.pri_response: called with the lock held */
void smmuv3_pm_host_pri_response(void *opaque, uint32_t sid, bool pasid,
                                 uint32_t ssid, uint16_t prgi,
                                 SmmuPmPriCode code)
{
    ArmSmmuV3PmState *s = opaque;
    SmmuPmPort *port = smmuv3_pm_port_find(s, sid);

    trace_smmuv3_pm_pri_response(sid, prgi, code);
    /* No endpoint there: the response goes nowhere, as on a real bus */
    if (port && port->master_ops && port->master_ops->pri_response) {
        port->master_ops->pri_response(port->master_opaque, prgi, code,
                                       pasid, ssid);
    }
}

/* ---- Attaching ------------------------------------------------------------- */

static bool port_attach(Object *obj, const SmmuV3PmMasterOps *ops,
                        void *opaque, Error **errp)
{
    SmmuPmPort *port = port_of(obj);

    if (ops && port->master_ops && port->master_opaque != opaque) {
        error_setg(errp, "%s: StreamID 0x%x already has a master attached",
                   TYPE_ARM_SMMUV3_PM, smmuv3_pm_port_stream_id(port));
        return false;
    }
    port->master_ops = ops;
    port->master_opaque = ops ? opaque : NULL;
    return true;
}

/* ---- Translation latency ------------------------------------------------ */

static uint64_t port_take_latency_ns(Object *obj)
{
    SmmuPmPort *port = port_of(obj);
    ArmSmmuV3PmState *s = port->smmu;
    uint64_t ns;

    qemu_mutex_lock(&s->lock);
    ns = smmu_pm_cycles_to_ns(&s->core.timing.cfg, port->cycles);
    port->cycles = 0;
    qemu_mutex_unlock(&s->lock);
    return ns;
}

void smmuv3_pm_master_port_class_init(IOMMUMemoryRegionClass *imrc)
{
    SmmuV3PmMasterPortClass *mpc = SMMUV3_PM_MASTER_PORT_CLASS(imrc);

    mpc->attach = port_attach;
    mpc->page_request = port_page_request;
    mpc->take_latency_ns = port_take_latency_ns;
}

void smmuv3_pm_master_port_init(ArmSmmuV3PmState *s)
{
    /*
     * Not guarded by our reentrancy guard: the masters it calls issue DMA
     * through us on purpose (a retry), which the guard would block
     */
    s->stall_bh = qemu_bh_new(deliver_stall_answers, s);
}

/* ---- Migration: the held transactions ---------------------------------- */

static const VMStateDescription vmstate_smmuv3_pm_stall_slot = {
    .name = TYPE_ARM_SMMUV3_PM "/stall-slot",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_BOOL(held, SmmuPmStall),
        VMSTATE_BOOL(recorded, SmmuPmStall),
        VMSTATE_BOOL(done, SmmuPmStall),
        VMSTATE_UINT8(outcome, SmmuPmStall),
        VMSTATE_UINT32(sid, SmmuPmStall),
        VMSTATE_BOOL(ssv, SmmuPmStall),
        VMSTATE_UINT32(ssid, SmmuPmStall),
        VMSTATE_UINT64(addr, SmmuPmStall),
        VMSTATE_BOOL(write, SmmuPmStall),
        VMSTATE_END_OF_LIST()
    },
};

static bool stalls_needed(void *opaque)
{
    ArmSmmuV3PmState *s = opaque;

    for (unsigned i = 0; i < SMMU_PM_STALL_SLOTS; i++) {
        if (s->core.stalls.slot[i].held || s->core.stalls.slot[i].done) {
            return true;
        }
    }
    return false;
}

/* Answers the source had not delivered yet are delivered here */
static int stalls_post_load(void *opaque, int version_id)
{
    ArmSmmuV3PmState *s = opaque;

    qemu_bh_schedule(s->stall_bh);
    return 0;
}

const VMStateDescription vmstate_smmuv3_pm_stalls = {
    .name = TYPE_ARM_SMMUV3_PM "/stalls",
    .version_id = 1,
    .minimum_version_id = 1,
    .needed = stalls_needed,
    .post_load = stalls_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_STRUCT_ARRAY(core.stalls.slot, ArmSmmuV3PmState,
                             SMMU_PM_STALL_SLOTS, 1,
                             vmstate_smmuv3_pm_stall_slot, SmmuPmStall),
        VMSTATE_UINT32(core.stalls.held, ArmSmmuV3PmState),
        VMSTATE_END_OF_LIST()
    },
};
