/*
 * arm-smmuv3-pm core: interrupts
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "hw/arm/smmuv3-pm/core/base/irq.h"
#include "hw/arm/smmuv3-pm/core/base/arch.h"
#include "hw/arm/smmuv3-pm/core/base/log.h"

typedef struct IrqSource {
    uint32_t irqen;             /* IRQ_CTRL bit */
    uint32_t msi_abt;           /* GERROR bit for a failed MSI */
    const char *name;
} IrqSource;

static const IrqSource irq_sources[SMMU_PM_IRQ__MAX] = {
    [SMMU_PM_IRQ_EVENTQ] = { R_IRQ_CTRL_EVENTQ_IRQEN_MASK,
                             R_GERROR_MSI_EVENTQ_ABT_ERR_MASK, "eventq" },
    [SMMU_PM_IRQ_PRIQ] = { R_IRQ_CTRL_PRIQ_IRQEN_MASK,
                           R_GERROR_MSI_PRIQ_ABT_ERR_MASK, "priq" },
    [SMMU_PM_IRQ_CMD_SYNC] = { 0, R_GERROR_MSI_CMDQ_ABT_ERR_MASK,
                               "cmd-sync" },
    [SMMU_PM_IRQ_GERROR] = { R_IRQ_CTRL_GERROR_IRQEN_MASK,
                             R_GERROR_MSI_GERROR_ABT_ERR_MASK, "gerror" },
};

const char *smmu_pm_irq_name(SmmuPmIrq src)
{
    return src < SMMU_PM_IRQ__MAX ? irq_sources[src].name : "unknown";
}

static const SmmuPmQueueRegs *source_cfg(const SmmuPmCore *c, SmmuPmIrq src)
{
    return src == SMMU_PM_IRQ_EVENTQ ? &c->regs.eventq : &c->regs.priq;
}

/*
 * A failed MSI sets its GERROR bit.  For the GERROR interrupt itself that
 * must not signal again (it would only fail again), so toggle directly.
 */
static void msi_failed(SmmuPmCore *c, SmmuPmIrq src)
{
    uint32_t bit = irq_sources[src].msi_abt;

    c->stats.msi_aborts++;
    smmu_pm_log(c, SMMU_PM_LOG_INFO, "%s MSI write aborted",
                irq_sources[src].name);
    if (src == SMMU_PM_IRQ_GERROR) {
        if (!(smmu_pm_active_gerrors(c) & bit)) {
            c->regs.gerror ^= bit;
            c->stats.gerrors++;
        }
        return;
    }
    smmu_pm_raise_gerror(c, bit);
}

static void deliver(SmmuPmCore *c, SmmuPmIrq src, uint64_t addr,
                    uint32_t data, uint32_t attr)
{
    addr &= R_IRQ_CFG0_ADDR_MASK;
    if (c->cfg.msi && addr) {
        c->stats.msis++;
        if (!c->host->send_msi(c->host_opaque, addr, data, attr)) {
            msi_failed(c, src);
        }
        return;
    }
    c->stats.irq_pulses[src]++;
    c->host->pulse_irq(c->host_opaque, src);
}

void smmu_pm_irq_signal(SmmuPmCore *c, SmmuPmIrq src)
{
    const SmmuPmQueueRegs *q;

    if (!(c->regs.irq_ctrlack & irq_sources[src].irqen)) {
        return;
    }
    if (src == SMMU_PM_IRQ_GERROR) {
        deliver(c, src, c->regs.gerror_irq_cfg0, c->regs.gerror_irq_cfg1,
                c->regs.gerror_irq_cfg2);
        return;
    }
    q = source_cfg(c, src);
    deliver(c, src, q->irq_cfg0, q->irq_cfg1, q->irq_cfg2);
}

void smmu_pm_irq_cmd_sync(SmmuPmCore *c, uint64_t msi_addr,
                          uint32_t msi_data, uint32_t msi_attr)
{
    deliver(c, SMMU_PM_IRQ_CMD_SYNC, msi_addr, msi_data, msi_attr);
}

/* ---- Global errors ----------------------------------------------------- */

uint32_t smmu_pm_raise_gerror(SmmuPmCore *c, uint32_t errors)
{
    uint32_t raised = errors & SMMU_GERROR_VALID_MASK &
                      ~smmu_pm_active_gerrors(c);

    if (!raised) {
        return 0;
    }
    c->regs.gerror ^= raised;
    c->stats.gerrors += __builtin_popcount(raised);
    smmu_pm_log(c, SMMU_PM_LOG_INFO, "GERROR 0x%x raised (GERROR=0x%x)",
                raised, c->regs.gerror);
    smmu_pm_irq_signal(c, SMMU_PM_IRQ_GERROR);
    return raised;
}
