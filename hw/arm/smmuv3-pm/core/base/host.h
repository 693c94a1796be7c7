/*
 * arm-smmuv3-pm core: the host interface
 *
 * The core never calls into a simulator directly.  Everything it needs from
 * the outside world goes through these callbacks, which the QEMU binding
 * implements with QEMU services and the unit tests implement with fakes
 * that record what happened.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMUV3_PM_CORE_HOST_H
#define SMMUV3_PM_CORE_HOST_H

#include <stdbool.h>
#include <stdint.h>


typedef enum SmmuPmLogKind {
    SMMU_PM_LOG_GUEST_ERROR,    /* the guest did something the spec forbids */
    SMMU_PM_LOG_UNIMP,          /* valid, but not modelled */
    SMMU_PM_LOG_INFO,           /* worth a trace line */
} SmmuPmLogKind;

/* The four wired interrupt outputs, in DT "interrupt-names" order */
typedef enum SmmuPmIrq {
    SMMU_PM_IRQ_EVENTQ,
    SMMU_PM_IRQ_PRIQ,
    SMMU_PM_IRQ_CMD_SYNC,
    SMMU_PM_IRQ_GERROR,
    SMMU_PM_IRQ__MAX,
} SmmuPmIrq;

/* How a held transaction leaves the stall */
typedef enum SmmuPmStallOutcome {
    SMMU_PM_STALL_RETRY,        /* handled as though it had just arrived */
    SMMU_PM_STALL_ABORT,        /* terminated, abort reported */
    SMMU_PM_STALL_RAZWI,        /* terminated, reads zero, writes ignored */
} SmmuPmStallOutcome;

/* PCIe PRG Response codes */
typedef enum SmmuPmPriCode {
    SMMU_PM_PRI_SUCCESS = 0x0,
    SMMU_PM_PRI_INVALID = 0x1,          /* Invalid Request */
    SMMU_PM_PRI_FAILURE = 0xf,          /* Response Failure */
} SmmuPmPriCode;

typedef struct SmmuPmHostOps {
    void (*log)(void *opaque, SmmuPmLogKind kind, const char *msg);
    /* Signal an edge on a wired interrupt line */
    void (*pulse_irq)(void *opaque, SmmuPmIrq line);
    /* Write an MSI; returns false if the write was aborted by the bus */
    bool (*send_msi)(void *opaque, uint64_t addr, uint32_t data,
                     uint32_t memattr_sh);
    /*
     * Something that decides the fate of incoming transactions changed
     * (SMMUEN, GBPA): cached translations held outside the core must go.
     */
    void (*translation_changed)(void *opaque);
    /*
     * The SMMU's own memory accesses (stream table, CDs, page tables,
     * queues): little-endian byte buffers at a physical address.  Return
     * false if the bus aborted the access.
     */
    bool (*dma_read)(void *opaque, uint64_t addr, void *buf, unsigned len);
    bool (*dma_write)(void *opaque, uint64_t addr, const void *buf,
                      unsigned len);
    /*
     * The core has work to do (commands to consume): the host calls
     * smmu_pm_core_run() when it sees fit -- at once, after the current
     * register access, or later in (virtual) time.  Never call back into
     * the core from this callback.
     */
    void (*kick)(void *opaque);
    /*
     * ATC invalidation towards the endpoint of @sid (ATS): false if no
     * endpoint with an enabled ATC answers, which makes the next CMD_SYNC
     * fail with CERROR_ATC_INV_SYNC.  May be NULL (no ATS anywhere).
     */
    bool (*atc_invalidate)(void *opaque, uint32_t sid, bool ssv,
                           uint32_t ssid, uint64_t addr, unsigned size_log2);
    /*
     * Virtual time in nanoseconds (for the PM checker's reports and power
     * transitions).  May be NULL: time is then always 0.
     */
    uint64_t (*now_ns)(void *opaque);
    /*
     * Call smmu_pm_power_timer() at virtual time @deadline_ns (replacing
     * any earlier request).  May be NULL: power transitions are instant.
     */
    void (*set_timer)(void *opaque, uint64_t deadline_ns);
    /*
     * The stalled transaction @stag of StreamID @sid leaves the stall
     * with @outcome.  The host then tells the requester that waits for
     * it, and takes the answer with smmu_pm_stall_take_done().  Called
     * with the core busy: act later, never call back into the core from
     * here.  May be NULL when no requester sets SmmuPmTxn.can_stall.
     */
    void (*stall_done)(void *opaque, uint32_t sid, unsigned stag,
                       SmmuPmStallOutcome outcome);
    /*
     * Send a PRG Response to the endpoint of StreamID @sid: for Page
     * Request Group @prgi, with PASID @ssid when @pasid, code @code
     * (CMD_PRI_RESP, or the SMMU's own automatic response).  Called with
     * the core busy: never call back into the core from here.  May be
     * NULL (no PRI endpoint).
     */
    void (*pri_response)(void *opaque, uint32_t sid, bool pasid,
                         uint32_t ssid, uint16_t prgi, SmmuPmPriCode code);
    /*
     * The PM checker saw violation number @count of @rule (an index into
     * smmu_pm_rules[]), with @detail saying what was involved.  Called
     * for every violation, the first included.  May be NULL.
     */
    void (*pm_violation)(void *opaque, unsigned rule, uint64_t count,
                         const char *detail);
    /*
     * Timing on: a delayed effect became visible to software now, @what
     * ("CR0ACK", "CMD_SYNC", "EVENTQ_PROD", ...) with @value (the new
     * register value, or the command's opcode), @latency_ns after its
     * cause.  For tracing; may be NULL.
     */
    void (*timed_effect)(void *opaque, const char *what, uint64_t value,
                         uint64_t latency_ns);
} SmmuPmHostOps;

#endif /* SMMUV3_PM_CORE_HOST_H */
