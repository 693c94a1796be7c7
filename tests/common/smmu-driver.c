/*
 * A model of the Linux arm-smmu-v3 driver's register sequences, for tests
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "smmu-driver.h"
#include "smmu-builder.h"

/* Register offsets (IHI 0070 6.2); EVENTQ_PROD/CONS are in page 1 */
#define CR0                 0x20
#define CR0ACK              0x24
#define CR2                 0x2c
#define GBPA                0x44
#define IRQ_CTRL            0x50
#define IRQ_CTRLACK         0x54
#define STRTAB_BASE         0x80
#define STRTAB_BASE_CFG     0x88
#define CMDQ_BASE           0x90
#define CMDQ_PROD           0x98
#define CMDQ_CONS           0x9c
#define EVENTQ_BASE         0xa0
#define EVENTQ_PROD         0x100a8
#define EVENTQ_CONS         0x100ac

#define CR0_SMMUEN          (1u << 0)
#define CR0_EVENTQEN        (1u << 2)
#define CR0_CMDQEN          (1u << 3)
#define GBPA_ABORT          (1u << 20)
#define GBPA_UPDATE         (1u << 31)

/*
 * Linux polls for about a second; a model without timing completes a
 * handshake within the access, one with timing within microseconds, so
 * POLLS polls POLL_DELAY_NS apart (10 us) are plenty and a hang becomes
 * a failure
 */
#define POLLS               1000
#define POLL_DELAY_NS       10

/* IRQ_CFG0, IRQ_CFG1, IRQ_CFG2 of each MSI source */
static const uint32_t msi_cfg[SMMU_DRV_MSI__MAX][3] = {
    [SMMU_DRV_MSI_EVENTQ] = { 0xb0, 0xb8, 0xbc },
    [SMMU_DRV_MSI_GERROR] = { 0x68, 0x70, 0x74 },
    [SMMU_DRV_MSI_PRIQ]   = { 0xd0, 0xd8, 0xdc },
};

static uint32_t rd(SmmuDrv *d, uint32_t off)
{
    return d->ops->read32(d->opaque, off);
}

static void wr(SmmuDrv *d, uint32_t off, uint32_t val)
{
    d->ops->write32(d->opaque, off, val);
}

static void wrq(SmmuDrv *d, uint32_t off, uint64_t val)
{
    d->ops->write64(d->opaque, off, val);
}

/* Whether the register at @off reads @want under @mask within POLLS */
static bool poll_reg(SmmuDrv *d, uint32_t off, uint32_t mask, uint32_t want)
{
    for (int i = 0; i < POLLS; i++) {
        if ((rd(d, off) & mask) == want) {
            return true;
        }
        if (d->ops->delay_ns) {
            d->ops->delay_ns(d->opaque, POLL_DELAY_NS);
        }
    }
    return false;
}

void smmu_drv_write_sync(SmmuDrv *d, uint32_t off, uint32_t ack_off,
                         uint32_t val)
{
    wr(d, off, val);
    if (!poll_reg(d, ack_off, ~0u, val)) {
        g_error("smmu-driver: register 0x%x never acknowledged 0x%x (0x%x)",
                off, val, rd(d, ack_off));
    }
}

void smmu_drv_set_cr0(SmmuDrv *d, uint32_t val)
{
    smmu_drv_write_sync(d, CR0, CR0ACK, val);
}

void smmu_drv_update_gbpa(SmmuDrv *d, uint32_t set, uint32_t clr)
{
    uint32_t reg;

    g_assert_true(poll_reg(d, GBPA, GBPA_UPDATE, 0));
    reg = (rd(d, GBPA) & ~clr) | set;
    wr(d, GBPA, reg | GBPA_UPDATE);
    g_assert_true(poll_reg(d, GBPA, GBPA_UPDATE, 0));
}

/* ---- Command queue ------------------------------------------------------- */

void smmu_drv_cmd_push(SmmuDrv *d, const uint64_t cmd[2])
{
    uint32_t index = d->cmdq_prod & ((1u << d->cmdq_log2) - 1);
    uint64_t le[2] = { GUINT64_TO_LE(cmd[0]), GUINT64_TO_LE(cmd[1]) };

    d->ops->mem_write(d->opaque, d->cmdq + index * 16ull, le, sizeof(le));
    d->cmdq_prod = sb_queue_inc(d->cmdq_prod, d->cmdq_log2);
    wr(d, CMDQ_PROD, d->cmdq_prod);
}

bool smmu_drv_cmd_sync(SmmuDrv *d)
{
    uint32_t ptr_mask = (2u << d->cmdq_log2) - 1;   /* index and wrap */
    uint64_t sync[2];

    sb_cmd_sync(sync, SB_SYNC_CS_NONE, 0, 0, 0, 0);
    smmu_drv_cmd_push(d, sync);
    return poll_reg(d, CMDQ_CONS, ptr_mask, d->cmdq_prod & ptr_mask);
}

void smmu_drv_cmd_with_sync(SmmuDrv *d, const uint64_t cmd[2])
{
    smmu_drv_cmd_push(d, cmd);
    if (!smmu_drv_cmd_sync(d)) {
        g_error("smmu-driver: CMD_SYNC not consumed: CMDQ_CONS 0x%x, "
                "PROD 0x%x", rd(d, CMDQ_CONS), d->cmdq_prod);
    }
}

/* ---- Interrupts ---------------------------------------------------------- */

void smmu_drv_restore_msis(SmmuDrv *d)
{
    for (int src = 0; src < SMMU_DRV_MSI__MAX; src++) {
        const SmmuDrvMsi *m = &d->msi[src];

        if (!m->addr) {
            continue;
        }
        wrq(d, msi_cfg[src][0], m->addr);
        wr(d, msi_cfg[src][1], m->data);
        wr(d, msi_cfg[src][2], m->memattr);
    }
}

/*
 * arm_smmu_setup_irqs(): off, the MSIs set up when @msis (at probe, as
 * they are allocated; a resume writes them back before the reset), then
 * the enables
 */
static void setup_irqs(SmmuDrv *d, bool msis)
{
    smmu_drv_write_sync(d, IRQ_CTRL, IRQ_CTRLACK, 0);
    if (msis) {
        smmu_drv_restore_msis(d);
    }
    smmu_drv_write_sync(d, IRQ_CTRL, IRQ_CTRLACK, d->irq_ctrl);
}

/* ---- Sequences ----------------------------------------------------------- */

/* Queue base, then PROD and CONS where the driver left them */
static void setup_queues(SmmuDrv *d)
{
    wrq(d, CMDQ_BASE, sb_queue_base_reg(d->cmdq, d->cmdq_log2, false));
    wr(d, CMDQ_PROD, d->cmdq_prod);
    wr(d, CMDQ_CONS, d->cmdq_prod);
}

static void setup_evtq(SmmuDrv *d)
{
    wrq(d, EVENTQ_BASE, sb_queue_base_reg(d->evtq, d->evtq_log2, false));
    wr(d, EVENTQ_PROD, d->evtq_cons);
    wr(d, EVENTQ_CONS, d->evtq_cons);
}

/* arm_smmu_device_reset() */
static void device_reset(SmmuDrv *d, bool invalidate, bool msis)
{
    uint32_t enables;
    uint64_t c[2];

    /* an SMMU left enabled: abort rather than bypass while it is off */
    if (rd(d, CR0) & CR0_SMMUEN) {
        smmu_drv_update_gbpa(d, GBPA_ABORT, 0);
    }
    smmu_drv_set_cr0(d, 0);
    wr(d, CR2, d->cr2);
    wrq(d, STRTAB_BASE, d->strtab_base);
    wr(d, STRTAB_BASE_CFG, d->strtab_base_cfg);

    setup_queues(d);
    enables = CR0_CMDQEN;
    smmu_drv_set_cr0(d, enables);
    if (invalidate) {
        sb_cmd_cfgi_all(c);
        smmu_drv_cmd_with_sync(d, c);
        sb_cmd_tlbi_nsnh_all(c);
        smmu_drv_cmd_with_sync(d, c);
    }

    setup_evtq(d);
    enables |= CR0_EVENTQEN;
    smmu_drv_set_cr0(d, enables);

    setup_irqs(d, msis);
    enables |= CR0_SMMUEN;
    smmu_drv_set_cr0(d, enables);
}

void smmu_drv_device_reset(SmmuDrv *d, bool invalidate)
{
    device_reset(d, invalidate, false);
}

void smmu_drv_probe(SmmuDrv *d)
{
    device_reset(d, true, true);
}

void smmu_drv_suspend(SmmuDrv *d)
{
    /* every command issued so far consumed: nothing is lost at power-off */
    if (!smmu_drv_cmd_sync(d)) {
        g_error("smmu-driver: command queue not drained at suspend: "
                "CMDQ_CONS 0x%x, PROD 0x%x", rd(d, CMDQ_CONS), d->cmdq_prod);
    }
    smmu_drv_set_cr0(d, 0);
    /* GBPA.ABORT resets to an IMPLEMENTATION DEFINED value: no bypass */
    smmu_drv_update_gbpa(d, GBPA_ABORT, 0);
}

void smmu_drv_resume(SmmuDrv *d)
{
    /* the power-off lost them, and the reset enables the interrupts */
    smmu_drv_restore_msis(d);
    device_reset(d, true, false);
}
