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
} SmmuPmHostOps;

#endif /* SMMUV3_PM_CORE_HOST_H */
