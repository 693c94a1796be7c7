/*
 * arm-smmuv3-pm: QEMU binding state shared by the binding's files
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_ARM_SMMUV3_PM_INTERNAL_H
#define HW_ARM_SMMUV3_PM_INTERNAL_H

#include "hw/arm/smmuv3-pm.h"
#include "hw/arm/smmuv3-pm-master.h"
#include "hw/pci/pci.h"
#include "hw/qdev-properties.h"
#include "qapi/qapi-types-common.h"
#include "qemu/notify.h"
#include "qemu/thread.h"
#include "qemu/timer.h"
#include "hw/arm/smmuv3-pm/core/smmuv3-pm-core.h"

OBJECT_DECLARE_SIMPLE_TYPE(ArmSmmuV3PmState, ARM_SMMUV3_PM)

/*
 * One upstream port per (PCI bus, devfn): the IOMMU memory region that a
 * PCI function's DMA goes through.  The StreamID is the requester ID,
 * computed at translation time because the guest numbers buses late.
 */
typedef struct SmmuPmPort {
    ArmSmmuV3PmState *smmu;
    PCIBus *bus;
    int devfn;
    IOMMUMemoryRegion iommu;
    AddressSpace as;
    /* The last terminated access, to recognise QEMU's split remainder */
    bool fault_valid;
    hwaddr fault_addr;
    int fault_idx;
    bool fault_write;
    /* Modelled cycles of its translations not yet taken by its master */
    uint64_t cycles;
    /* A master that waits for stalled transactions (master-port.c) */
    const SmmuV3PmMasterOps *master_ops;
    void *master_opaque;
} SmmuPmPort;

/* Ports of one PCI bus, indexed by devfn */
typedef struct SmmuPmBusPorts {
    SmmuPmPort *port[256];
} SmmuPmBusPorts;

struct ArmSmmuV3PmState {
    SysBusDevice parent_obj;

    MemoryRegion iomem;
    qemu_irq irq[ARM_SMMUV3_PM_NUM_IRQS];

    /* Properties */
    PCIBus *primary_bus;
    /* Choice properties hold their enum's index (props.c) */
    int model;                  /* SmmuPmModel */
    int stage;                  /* SmmuPmStage or SMMUV3_PM_STAGE_AUTO */
    int stall_model;            /* SmmuPmStallModel or ..._STALL_AUTO */
    int httu;                   /* SmmuPmHttu or SMMUV3_PM_HTTU_AUTO */
    char *granules;             /* a set, not a choice: the core parses it */
    int gbpa_reset;             /* SmmuPmGbpaReset or SMMUV3_PM_GBPA_AUTO */
    int32_t oas;
    int32_t sidsize;
    int32_t ssidsize;
    int32_t cmdqs;
    int32_t eventqs;
    int32_t priqs;
    OnOffAuto msi;
    OnOffAuto ats;
    OnOffAuto pri;
    OnOffAuto ril;
    uint32_t msi_devid;
    uint32_t tlb_sets;
    uint32_t tlb_ways;
    int tlb_repl;               /* SmmuPmRepl */
    uint32_t walk_sets;
    uint32_t walk_ways;
    int walk_repl;
    uint32_t cfg_sets;
    uint32_t cfg_ways;
    int cfg_repl;
    uint32_t utlb_entries;      /* micro-TLB, 0: none */
    DeviceState *power_controller;  /* provider of the SMMU's power domain */
    uint32_t power_domain;          /* index of the domain there */
    int power_retention;            /* SmmuPmRetention */
    int power_up_caches;            /* SmmuPmPowerUpCaches */
    int power_off_access;           /* SmmuPmOffAccess */
    OnOffAuto power_on_at_reset;
    uint64_t power_on_latency_ns;
    uint64_t power_off_latency_ns;
    bool pm_strict;                 /* exit status 3 on PM checker errors */

    /*
     * Protects @core.  MMIO runs under the BQL, but DMA translation may
     * come from iothreads without it.
     */
    QemuMutex lock;
    SmmuPmCore core;

    bool run_pending;           /* the core kicked: run it after the access */
    QEMUBH *run_bh;             /* runs after the first, bounded, one */

    OnOffAuto timing;               /* the timing model (auto: model's) */
    SmmuPmTimingUser timing_user;   /* latency properties (timing.c) */

    QEMUTimer *timer;           /* the core's next deadline (timing.c) */
    QEMUBH *stall_bh;           /* answers to stalled transactions */
    Notifier shutdown;          /* PM checker summary, strict exit status */
    uint32_t pm_rules;          /* SMMU_PM_RULE__MAX, checked on migration */
    bool strict_exit_requested;

    GHashTable *ports_by_bus;   /* PCIBus * -> SmmuPmBusPorts * */
    /* Where terminated transactions with CD.A == 0 go: RAZ/WI */
    MemoryRegion razwi;
    AddressSpace razwi_as;
    /* Where terminated transactions go: every access fails (bus error) */
    MemoryRegion abort;
    AddressSpace abort_as;
};

/*
 * props.c: the choice properties' enum types.  "auto", the default of
 * those the model preset decides, follows the core's last value.
 */
#define SMMUV3_PM_STAGE_AUTO    SMMU_PM_STAGE__MAX
#define SMMUV3_PM_STALL_AUTO    SMMU_PM_STALL__MAX
#define SMMUV3_PM_HTTU_AUTO     SMMU_PM_HTTU__MAX
#define SMMUV3_PM_GBPA_AUTO     SMMU_PM_GBPA__MAX
extern const PropertyInfo smmuv3_pm_prop_model;
extern const PropertyInfo smmuv3_pm_prop_stage;
extern const PropertyInfo smmuv3_pm_prop_stall_model;
extern const PropertyInfo smmuv3_pm_prop_httu;
extern const PropertyInfo smmuv3_pm_prop_gbpa_reset;
extern const PropertyInfo smmuv3_pm_prop_repl;
extern const PropertyInfo smmuv3_pm_prop_retention;
extern const PropertyInfo smmuv3_pm_prop_up_caches;
extern const PropertyInfo smmuv3_pm_prop_off_access;
/* @value's name for the core's parser; NULL for "auto" (unset) */
const char *smmuv3_pm_prop_user_value(const PropertyInfo *info, int value);
/*
 * Fill the enum types' value names from the core's own (class init, before
 * any property is listed or set)
 */
void smmuv3_pm_props_init(void);

/* iommu.c */
void smmuv3_pm_iommu_init(ArmSmmuV3PmState *s);
void smmuv3_pm_iommu_invalidate_all(ArmSmmuV3PmState *s);
uint32_t smmuv3_pm_port_stream_id(const SmmuPmPort *port);
/* The port of StreamID @sid, if its PCI function ever did DMA */
SmmuPmPort *smmuv3_pm_port_find(ArmSmmuV3PmState *s, uint32_t sid);

/* master-port.c: masters that wait for stalls or send Page Requests */
void smmuv3_pm_master_port_init(ArmSmmuV3PmState *s);
void smmuv3_pm_master_port_class_init(IOMMUMemoryRegionClass *imrc);
void smmuv3_pm_port_stall_held(SmmuPmPort *port, uint16_t stag, hwaddr iova);
void smmuv3_pm_host_stall_done(void *opaque, uint32_t sid, unsigned stag,
                               SmmuPmStallOutcome outcome);
void smmuv3_pm_host_pri_response(void *opaque, uint32_t sid, bool pasid,
                                 uint32_t ssid, uint16_t prgi,
                                 SmmuPmPriCode code);
extern const VMStateDescription vmstate_smmuv3_pm_stalls;

/* power.c: the power input, its latency, its configuration */
bool smmuv3_pm_power_resolve(ArmSmmuV3PmState *s, SmmuPmPowerConfig *cfg,
                             Error **errp);
void smmuv3_pm_power_init(ArmSmmuV3PmState *s);
extern const VMStateDescription vmstate_smmuv3_pm_power;

/* timing.c: the virtual clock, the timer, latency properties, stats */
void smmuv3_pm_timing_class_init(ObjectClass *klass);
void smmuv3_pm_timing_instance_init(ArmSmmuV3PmState *s);
bool smmuv3_pm_timing_resolve(ArmSmmuV3PmState *s, SmmuPmModel model,
                              SmmuPmTimingConfig *cfg, Error **errp);
void smmuv3_pm_timing_init(ArmSmmuV3PmState *s);
uint64_t smmuv3_pm_host_now_ns(void *opaque);
void smmuv3_pm_host_set_timer(void *opaque, uint64_t deadline_ns);
void smmuv3_pm_host_timed_effect(void *opaque, const char *what,
                                 uint64_t value, uint64_t latency_ns);
QDict *smmuv3_pm_timing_stats_dict(ArmSmmuV3PmState *s);
extern const VMStateDescription vmstate_smmuv3_pm_timing;

/* smmuv3-pm.c: run the work the core asked for (with the lock held) */
void smmuv3_pm_run_pending(ArmSmmuV3PmState *s);

/* pm-report.c: the PM checker's verdict (QMP, traces, exit summary) */
void smmuv3_pm_report_init(ArmSmmuV3PmState *s);
void smmuv3_pm_host_pm_violation(void *opaque, unsigned rule, uint64_t count,
                                 const char *detail);
void smmuv3_pm_get_pm_report(Object *obj, Visitor *v, const char *name,
                             void *opaque, Error **errp);
extern const VMStateDescription vmstate_smmuv3_pm_checker;

/* power-domain.c */
bool smmuv3_pm_power_domain_check(ArmSmmuV3PmState *s, Error **errp);
void smmuv3_pm_power_domain_connect(ArmSmmuV3PmState *s);
/* The domain's state after reset, when a controller provides it */
bool smmuv3_pm_power_domain_on_at_reset(ArmSmmuV3PmState *s, bool *on);
void smmuv3_pm_power_domain_fdt(ArmSmmuV3PmState *s, void *fdt,
                                const char *node);

#endif /* HW_ARM_SMMUV3_PM_INTERNAL_H */
