/*
 * arm-smmuv3-pm qtests: a driver-like environment for the engine tests
 *
 * One virt machine with arm-smmuv3-pm and two smmu-dma-masters at 03.0
 * and 04.0 (StreamIDs 0x18 and 0x20), a structure builder over guest RAM,
 * a command queue, an event queue and a stream table that the Linux
 * driver's model sets up; helpers to issue commands, check the exact
 * event records and make the DMA master read, write or fault.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMU_ENV_H
#define SMMU_ENV_H

#include "tests/qtest/libqtest.h"
#include "smmuv3-pm-dt.h"
#include "dma-master.h"
#include "smmu-builder.h"
#include "smmu-driver.h"

/* Register offsets (page 0 unless noted) */
#define R_IDR0              0x0
#define R_CR0               0x20
#define R_CR0ACK            0x24
#define R_CR2               0x2c
#define R_IRQ_CTRL          0x50
#define R_IRQ_CTRLACK       0x54
#define R_GERROR            0x60
#define R_GERRORN           0x64
#define R_STRTAB_BASE       0x80
#define R_STRTAB_BASE_CFG   0x88
#define R_CMDQ_BASE         0x90
#define R_CMDQ_PROD         0x98
#define R_CMDQ_CONS         0x9c
#define R_EVENTQ_BASE       0xa0
#define R_EVENTQ_PROD       0x100a8
#define R_EVENTQ_CONS       0x100ac

#define CR0_SMMUEN          (1u << 0)
#define CR0_EVENTQEN        (1u << 2)
#define CR0_CMDQEN          (1u << 3)
#define CR2_RECINVSID       (1u << 1)
#define GERROR_CMDQ_ERR     (1u << 0)
#define Q_OVFLG             (1u << 31)

/* The SMMU's QOM path (env_start gives it id=smmu0) */
#define SMMU_QOM_PATH       "/machine/peripheral/smmu0"

#define DMAM_DEVFN          0x18        /* 03.0: StreamID 0x18 */
#define SID                 DMAM_DEVFN
#define DMAM2_DEVFN         0x20        /* 04.0: StreamID 0x20 */
#define SID2                DMAM2_DEVFN
#define ENV_MASTERS         2
#define POOL_OFFSET         (64 * 1024 * 1024)  /* builder pool in RAM */
#define POOL_SIZE           (64 * 1024 * 1024)
#define CMDQ_LOG2           6
#define EVTQ_LOG2           5

typedef struct Env {
    QTestState *qts;
    SmmuDtInfo dt;
    uint64_t base;
    SmmuBuilder sb;
    DmaMaster masters[ENV_MASTERS];
    DmaMaster *dm;              /* the one env_expect_* use */
    SbStrtab st;
    SmmuDrv drv;                /* the Linux driver: queues and indexes */
    uint64_t data;              /* RAM the DMA targets */
    /* the page tables env_s1_setup/env_s2_setup made; env_stop frees them */
    GPtrArray *tables;
    char *args;                 /* QEMU's command line, for env_migrate */
} Env;

/* A stage-1 regime with @granule: CD 0 (or @ssid) of the DMA master */
typedef struct EnvS1 {
    SbPgtable *pt;
    SbCd cd;
    SbCdtab cdtab;
    SbSte ste;
} EnvS1;


/* Non-global (nG=1) like Linux's stage-1 mappings, EL0 RW / RO */
extern const SbPte env_pte_rw;
extern const SbPte env_pte_ro;
extern const SbPte env_pte_global;
extern const SbPte env_pte_s2_rw;

/* Make master @i (0: StreamID SID, 1: SID2) the one DMA goes through */
void env_use_master(Env *e, unsigned i);

/* Registers */
uint32_t env_rd(Env *e, uint32_t off);
void env_wr(Env *e, uint32_t off, uint32_t v);
void env_wrq(Env *e, uint32_t off, uint64_t v);
/* The global errors active: GERROR ^ GERRORN */
uint32_t env_gerror_active(Env *e);
/* Write CR0 and check CR0ACK followed */
void env_set_cr0(Env *e, uint32_t v);

/* Wired lines (SMMU_DT_IRQ_*): make them edge-triggered and not pending */
void env_irq_reset(Env *e);
/* Whether wired line @line is pending at the GIC */
bool env_irq_pending(Env *e, int line);

/* Commands: push one and publish PROD */
void env_cmd_push(Env *e, const uint64_t cmd[2]);
/* Issue @c followed by CMD_SYNC; the queue must drain without error */
void env_cmd(Env *e, const uint64_t c[2]);
/* CFGI_STE (Leaf) of @sid, with its CMD_SYNC */
void env_cfgi_ste(Env *e, uint32_t sid);
/* Write @ste as @sid's STE in the stream table, then env_cfgi_ste() */
void env_ste_update(Env *e, uint32_t sid, const SbSte *ste);
/* CFGI_ALL + TLBI_NSNH_ALL */
void env_invalidate_all(Env *e);

/* Events */
bool env_event_pending(Env *e);
void env_event_pop(Env *e, uint64_t rec[4]);
/* The next event must be exactly @want, all 32 bytes */
void env_expect_event(Env *e, const SbEvent *want);
void env_expect_no_event(Env *e);

/* Start QEMU with extra arm-smmuv3-pm @props ("" for none) */
void env_start(Env *e, const char *props);
/* The same, with smmu-dma-master @master_props for the first master */
void env_start_masters(Env *e, const char *props, const char *master_props);
/*
 * The same with @devices ("-device ...") before the SMMU: a power-domain
 * provider that the SMMU's power-controller property names
 */
void env_start_with(Env *e, const char *devices, const char *props);
/*
 * QEMU with the whole command line @args, which places two
 * smmu-dma-masters at 03.0 and 04.0 of pcie.0 and gives the machine at
 * least 128 MiB of RAM (the builder's pool ends there): another SMMU
 * (-M virt,iommu=smmuv3, found in the DT), or with !@smmu none at all
 * (e->base is then 0: only the masters, the builder and guest memory
 * are of use)
 */
void env_start_args(Env *e, const char *args, bool smmu);
/*
 * New queues and stream table @st, probed by the Linux driver's model
 * (tests/common/smmu-driver.h): caches invalidated, SMMUEN=1
 */
void env_enable(Env *e, SbStrtab st, unsigned evtq_log2);
void env_stop(Env *e);
/*
 * Migrate the machine to a new QEMU with the same command line
 * (migrate_to_new) and quit the source: @e drives the destination from
 * then on.  The qtest accelerator's virtual clock is not part of the
 * migration stream: the destination's starts at 0, and a test that
 * stepped the clock sets it again (qtest_clock_set).
 */
void env_migrate(Env *e);

/* 64 bytes of a pattern derived from @seed at physical @pa */
void env_fill(Env *e, uint64_t pa, uint8_t seed);
/* A DMA read of 64 bytes at @iova must return what env_fill(@pa) put */
void env_expect_read(Env *e, uint64_t iova, uint32_t pasid, uint64_t pa,
                     uint8_t seed);
/* A DMA write of 16 bytes at @iova must land at @pa */
void env_expect_write(Env *e, uint64_t iova, uint32_t pasid, uint64_t pa);
/* An 8-byte DMA at @iova must fault (the master sees a bus error) */
void env_expect_fault(Env *e, uint64_t iova, uint32_t pasid, bool write,
                      unsigned attrs);

/*
 * A stage-1 regime (48-bit VA, ASID 1, CD.R=1) in a new CD table; its page
 * table belongs to @e (env_stop frees it), as env_s2_setup's does
 */
void env_s1_setup(Env *e, EnvS1 *s, unsigned granule, unsigned s1cdmax,
                  unsigned s1fmt);
/* A stage-2 regime (40-bit IPA, VMID 7, S2R=1) filled into @ste */
SbPgtable *env_s2_setup(Env *e, SbSte *ste, unsigned granule,
                        unsigned config);

#endif
