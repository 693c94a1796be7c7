/*
 * A model of the Linux arm-smmu-v3 driver's register sequences, for tests
 *
 * Probe (arm_smmu_device_reset()), and the runtime-PM callbacks of the
 * SMMUv3 runtime-PM series (seed 002): suspend drains the command queue
 * with a CMD_SYNC, clears CR0 and sets GBPA.ABORT; resume writes the MSI
 * configuration back and then runs the probe's device reset again.
 *
 * Written once against SmmuDrvOps -- register reads and writes and a
 * guest-memory write -- so that the core unit tests (the core called
 * directly) and the qtests (QEMU through libqtest) play the same driver.
 * The register offsets and fields are written out from Arm IHI 0070 here,
 * not taken from the model under test.
 *
 * The caller allocates the queues and the stream table (with the
 * structure builder) and fills SmmuDrv before smmu_drv_probe(); the
 * driver then owns the queue indexes (cmdq_prod, evtq_cons).
 *
 * Every handshake (CR0ACK, IRQ_CTRLACK, GBPA.UPDATE, CMD_SYNC) is polled
 * a bounded number of times, with SmmuDrvOps.delay_ns between polls (an
 * SMMU with timing acknowledges after its latency), and asserted: a
 * sequence that does not complete fails the test that runs it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMUV3_PM_TESTS_SMMU_DRIVER_H
#define SMMUV3_PM_TESTS_SMMU_DRIVER_H

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* IRQ_CTRL enables (IHI 0070 6.3.12), for SmmuDrv.irq_ctrl */
#define SMMU_DRV_IRQ_GERROR     (1u << 0)
#define SMMU_DRV_IRQ_PRIQ       (1u << 1)
#define SMMU_DRV_IRQ_EVENTQ     (1u << 2)

/* How the driver reaches the SMMU and memory */
typedef struct SmmuDrvOps {
    uint32_t (*read32)(void *opaque, uint32_t off);
    void (*write32)(void *opaque, uint32_t off, uint32_t val);
    void (*write64)(void *opaque, uint32_t off, uint64_t val);
    /* little-endian bytes of a command into the queue */
    void (*mem_write)(void *opaque, uint64_t addr, const void *buf,
                      size_t len);
    /*
     * Let @ns of (virtual) time pass between two polls, as Linux's poll
     * loops delay; NULL where the SMMU answers within the access
     */
    void (*delay_ns)(void *opaque, uint64_t ns);
} SmmuDrvOps;

typedef enum SmmuDrvMsiSource {
    SMMU_DRV_MSI_EVENTQ,
    SMMU_DRV_MSI_GERROR,
    SMMU_DRV_MSI_PRIQ,
    SMMU_DRV_MSI__MAX,
} SmmuDrvMsiSource;

/* One source's IRQ_CFG0/1/2 as arm_smmu_write_msi_msg() writes them */
typedef struct SmmuDrvMsi {
    uint64_t addr;              /* 0: the source has no MSI (wired) */
    uint32_t data;
    uint32_t memattr;
} SmmuDrvMsi;

typedef struct SmmuDrv {
    const SmmuDrvOps *ops;
    void *opaque;
    /* the driver's copies, written again by every device reset */
    uint64_t cmdq;              /* queue base address */
    unsigned cmdq_log2;
    uint32_t cmdq_prod;         /* index and wrap bit */
    uint64_t evtq;
    unsigned evtq_log2;
    uint32_t evtq_cons;
    uint64_t strtab_base;       /* STRTAB_BASE and STRTAB_BASE_CFG */
    uint32_t strtab_base_cfg;
    uint32_t cr2;
    uint32_t irq_ctrl;          /* SMMU_DRV_IRQ_*, enabled after the MSIs */
    SmmuDrvMsi msi[SMMU_DRV_MSI__MAX];
} SmmuDrv;

/* Probe: arm_smmu_device_reset() with the invalidations */
void smmu_drv_probe(SmmuDrv *d);
/* Runtime suspend: drain (CMD_SYNC), CR0 = 0, GBPA.ABORT */
void smmu_drv_suspend(SmmuDrv *d);
/* Runtime resume: MSI configuration written back, then the device reset */
void smmu_drv_resume(SmmuDrv *d);

/*
 * The steps, for tests that build a broken driver out of them.
 * smmu_drv_device_reset() is the resume's reset: queues, stream table,
 * interrupts enabled, SMMUEN, but no MSI written; with @invalidate false
 * it leaves out CFGI_ALL and TLBI_NSNH_ALL (a resume that trusts the
 * caches).
 */
void smmu_drv_device_reset(SmmuDrv *d, bool invalidate);
void smmu_drv_restore_msis(SmmuDrv *d);
/* Write @val to the register at @off and wait for @ack_off to follow */
void smmu_drv_write_sync(SmmuDrv *d, uint32_t off, uint32_t ack_off,
                         uint32_t val);
void smmu_drv_set_cr0(SmmuDrv *d, uint32_t val);
/* arm_smmu_update_gbpa(): read-modify-write with GBPA.UPDATE */
void smmu_drv_update_gbpa(SmmuDrv *d, uint32_t set, uint32_t clr);

/* Write @cmd at CMDQ_PROD and publish the new PROD */
void smmu_drv_cmd_push(SmmuDrv *d, const uint64_t cmd[2]);
/* A CMD_SYNC; true once CONS has reached PROD */
bool smmu_drv_cmd_sync(SmmuDrv *d);
/* @cmd then a CMD_SYNC, which must complete */
void smmu_drv_cmd_with_sync(SmmuDrv *d, const uint64_t cmd[2]);

#endif /* SMMUV3_PM_TESTS_SMMU_DRIVER_H */
