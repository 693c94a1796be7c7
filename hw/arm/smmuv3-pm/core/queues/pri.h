/*
 * arm-smmuv3-pm core: PCIe Page Requests (PRI) and the PRI queue
 *
 * An endpoint's Page Request (PPR) is written to the PRI queue (Arm IHI
 * 0070, ch. 8) when the queue is enabled, not full, not in overflow and
 * without PRIQ_ABT_ERR; software answers a Page Request Group with
 * CMD_PRI_RESP.  Otherwise the request is discarded and, for one with
 * Last == 1, the SMMU answers it itself (an automatic PRG Response):
 * Response Failure when the queue is off or broken (8.2), Success on
 * overflow (8.1).  Stop Markers are queued like requests and never
 * answered automatically.
 *
 * SMMU_IDR3.PPS is 1 with PRI: a response carries a PASID exactly when
 * its request did (STE.PPAR is not consulted).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMUV3_PM_CORE_PRI_H
#define SMMUV3_PM_CORE_PRI_H

#include <stdbool.h>
#include <stdint.h>

#include "hw/arm/smmuv3-pm/core/base/arch.h"
#include "hw/arm/smmuv3-pm/core/base/state.h"

/* One PRI message from an endpoint */
typedef struct SmmuPmPageRequest {
    uint32_t sid;
    bool ssv;                   /* it had a PASID prefix */
    uint32_t ssid;
    uint64_t addr;              /* page address: bits [63:12] */
    uint16_t prgi;              /* Page Request Group Index, 9 bits */
    bool last;
    bool read;
    bool write;
    bool exec;
    bool priv;
} SmmuPmPageRequest;

/* A Stop PASID marker: PASID, Last, neither Read nor Write */
static inline bool smmu_pm_pri_is_stop(const SmmuPmPageRequest *req)
{
    return req->ssv && req->last && !req->read && !req->write;
}

/*
 * A PRI message arrives.  Returns true if it was written to the PRI
 * queue; otherwise it was discarded, and answered through the host's
 * pri_response if the architecture says so.
 */
bool smmu_pm_pri_request(SmmuPmCore *core, const SmmuPmPageRequest *req);

/* CMD_PRI_RESP Resp field -> PRG Response code (4.6.1) */
SmmuPmPriCode smmu_pm_pri_resp_code(unsigned resp);

const char *smmu_pm_pri_code_name(SmmuPmPriCode code);

/* The two doublewords of the PRI queue entry of @req (8) */
void smmu_pm_pri_encode(const SmmuPmPageRequest *req, uint64_t dw[2]);

#endif /* SMMUV3_PM_CORE_PRI_H */
