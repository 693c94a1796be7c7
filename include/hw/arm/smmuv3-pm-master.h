/*
 * arm-smmuv3-pm: what a master behind the SMMU can do beyond plain DMA
 *
 * QEMU's DMA API has no notion of a transaction that waits: an access
 * through an IOMMU memory region either completes or fails at once.  A
 * master that real systems let the SMMU stall (a platform device with
 * "dma-can-stall") attaches itself to the port its DMA goes through and
 * is then told when one of its accesses is held, and later whether to
 * retry it or how it was terminated (Arm IHI 0070, 3.12.2).
 *
 * A PCIe endpoint with PRI sends Page Requests through the port and gets
 * the PRG Responses back (Arm IHI 0070, ch. 8; QEMU 10.0 has no PRI
 * messages of its own).
 *
 * The port is the IOMMU memory region of the master's PCI function; it
 * implements the TYPE_SMMUV3_PM_MASTER_PORT interface, so a master finds
 * it without linking against the SMMU.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_ARM_SMMUV3_PM_MASTER_H
#define HW_ARM_SMMUV3_PM_MASTER_H

#include "qom/object.h"
#include "hw/pci/pci.h"

#define TYPE_SMMUV3_PM_MASTER_PORT "arm-smmuv3-pm-master-port"

/* What happens to a held access */
typedef enum SmmuV3PmStallNotice {
    SMMUV3_PM_STALL_HELD,       /* the access that just failed is held */
    SMMUV3_PM_STALL_RETRY,      /* issue it again */
    SMMUV3_PM_STALL_ABORT,      /* terminated: an abort */
    SMMUV3_PM_STALL_RAZWI,      /* terminated: reads zero, writes ignored */
} SmmuV3PmStallNotice;

/* A PCIe Page Request message (or Stop Marker: PASID, Last, no R/W) */
typedef struct SmmuV3PmPageRequest {
    bool pasid_valid;
    uint32_t pasid;
    uint64_t addr;              /* the page: bits [63:12] */
    uint16_t prgi;              /* Page Request Group Index, 9 bits */
    bool last, read, write, exec, priv;
} SmmuV3PmPageRequest;

typedef struct SmmuV3PmMasterOps {
    /*
     * The access at @iova (HELD only; 0 otherwise) with Stall Tag @stag.
     * HELD is called from within the master's own DMA call, the others
     * later from the main loop, never with the SMMU busy.
     */
    void (*stall)(void *opaque, SmmuV3PmStallNotice notice, uint16_t stag,
                  uint64_t iova);
    /*
     * A PRG Response for group @prgi: PCIe Response Code @code (0 Success,
     * 1 Invalid Request, 0xf Response Failure), PASID @pasid if
     * @pasid_valid.  Called with the SMMU busy (possibly from within
     * page_request): record it, never call back into the port.
     */
    void (*pri_response)(void *opaque, uint16_t prgi, unsigned code,
                         bool pasid_valid, uint32_t pasid);
} SmmuV3PmMasterOps;

typedef struct SmmuV3PmMasterPortClass {
    InterfaceClass parent_class;
    /* Attach @ops (NULL: detach); false with @errp set on failure */
    bool (*attach)(Object *port, const SmmuV3PmMasterOps *ops, void *opaque,
                   Error **errp);
    /* Send a Page Request: true if the SMMU queued it for software */
    bool (*page_request)(Object *port, const SmmuV3PmPageRequest *req);
    /*
     * The modelled time, in virtual ns, the SMMU spent translating this
     * port's accesses since the last call (0 with timing off), and start
     * counting again: a master that waits for its DMA applies it to its
     * own completion, which QEMU's DMA API cannot delay
     */
    uint64_t (*take_latency_ns)(Object *port);
} SmmuV3PmMasterPortClass;

DECLARE_CLASS_CHECKERS(SmmuV3PmMasterPortClass, SMMUV3_PM_MASTER_PORT,
                       TYPE_SMMUV3_PM_MASTER_PORT)

/*
 * The arm-smmuv3-pm port that translates @dev's DMA, or NULL when no
 * arm-smmuv3-pm sits in front of it.
 */
static inline Object *smmuv3_pm_master_port(PCIDevice *dev)
{
    AddressSpace *as = pci_device_iommu_address_space(dev);
    Object *root = as && as->root ? OBJECT(as->root) : NULL;

    return root ? object_dynamic_cast(root, TYPE_SMMUV3_PM_MASTER_PORT)
                : NULL;
}

#endif /* HW_ARM_SMMUV3_PM_MASTER_H */
