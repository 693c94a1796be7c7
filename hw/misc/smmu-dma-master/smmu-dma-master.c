/*
 * smmu-dma-master: a PCIe endpoint that issues one DMA transfer on demand
 *
 * The device exists to drive IOMMU models from qtests and guests: every
 * attribute an IOMMU may look at (address, direction, PASID, privileged,
 * instruction fetch) is set directly by software, the transfer runs
 * synchronously when the doorbell is written, and its MemTxResult is
 * reported back unchanged.  DMA goes to pci_get_address_space(), whatever
 * sits behind it.  A burst runs many transfers over a range of IOVAs from
 * one doorbell, each issued on its own, so that an IOMMU translates every
 * one of them while the guest (or qtest) pays for a single MMIO write.  Only a master that can stall ("dma-can-stall", the DT
 * property of platform devices the SMMU may stall) talks to the IOMMU
 * itself: behind an arm-smmuv3-pm it is told when an access is held, and
 * waits for the answer (retry it, or how it was terminated).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/log.h"
#include "qemu/module.h"
#include "qemu/bswap.h"
#include "qemu/timer.h"
#include "qemu/rcu.h"
#include "exec/memory.h"
#include "hw/pci/pci_device.h"
#include "hw/pci/pcie.h"
#include "hw/misc/smmu-dma-master.h"
#include "hw/arm/smmuv3-pm-master.h"
#include "hw/qdev-properties.h"
#include "migration/vmstate.h"
#include "trace.h"

OBJECT_DECLARE_SIMPLE_TYPE(SmmuDmaMasterState, SMMU_DMA_MASTER)

/* The PASID capability is the first (and only) extended capability */
#define SDM_PASID_CAP_OFFSET    PCI_CONFIG_SPACE_SIZE
#define SDM_PASID_CAP_VERSION   1

/* An access of the current transfer that the IOMMU holds */
typedef struct SdmHeld {
    uint16_t stag;
    uint64_t iova;              /* where the held access starts */
    bool answered;
    uint32_t notice;            /* SmmuV3PmStallNotice, once answered */
} SdmHeld;

struct SmmuDmaMasterState {
    PCIDevice parent_obj;

    MemoryRegion bar;

    /* The transfer descriptor, as software wrote it */
    uint64_t iova;
    uint32_t len;
    uint32_t pasid;
    uint32_t attr;

    /* The burst descriptor, and where the last burst stopped */
    uint32_t burst_count;
    uint32_t burst_stride;
    uint64_t burst_window;
    uint32_t burst_done;
    uint64_t burst_fault_addr;

    /* Outcome of the last doorbell */
    uint32_t status;
    /* While BUSY: the outcome, shown when latency_timer fires */
    uint32_t status_after;
    QEMUTimer *latency_timer;
    uint32_t result;
    uint32_t completed;
    uint32_t faulted;
    uint32_t stalls;

    uint8_t buf[SMMU_DMA_MASTER_BUF_SIZE];

    /* Page Requests sent and PRG Responses received; the last response */
    uint32_t pri_requests;
    uint32_t pri_responses;
    uint32_t pri_resp;

    /* Stalls: the property, the port, the accesses of this transfer held */
    bool can_stall;
    Object *port;               /* the arm-smmuv3-pm port, once found */
    uint32_t nheld;
    SdmHeld held[SDM_MAX_HELD];
};

/* ---- PASID extended capability ------------------------------------------ */

/*
 * Hand-written rather than via a helper: QEMU 10.0 has none for PASID.
 * Max PASID Width 20, Execute and Privileged Mode supported; only the
 * three control bits are writable.
 */
static void sdm_add_pasid_cap(PCIDevice *pdev)
{
    uint16_t cap = PCI_PASID_CAP_EXEC | PCI_PASID_CAP_PRIV |
                   (SMMU_DMA_MASTER_PASID_BITS << 8);
    uint16_t ctrl_mask = PCI_PASID_CTRL_ENABLE | PCI_PASID_CTRL_EXEC |
                         PCI_PASID_CTRL_PRIV;

    pcie_add_capability(pdev, PCI_EXT_CAP_ID_PASID, SDM_PASID_CAP_VERSION,
                        SDM_PASID_CAP_OFFSET, PCI_EXT_CAP_PASID_SIZEOF);
    pci_set_word(pdev->config + SDM_PASID_CAP_OFFSET + PCI_PASID_CAP, cap);
    pci_set_word(pdev->wmask + SDM_PASID_CAP_OFFSET + PCI_PASID_CTRL,
                 ctrl_mask);
}

static uint16_t sdm_pasid_ctrl(SmmuDmaMasterState *s)
{
    PCIDevice *pdev = PCI_DEVICE(s);

    return pci_get_word(pdev->config + SDM_PASID_CAP_OFFSET + PCI_PASID_CTRL);
}

/* ---- The transfer -------------------------------------------------------- */

static bool sdm_attr(SmmuDmaMasterState *s, uint32_t mask)
{
    return s->attr & mask;
}

/*
 * Why a CACHED transfer must not run, or NULL.  QEMU's cached accessors
 * take no attributes, and a held (stalled) access could not be resumed
 * inside one.
 */
static const char *sdm_cached_refusal(SmmuDmaMasterState *s)
{
    if (FIELD_EX32(s->pasid, SDM_PASID, VALID) ||
        sdm_attr(s, R_SDM_ATTR_PRIV_MASK | R_SDM_ATTR_INSTR_MASK)) {
        return "CACHED transfers carry no PASID, PRIV or INSTR attribute";
    }
    if (s->can_stall) {
        return "CACHED transfers need a master that cannot stall "
               "(dma-can-stall=off)";
    }
    return NULL;
}

/*
 * Why the programmed transfer must not be issued, or NULL if it may be.
 * A PCIe function may put Execute/Privileged in a PASID prefix only when
 * the matching PASID control bit allows it, so those are checked too.
 */
static const char *sdm_refusal(SmmuDmaMasterState *s)
{
    PCIDevice *pdev = PCI_DEVICE(s);
    uint16_t ctrl = sdm_pasid_ctrl(s);
    bool write = sdm_attr(s, R_SDM_ATTR_WRITE_MASK);

    if (s->len == 0 || s->len > SMMU_DMA_MASTER_BUF_SIZE) {
        return "LEN is outside 1..2048";
    }
    if (s->iova + s->len - 1 < s->iova) {
        return "IOVA + LEN wraps past the top of the 64-bit address space";
    }
    if (!(pci_get_word(pdev->config + PCI_COMMAND) & PCI_COMMAND_MASTER)) {
        return "bus mastering is disabled (PCI_COMMAND.MASTER=0)";
    }
    if (sdm_attr(s, R_SDM_ATTR_CACHED_MASK)) {
        return sdm_cached_refusal(s);
    }
    if (!FIELD_EX32(s->pasid, SDM_PASID, VALID)) {
        return NULL;
    }
    if (!(ctrl & PCI_PASID_CTRL_ENABLE)) {
        return "PASID_VALID is set but the PASID capability is not enabled";
    }
    if (sdm_attr(s, R_SDM_ATTR_PRIV_MASK) && !(ctrl & PCI_PASID_CTRL_PRIV)) {
        return "privileged PASID request but PASID Privileged Mode "
               "is not enabled";
    }
    if (!write && sdm_attr(s, R_SDM_ATTR_INSTR_MASK) &&
        !(ctrl & PCI_PASID_CTRL_EXEC)) {
        return "instruction-fetch PASID request but PASID Execute "
               "Permission is not enabled";
    }
    return NULL;
}

/* The requester's attributes, as an IOMMU in front of us would see them */
static MemTxAttrs sdm_txattrs(SmmuDmaMasterState *s)
{
    bool write = sdm_attr(s, R_SDM_ATTR_WRITE_MASK);
    MemTxAttrs attrs = {
        .user = !sdm_attr(s, R_SDM_ATTR_PRIV_MASK),
        .requester_id = pci_requester_id(PCI_DEVICE(s)),
        /* an instruction fetch is a read: ignored for writes */
        .instr = !write && sdm_attr(s, R_SDM_ATTR_INSTR_MASK),
    };

    if (FIELD_EX32(s->pasid, SDM_PASID, VALID)) {
        attrs.pasid_valid = 1;
        attrs.pasid = FIELD_EX32(s->pasid, SDM_PASID, PASID);
    }
    return attrs;
}

static void sdm_refuse(SmmuDmaMasterState *s, const char *why)
{
    qemu_log_mask(LOG_GUEST_ERROR, "%s: transfer refused: %s "
                  "(IOVA 0x%" PRIx64 ", LEN %u, PASID 0x%x, ATTR 0x%x)\n",
                  TYPE_SMMU_DMA_MASTER, why, s->iova, s->len, s->pasid,
                  s->attr);
    trace_smmu_dma_master_refused(why);
    s->status = SDM_STATUS_REFUSED;
    /* nothing reached the bus */
    s->result = MEMTX_OK;
}

/*
 * The transfer through a MemoryRegionCache over [@iova, @iova + @len),
 * as virtio accesses its rings (address_space_cache_init() and the
 * *_cached accessors): behind an IOMMU every access translates again
 */
static MemTxResult sdm_dma_cached(SmmuDmaMasterState *s, uint64_t iova,
                                  uint32_t len, bool write)
{
    MemoryRegionCache cache;
    uint8_t *buf = s->buf + (iova - s->iova);
    MemTxResult res;

    RCU_READ_LOCK_GUARD();
    if (address_space_cache_init(&cache, pci_get_address_space(PCI_DEVICE(s)),
                                 iova, len, write) < len) {
        res = MEMTX_DECODE_ERROR;
    } else if (write) {
        res = address_space_write_cached(&cache, 0, buf, len);
    } else {
        res = address_space_read_cached(&cache, 0, buf, len);
    }
    address_space_cache_destroy(&cache);
    trace_smmu_dma_master_transfer(write ? "cached write" : "cached read",
                                   iova, len, 0, 0, 0, 0, res);
    return res;
}

/* Issue [@iova, @iova + @len) of the transfer; the buffer at @iova too */
static MemTxResult sdm_dma(SmmuDmaMasterState *s, uint64_t iova,
                           uint32_t len)
{
    bool write = sdm_attr(s, R_SDM_ATTR_WRITE_MASK);
    MemTxAttrs attrs = sdm_txattrs(s);
    MemTxResult res;

    if (sdm_attr(s, R_SDM_ATTR_CACHED_MASK)) {
        return sdm_dma_cached(s, iova, len, write);
    }
    /*
     * A faulted read leaves in the buffer whatever the bus returned (QEMU
     * completes unassigned or aborted reads with zeros or all-ones), as
     * real hardware would; STATUS and RESULT say it is not data.
     */
    res = pci_dma_rw(PCI_DEVICE(s), iova, s->buf + (iova - s->iova), len,
                     write ? DMA_DIRECTION_FROM_DEVICE
                           : DMA_DIRECTION_TO_DEVICE, attrs);
    trace_smmu_dma_master_transfer(write ? "write" : "read", iova, len,
                                   attrs.pasid_valid, attrs.pasid,
                                   !attrs.user, attrs.instr, res);
    return res;
}

/* The transfer is over (nothing held): report @res */
static void sdm_finish(SmmuDmaMasterState *s, MemTxResult res)
{
    s->result = res;
    if (res == MEMTX_OK) {
        s->status = SDM_STATUS_DONE;
        s->completed++;
    } else {
        s->status = SDM_STATUS_FAULTED;
        s->faulted++;
    }
}

static void sdm_port_attach(SmmuDmaMasterState *s);

/* ---- Translation latency ---------------------------------------------------- */

/*
 * The modelled time arm-smmuv3-pm (with timing on) spent translating our
 * accesses since the last call: 0 behind any other IOMMU, or none
 */
static uint64_t sdm_take_latency_ns(SmmuDmaMasterState *s)
{
    Object *port = smmuv3_pm_master_port(PCI_DEVICE(s));

    return port ? SMMUV3_PM_MASTER_PORT_GET_CLASS(port)->take_latency_ns(port)
                : 0;
}

/*
 * The doorbell's DMA is over: a master that waits for its DMA sees it end
 * after the SMMU's translation time, which QEMU's DMA API cannot delay;
 * until then STATUS reads BUSY
 */
static void sdm_apply_latency(SmmuDmaMasterState *s)
{
    uint64_t ns = sdm_take_latency_ns(s);

    if (!ns) {
        return;
    }
    trace_smmu_dma_master_busy(s->status, ns);
    s->status_after = s->status;
    s->status = SDM_STATUS_BUSY;
    timer_mod(s->latency_timer, qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) + ns);
}

static void sdm_latency_done(void *opaque)
{
    SmmuDmaMasterState *s = opaque;

    if (s->status == SDM_STATUS_BUSY) {
        s->status = s->status_after;
    }
}

/* A doorbell the previous one's state refuses, or NULL */
static const char *sdm_busy_refusal(SmmuDmaMasterState *s)
{
    if (s->status == SDM_STATUS_STALLED) {
        return "the previous transfer is stalled (waiting for the IOMMU)";
    }
    if (s->status == SDM_STATUS_BUSY) {
        return "the previous transfer is still in the IOMMU (STATUS BUSY)";
    }
    return NULL;
}

static void sdm_transfer(SmmuDmaMasterState *s)
{
    const char *why = sdm_refusal(s);
    MemTxResult res;

    if (why || (why = sdm_busy_refusal(s))) {
        sdm_refuse(s, why);
        return;
    }
    if (s->can_stall) {
        sdm_port_attach(s);
    }
    sdm_take_latency_ns(s);     /* only this doorbell's translations count */
    s->nheld = 0;
    res = sdm_dma(s, s->iova, s->len);
    if (s->nheld) {
        s->status = SDM_STATUS_STALLED;
        s->result = res;
        return;
    }
    sdm_finish(s, res);
    sdm_apply_latency(s);
}

/* ---- Bursts --------------------------------------------------------------- */

/*
 * Why the programmed burst must not run, or NULL: what would refuse its
 * single transfer, then the burst's own parameters
 */
static const char *sdm_burst_refusal(SmmuDmaMasterState *s)
{
    const char *why = sdm_refusal(s);
    uint64_t span;

    if (why) {
        return why;
    }
    if (s->can_stall) {
        /* a held access would be answered long after the burst moved on */
        return "bursts need a master that cannot stall (dma-can-stall=off)";
    }
    if (sdm_attr(s, R_SDM_ATTR_CACHED_MASK)) {
        return "ATTR.CACHED applies to single transfers, not to bursts";
    }
    if (s->burst_count == 0 || s->burst_count > SDM_BURST_MAX_COUNT) {
        return "BURST_COUNT is outside 1..65536";
    }
    if (s->burst_window &&
        (s->burst_stride == 0 || s->burst_stride >= s->burst_window)) {
        return "with a BURST_WINDOW, BURST_STRIDE must be 1..WINDOW-1";
    }
    /* the furthest start (no overflow: COUNT <= 2^16, STRIDE < 2^32) */
    span = (uint64_t)(s->burst_count - 1) * s->burst_stride;
    if (s->burst_window) {
        span = MIN(span, s->burst_window - 1);
    }
    if (s->iova + span < s->iova || s->iova + span + s->len - 1 < s->iova) {
        return "the burst wraps past the top of the 64-bit address space";
    }
    return NULL;
}

/* Where transfer @i of the burst starts */
static uint64_t sdm_burst_iova(SmmuDmaMasterState *s, uint32_t i)
{
    uint64_t off = (uint64_t)i * s->burst_stride;

    return s->iova + (s->burst_window ? off % s->burst_window : off);
}

/*
 * One transfer of the burst at @iova, between memory and the start of the
 * buffer.  It is issued a 4 KiB page at a time (the smallest granule an
 * IOMMU translates) so that a failure is located: *@fault_addr is the
 * first byte of the first piece that failed.
 */
static MemTxResult sdm_burst_one(SmmuDmaMasterState *s, PCIDevice *pdev,
                                 uint64_t iova, MemTxAttrs attrs, bool write,
                                 uint64_t *fault_addr)
{
    uint32_t done = 0;

    while (done < s->len) {
        uint64_t at = iova + done;
        uint32_t n = MIN(s->len - done, 0x1000 - (at & 0xfff));
        MemTxResult res;

        res = pci_dma_rw(pdev, at, s->buf + done, n,
                         write ? DMA_DIRECTION_FROM_DEVICE
                               : DMA_DIRECTION_TO_DEVICE, attrs);
        trace_smmu_dma_master_transfer(write ? "write" : "read", at, n,
                                       attrs.pasid_valid, attrs.pasid,
                                       !attrs.user, attrs.instr, res);
        if (res != MEMTX_OK) {
            *fault_addr = at;
            return res;
        }
        done += n;
    }
    return MEMTX_OK;
}

static void sdm_burst_refuse(SmmuDmaMasterState *s, const char *why)
{
    qemu_log_mask(LOG_GUEST_ERROR, "%s: burst refused: %s (IOVA 0x%"
                  PRIx64 ", LEN %u, COUNT %u, STRIDE 0x%x, WINDOW 0x%"
                  PRIx64 ")\n", TYPE_SMMU_DMA_MASTER, why, s->iova, s->len,
                  s->burst_count, s->burst_stride, s->burst_window);
    trace_smmu_dma_master_refused(why);
    s->status = SDM_STATUS_REFUSED;
    s->result = MEMTX_OK;
}

/*
 * Every transfer in order, up to the first that fails: STATUS, RESULT and
 * the counters then read as after that many single transfers
 */
static void sdm_burst(SmmuDmaMasterState *s)
{
    const char *why = sdm_burst_refusal(s);
    /* cast once: QOM's checked cast would cost more than some transfers */
    PCIDevice *pdev = PCI_DEVICE(s);
    bool write = sdm_attr(s, R_SDM_ATTR_WRITE_MASK);
    MemTxAttrs attrs = sdm_txattrs(s);
    MemTxResult res = MEMTX_OK;

    s->burst_done = 0;
    s->burst_fault_addr = 0;
    if (why || (why = sdm_busy_refusal(s))) {
        sdm_burst_refuse(s, why);
        return;
    }
    sdm_take_latency_ns(s);     /* only this doorbell's translations count */
    while (s->burst_done < s->burst_count) {
        res = sdm_burst_one(s, pdev, sdm_burst_iova(s, s->burst_done),
                            attrs, write, &s->burst_fault_addr);
        if (res != MEMTX_OK) {
            break;
        }
        s->burst_done++;
    }
    trace_smmu_dma_master_burst(write ? "write" : "read", s->iova, s->len,
                                s->burst_count, s->burst_done, res);
    s->completed += s->burst_done;
    s->result = res;
    if (res == MEMTX_OK) {
        s->status = SDM_STATUS_DONE;
    } else {
        s->status = SDM_STATUS_FAULTED;
        s->faulted++;
    }
    sdm_apply_latency(s);
}

/* ---- Stalls --------------------------------------------------------------- */

/*
 * The held access runs from its IOVA to the end of its 4 KiB page (the
 * IOMMU translates a page at a time), within the transfer
 */
static uint32_t sdm_held_len(SmmuDmaMasterState *s, const SdmHeld *h)
{
    uint64_t end = MIN(s->iova + s->len, (h->iova | 0xfff) + 1);

    return end - h->iova;
}

/* Every held access is answered: retry, zero-fill or fail the transfer */
static void sdm_stall_resolve(SmmuDmaMasterState *s)
{
    SdmHeld retry[SDM_MAX_HELD];
    bool write = sdm_attr(s, R_SDM_ATTR_WRITE_MASK);
    unsigned nretry = 0;
    MemTxResult res = MEMTX_OK;

    for (unsigned i = 0; i < s->nheld; i++) {
        const SdmHeld *h = &s->held[i];

        if (h->notice == SMMUV3_PM_STALL_ABORT) {
            s->nheld = 0;
            sdm_finish(s, MEMTX_DECODE_ERROR);
            return;
        }
        if (h->notice == SMMUV3_PM_STALL_RETRY) {
            retry[nretry++] = *h;
        } else if (!write) {
            /* Terminated as RAZ/WI: the held read returns zeros */
            memset(s->buf + (h->iova - s->iova), 0, sdm_held_len(s, h));
        }
    }
    s->nheld = 0;
    for (unsigned i = 0; i < nretry; i++) {
        res |= sdm_dma(s, retry[i].iova, sdm_held_len(s, &retry[i]));
    }
    if (s->nheld) {
        s->result = res;        /* held again: still waiting */
        return;
    }
    sdm_finish(s, res);
}

static void sdm_stall_notice(void *opaque, SmmuV3PmStallNotice notice,
                             uint16_t stag, uint64_t iova)
{
    SmmuDmaMasterState *s = opaque;
    unsigned i;

    trace_smmu_dma_master_stall(notice, stag, iova);
    if (notice == SMMUV3_PM_STALL_HELD) {
        s->stalls++;
        if (s->nheld == SDM_MAX_HELD) {
            /* Cannot happen with 2 KiB transfers; never wait forever */
            qemu_log_mask(LOG_UNIMP, "%s: more than %d accesses held; STAG "
                          "0x%x is not waited for\n", TYPE_SMMU_DMA_MASTER,
                          SDM_MAX_HELD, stag);
            return;
        }
        s->held[s->nheld++] = (SdmHeld) { .stag = stag, .iova = iova };
        return;
    }
    for (i = 0; i < s->nheld; i++) {
        if (s->held[i].stag == stag && !s->held[i].answered) {
            break;
        }
    }
    if (i == s->nheld) {
        /* Held before a reset of ours: nothing waits for it any more */
        return;
    }
    s->held[i].answered = true;
    s->held[i].notice = notice;
    for (i = 0; i < s->nheld; i++) {
        if (!s->held[i].answered) {
            return;
        }
    }
    sdm_stall_resolve(s);
}

/* ---- Page Requests -------------------------------------------------------- */

static void sdm_pri_response(void *opaque, uint16_t prgi, unsigned code,
                             bool pasid_valid, uint32_t pasid)
{
    SmmuDmaMasterState *s = opaque;

    trace_smmu_dma_master_pri_response(prgi, code, pasid_valid, pasid);
    s->pri_responses++;
    s->pri_resp = FIELD_DP32(0, SDM_PRI_RESP, CODE, code);
    s->pri_resp = FIELD_DP32(s->pri_resp, SDM_PRI_RESP, PRGI, prgi);
    s->pri_resp = FIELD_DP32(s->pri_resp, SDM_PRI_RESP, PASID, pasid_valid);
    s->pri_resp = FIELD_DP32(s->pri_resp, SDM_PRI_RESP, VALID, 1);
}

static void sdm_page_request(SmmuDmaMasterState *s, uint32_t value)
{
    bool pasid = FIELD_EX32(s->pasid, SDM_PASID, VALID);
    SmmuV3PmPageRequest req = {
        .pasid_valid = pasid,
        .pasid = FIELD_EX32(s->pasid, SDM_PASID, PASID),
        .addr = s->iova & ~0xfffULL,
        .prgi = FIELD_EX32(value, SDM_PRI_REQ, PRGI),
        .last = FIELD_EX32(value, SDM_PRI_REQ, LAST),
        .read = FIELD_EX32(value, SDM_PRI_REQ, READ),
        .write = FIELD_EX32(value, SDM_PRI_REQ, WRITE),
        /* Exec and Priv travel in the PASID prefix only */
        .exec = pasid && sdm_attr(s, R_SDM_ATTR_INSTR_MASK),
        .priv = pasid && sdm_attr(s, R_SDM_ATTR_PRIV_MASK),
    };

    sdm_port_attach(s);
    if (!s->port) {
        qemu_log_mask(LOG_GUEST_ERROR, "%s: Page Request not sent: no "
                      "arm-smmuv3-pm translates this function's DMA\n",
                      TYPE_SMMU_DMA_MASTER);
        return;
    }
    s->pri_requests++;
    SMMUV3_PM_MASTER_PORT_GET_CLASS(s->port)->page_request(s->port, &req);
}

/* Only a master that can stall gets the stall notices (and is held) */
static const SmmuV3PmMasterOps sdm_master_ops = {
    .pri_response = sdm_pri_response,
};

static const SmmuV3PmMasterOps sdm_stalling_master_ops = {
    .stall = sdm_stall_notice,
    .pri_response = sdm_pri_response,
};

/*
 * Find the port of an arm-smmuv3-pm in front of us, the first time it
 * matters: the IOMMU may be set up after this device is realized.  With
 * no such SMMU the master never stalls and sends no Page Requests.
 */
static void sdm_port_attach(SmmuDmaMasterState *s)
{
    Error *err = NULL;
    Object *port;

    if (s->port) {
        return;
    }
    port = smmuv3_pm_master_port(PCI_DEVICE(s));
    if (!port) {
        return;
    }
    if (!SMMUV3_PM_MASTER_PORT_GET_CLASS(port)->attach(port,
            s->can_stall ? &sdm_stalling_master_ops : &sdm_master_ops, s,
            &err)) {
        warn_report_err(err);
        return;
    }
    s->port = port;
}

static void sdm_port_detach(SmmuDmaMasterState *s)
{
    if (s->port) {
        SMMUV3_PM_MASTER_PORT_GET_CLASS(s->port)->attach(
            s->port, NULL, s, NULL);
        s->port = NULL;
    }
}

/* ---- BAR0 ---------------------------------------------------------------- */

/* Registers take 32-bit accesses; the 64-bit ones also a 64-bit one */
static bool sdm_reg_access_ok(hwaddr addr, unsigned size)
{
    return size == 4 ||
           (size == 8 && (addr == A_SDM_IOVA || addr == A_SDM_BURST_WINDOW ||
                          addr == A_SDM_BURST_FAULT_ADDR));
}

static uint64_t sdm_reg_read(SmmuDmaMasterState *s, hwaddr addr,
                             unsigned size)
{
    switch (addr) {
    case A_SDM_ID:
        return SMMU_DMA_MASTER_ID_VALUE;
    case A_SDM_VERSION:
        return SMMU_DMA_MASTER_VERSION_VALUE;
    case A_SDM_IOVA:
        return size == 8 ? s->iova : extract64(s->iova, 0, 32);
    case A_SDM_IOVA_HI:
        return extract64(s->iova, 32, 32);
    case A_SDM_LEN:
        return s->len;
    case A_SDM_PASID:
        return s->pasid;
    case A_SDM_ATTR:
        return s->attr;
    case A_SDM_DOORBELL:
        return 0;
    case A_SDM_STATUS:
        return s->status;
    case A_SDM_RESULT:
        return s->result;
    case A_SDM_COMPLETED:
        return s->completed;
    case A_SDM_FAULTED:
        return s->faulted;
    case A_SDM_STALLS:
        return s->stalls;
    case A_SDM_PRI_REQ:
        return 0;
    case A_SDM_PRI_RESP:
        return s->pri_resp;
    case A_SDM_PRI_COUNT:
        return (s->pri_requests & 0xffff) | s->pri_responses << 16;
    case A_SDM_BURST_COUNT:
        return s->burst_count;
    case A_SDM_BURST_STRIDE:
        return s->burst_stride;
    case A_SDM_BURST_WINDOW:
        return size == 8 ? s->burst_window : extract64(s->burst_window, 0, 32);
    case A_SDM_BURST_WINDOW_HI:
        return extract64(s->burst_window, 32, 32);
    case A_SDM_BURST_DOORBELL:
        return 0;
    case A_SDM_BURST_DONE:
        return s->burst_done;
    case A_SDM_BURST_FAULT_ADDR:
        return size == 8 ? s->burst_fault_addr
                         : extract64(s->burst_fault_addr, 0, 32);
    case A_SDM_BURST_FAULT_ADDR_HI:
        return extract64(s->burst_fault_addr, 32, 32);
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "%s: read of unassigned register "
                      "offset 0x%" HWADDR_PRIx " (reads as zero)\n",
                      TYPE_SMMU_DMA_MASTER, addr);
        return 0;
    }
}

static void sdm_doorbell(SmmuDmaMasterState *s, uint32_t value)
{
    if (value != SDM_DOORBELL_GO) {
        qemu_log_mask(LOG_GUEST_ERROR, "%s: DOORBELL write of 0x%x ignored "
                      "(only 1 starts a transfer)\n",
                      TYPE_SMMU_DMA_MASTER, value);
        return;
    }
    sdm_transfer(s);
}

static void sdm_burst_doorbell(SmmuDmaMasterState *s, uint32_t value)
{
    if (value != SDM_DOORBELL_GO) {
        qemu_log_mask(LOG_GUEST_ERROR, "%s: BURST_DOORBELL write of 0x%x "
                      "ignored (only 1 starts a burst)\n",
                      TYPE_SMMU_DMA_MASTER, value);
        return;
    }
    sdm_burst(s);
}

/* Warn about reserved bits, then drop them */
static uint32_t sdm_res0(const char *reg, uint32_t value, uint32_t valid)
{
    if (value & ~valid) {
        qemu_log_mask(LOG_GUEST_ERROR, "%s: %s write of 0x%x sets reserved "
                      "bits 0x%x (ignored)\n", TYPE_SMMU_DMA_MASTER, reg,
                      value, value & ~valid);
    }
    return value & valid;
}

static void sdm_reg_write(SmmuDmaMasterState *s, hwaddr addr,
                          uint64_t value, unsigned size)
{
    switch (addr) {
    case A_SDM_IOVA:
        s->iova = size == 8 ? value : deposit64(s->iova, 0, 32, value);
        break;
    case A_SDM_IOVA_HI:
        s->iova = deposit64(s->iova, 32, 32, value);
        break;
    case A_SDM_LEN:
        /* kept as written: an out-of-range LEN is refused at the doorbell */
        s->len = value;
        break;
    case A_SDM_PASID:
        s->pasid = sdm_res0("PASID", value, SDM_PASID_MASK);
        break;
    case A_SDM_ATTR:
        s->attr = sdm_res0("ATTR", value, SDM_ATTR_MASK);
        break;
    case A_SDM_DOORBELL:
        sdm_doorbell(s, value);
        break;
    case A_SDM_PRI_REQ:
        sdm_page_request(s, sdm_res0("PRI_REQ", value, SDM_PRI_REQ_MASK));
        break;
    case A_SDM_BURST_COUNT:
        /* kept as written, like LEN: checked at the doorbell */
        s->burst_count = value;
        break;
    case A_SDM_BURST_STRIDE:
        s->burst_stride = value;
        break;
    case A_SDM_BURST_WINDOW:
        s->burst_window = size == 8 ? value
                                    : deposit64(s->burst_window, 0, 32, value);
        break;
    case A_SDM_BURST_WINDOW_HI:
        s->burst_window = deposit64(s->burst_window, 32, 32, value);
        break;
    case A_SDM_BURST_DOORBELL:
        sdm_burst_doorbell(s, value);
        break;
    case A_SDM_ID:
    case A_SDM_VERSION:
    case A_SDM_STATUS:
    case A_SDM_RESULT:
    case A_SDM_COMPLETED:
    case A_SDM_FAULTED:
    case A_SDM_STALLS:
    case A_SDM_PRI_RESP:
    case A_SDM_PRI_COUNT:
    case A_SDM_BURST_DONE:
    case A_SDM_BURST_FAULT_ADDR:
    case A_SDM_BURST_FAULT_ADDR_HI:
        qemu_log_mask(LOG_GUEST_ERROR, "%s: write of 0x%" PRIx64 " to "
                      "read-only register offset 0x%" HWADDR_PRIx
                      " ignored\n", TYPE_SMMU_DMA_MASTER, value, addr);
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "%s: write of 0x%" PRIx64 " to "
                      "unassigned register offset 0x%" HWADDR_PRIx
                      " ignored\n", TYPE_SMMU_DMA_MASTER, value, addr);
        break;
    }
}

static bool sdm_is_data(hwaddr addr)
{
    return addr >= A_SDM_DATA;
}

static void sdm_bad_size(hwaddr addr, unsigned size, bool write)
{
    qemu_log_mask(LOG_GUEST_ERROR, "%s: %u-byte %s of register offset 0x%"
                  HWADDR_PRIx " (registers take 32-bit accesses, IOVA, "
                  "BURST_WINDOW and BURST_FAULT_ADDR also 64-bit): %s\n",
                  TYPE_SMMU_DMA_MASTER, size,
                  write ? "write" : "read", addr,
                  write ? "ignored" : "reads as zero");
}

static uint64_t sdm_mmio_read(void *opaque, hwaddr addr, unsigned size)
{
    SmmuDmaMasterState *s = opaque;
    uint64_t value = 0;

    if (sdm_is_data(addr)) {
        value = ldn_le_p(&s->buf[addr - A_SDM_DATA], size);
    } else if (sdm_reg_access_ok(addr, size)) {
        value = sdm_reg_read(s, addr, size);
    } else {
        sdm_bad_size(addr, size, false);
    }
    trace_smmu_dma_master_mmio_read(addr, size, value);
    return value;
}

static void sdm_mmio_write(void *opaque, hwaddr addr, uint64_t value,
                           unsigned size)
{
    SmmuDmaMasterState *s = opaque;

    trace_smmu_dma_master_mmio_write(addr, size, value);
    if (sdm_is_data(addr)) {
        stn_le_p(&s->buf[addr - A_SDM_DATA], size, value);
    } else if (sdm_reg_access_ok(addr, size)) {
        sdm_reg_write(s, addr, value, size);
    } else {
        sdm_bad_size(addr, size, true);
    }
}

/*
 * Any naturally aligned size reaches the handlers unsplit, so that the
 * data buffer can be filled with byte or 64-bit accesses while the
 * register half of BAR0 enforces its own size rules.
 */
static const MemoryRegionOps sdm_mmio_ops = {
    .read = sdm_mmio_read,
    .write = sdm_mmio_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = {
        .min_access_size = 1,
        .max_access_size = 8,
        .unaligned = false,
    },
    .impl = {
        .min_access_size = 1,
        .max_access_size = 8,
    },
};

/* ---- QOM ----------------------------------------------------------------- */

static void sdm_realize(PCIDevice *pdev, Error **errp)
{
    SmmuDmaMasterState *s = SMMU_DMA_MASTER(pdev);

    /* An integrated endpoint on a root bus, a plain endpoint elsewhere */
    if (pcie_endpoint_cap_init(pdev, 0) < 0) {
        error_setg(errp, "%s: cannot add the PCI Express capability",
                   TYPE_SMMU_DMA_MASTER);
        return;
    }
    sdm_add_pasid_cap(pdev);

    memory_region_init_io(&s->bar, OBJECT(s), &sdm_mmio_ops, s,
                          "smmu-dma-master-bar0", SMMU_DMA_MASTER_BAR_SIZE);
    pci_register_bar(pdev, 0, PCI_BASE_ADDRESS_SPACE_MEMORY, &s->bar);
    s->latency_timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, sdm_latency_done, s);
}

static void sdm_exit(PCIDevice *pdev)
{
    SmmuDmaMasterState *s = SMMU_DMA_MASTER(pdev);

    timer_free(s->latency_timer);
    sdm_port_detach(s);
    pcie_cap_exit(pdev);
}

static void sdm_reset_hold(Object *obj, ResetType type)
{
    SmmuDmaMasterState *s = SMMU_DMA_MASTER(obj);

    s->iova = 0;
    s->len = 0;
    s->pasid = 0;
    s->attr = 0;
    s->status = SDM_STATUS_IDLE;
    s->status_after = SDM_STATUS_IDLE;
    timer_del(s->latency_timer);
    s->result = MEMTX_OK;
    s->completed = 0;
    s->faulted = 0;
    s->stalls = 0;
    s->pri_requests = 0;
    s->pri_responses = 0;
    s->pri_resp = 0;
    s->burst_count = 0;
    s->burst_stride = 0;
    s->burst_window = 0;
    s->burst_done = 0;
    s->burst_fault_addr = 0;
    /* Answers to what was held before reset find nothing waiting */
    s->nheld = 0;
    memset(s->buf, 0, sizeof(s->buf));
    /* PCI core reset covers the header only: PASID is off after reset */
    pci_set_word(PCI_DEVICE(s)->config + SDM_PASID_CAP_OFFSET +
                 PCI_PASID_CTRL, 0);
}

static const VMStateDescription vmstate_sdm_held = {
    .name = TYPE_SMMU_DMA_MASTER "/held",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT16(stag, SdmHeld),
        VMSTATE_UINT64(iova, SdmHeld),
        VMSTATE_BOOL(answered, SdmHeld),
        VMSTATE_UINT32(notice, SdmHeld),
        VMSTATE_END_OF_LIST()
    },
};

static bool sdm_stalls_needed(void *opaque)
{
    SmmuDmaMasterState *s = opaque;

    return s->stalls || s->nheld || s->pri_requests || s->pri_responses;
}

static int sdm_stalls_post_load(void *opaque, int version_id)
{
    SmmuDmaMasterState *s = opaque;

    if (s->nheld > SDM_MAX_HELD) {
        return -EINVAL;
    }
    /* Answers to what is held, and PRG Responses, come through the port */
    sdm_port_attach(s);
    return 0;
}

static const VMStateDescription vmstate_sdm_stalls = {
    .name = TYPE_SMMU_DMA_MASTER "/stalls",
    .version_id = 1,
    .minimum_version_id = 1,
    .needed = sdm_stalls_needed,
    .post_load = sdm_stalls_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32(stalls, SmmuDmaMasterState),
        VMSTATE_UINT32(pri_requests, SmmuDmaMasterState),
        VMSTATE_UINT32(pri_responses, SmmuDmaMasterState),
        VMSTATE_UINT32(pri_resp, SmmuDmaMasterState),
        VMSTATE_UINT32(nheld, SmmuDmaMasterState),
        VMSTATE_STRUCT_ARRAY(held, SmmuDmaMasterState, SDM_MAX_HELD, 1,
                             vmstate_sdm_held, SdmHeld),
        VMSTATE_END_OF_LIST()
    },
};

static bool sdm_burst_needed(void *opaque)
{
    SmmuDmaMasterState *s = opaque;

    return s->burst_count || s->burst_stride || s->burst_window ||
           s->burst_done || s->burst_fault_addr;
}

/* Only sent once a burst register is set: older streams stay readable */
static const VMStateDescription vmstate_sdm_burst = {
    .name = TYPE_SMMU_DMA_MASTER "/burst",
    .version_id = 1,
    .minimum_version_id = 1,
    .needed = sdm_burst_needed,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32(burst_count, SmmuDmaMasterState),
        VMSTATE_UINT32(burst_stride, SmmuDmaMasterState),
        VMSTATE_UINT64(burst_window, SmmuDmaMasterState),
        VMSTATE_UINT32(burst_done, SmmuDmaMasterState),
        VMSTATE_UINT64(burst_fault_addr, SmmuDmaMasterState),
        VMSTATE_END_OF_LIST()
    },
};

static bool sdm_busy_needed(void *opaque)
{
    SmmuDmaMasterState *s = opaque;

    return s->status == SDM_STATUS_BUSY;
}

/* A doorbell whose SMMU translation time had not passed at migration */
static const VMStateDescription vmstate_sdm_busy = {
    .name = TYPE_SMMU_DMA_MASTER "/busy",
    .version_id = 1,
    .minimum_version_id = 1,
    .needed = sdm_busy_needed,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32(status_after, SmmuDmaMasterState),
        VMSTATE_TIMER_PTR(latency_timer, SmmuDmaMasterState),
        VMSTATE_END_OF_LIST()
    },
};

static const VMStateDescription vmstate_smmu_dma_master = {
    .name = TYPE_SMMU_DMA_MASTER,
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_PCI_DEVICE(parent_obj, SmmuDmaMasterState),
        VMSTATE_UINT64(iova, SmmuDmaMasterState),
        VMSTATE_UINT32(len, SmmuDmaMasterState),
        VMSTATE_UINT32(pasid, SmmuDmaMasterState),
        VMSTATE_UINT32(attr, SmmuDmaMasterState),
        VMSTATE_UINT32(status, SmmuDmaMasterState),
        VMSTATE_UINT32(result, SmmuDmaMasterState),
        VMSTATE_UINT32(completed, SmmuDmaMasterState),
        VMSTATE_UINT32(faulted, SmmuDmaMasterState),
        VMSTATE_UINT8_ARRAY(buf, SmmuDmaMasterState,
                            SMMU_DMA_MASTER_BUF_SIZE),
        VMSTATE_END_OF_LIST()
    },
    .subsections = (const VMStateDescription * const []) {
        &vmstate_sdm_stalls,
        &vmstate_sdm_burst,
        &vmstate_sdm_busy,
        NULL
    },
};

static const Property sdm_properties[] = {
    /* Like DT "dma-can-stall": the SMMU may hold our accesses */
    DEFINE_PROP_BOOL("dma-can-stall", SmmuDmaMasterState, can_stall, false),
};

static void sdm_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    PCIDeviceClass *pc = PCI_DEVICE_CLASS(klass);
    ResettableClass *rc = RESETTABLE_CLASS(klass);

    pc->realize = sdm_realize;
    pc->exit = sdm_exit;
    pc->vendor_id = PCI_VENDOR_ID_QEMU;
    pc->device_id = SMMU_DMA_MASTER_DEVICE_ID;
    pc->revision = SMMU_DMA_MASTER_REVISION;
    pc->class_id = PCI_CLASS_OTHERS;
    dc->desc = "DMA test master for IOMMU models (PASID, priv, instr)";
    dc->vmsd = &vmstate_smmu_dma_master;
    device_class_set_props(dc, sdm_properties);
    rc->phases.hold = sdm_reset_hold;
    set_bit(DEVICE_CATEGORY_MISC, dc->categories);
}

static const TypeInfo sdm_info = {
    .name = TYPE_SMMU_DMA_MASTER,
    .parent = TYPE_PCI_DEVICE,
    .instance_size = sizeof(SmmuDmaMasterState),
    .class_init = sdm_class_init,
    .interfaces = (InterfaceInfo[]) {
        { INTERFACE_PCIE_DEVICE },
        { },
    },
};

static void sdm_register_types(void)
{
    type_register_static(&sdm_info);
}

type_init(sdm_register_types)
