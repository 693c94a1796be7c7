/*
 * arm-smmuv3-pm unit tests: a whole core over a flat fake memory
 *
 * Shared by the engine unit tests and the translation benchmark: a core
 * with the default configuration (or a caller's), 64 MiB of RAM at
 * ENV_RAM_BASE (accesses elsewhere abort, as an unbacked bus address
 * would), the structure builder over that RAM, and helpers to enable the
 * SMMU, issue commands and pop events through the register file.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMUV3_PM_TESTS_ENGINE_ENV_H
#define SMMUV3_PM_TESTS_ENGINE_ENV_H

#include <glib.h>
#include <string.h>

#include "hw/arm/smmuv3-pm/core/smmuv3-pm-core.h"
#include "hw/arm/smmuv3-pm/core/base/arch.h"
#include "smmu-builder.h"
#include "hw/arm/smmuv3-pm/core/xlate/translate.h"
#include "fake-host.h"

#define ENV_RAM_BASE    0x40000000ULL
#define ENV_RAM_SIZE    (64ULL << 20)
#define ENV_CMDQ_LOG2   8
#define ENV_EVTQ_LOG2   8

typedef struct Env {
    SmmuPmCore core;
    FakeHost host;
    SmmuPmHostOps ops;
    uint8_t *ram;
    uint64_t dma_reads;
    SmmuBuilder sb;
    SbStrtab st;
    uint64_t cmdq;
    uint64_t evtq;
    uint32_t cmdq_prod;
    uint32_t evtq_cons;
} Env;

static inline bool env_in_ram(uint64_t addr, uint64_t len)
{
    return addr >= ENV_RAM_BASE && len <= ENV_RAM_SIZE &&
           addr - ENV_RAM_BASE <= ENV_RAM_SIZE - len;
}

static bool env_dma_read(void *opaque, uint64_t addr, void *buf,
                         unsigned len)
{
    Env *e = opaque;

    e->dma_reads++;
    if (!env_in_ram(addr, len)) {
        memset(buf, 0xff, len);
        return false;
    }
    memcpy(buf, e->ram + (addr - ENV_RAM_BASE), len);
    return true;
}

static bool env_dma_write(void *opaque, uint64_t addr, const void *buf,
                          unsigned len)
{
    Env *e = opaque;

    if (!env_in_ram(addr, len)) {
        return false;
    }
    memcpy(e->ram + (addr - ENV_RAM_BASE), buf, len);
    return true;
}

/* Host callbacks: the fake host's recorders, redirected to the Env */
static void env_log(void *o, SmmuPmLogKind k, const char *m)
{
    fake_host_log(&((Env *)o)->host, k, m);
}

static void env_pulse(void *o, SmmuPmIrq l)
{
    fake_host_pulse_irq(&((Env *)o)->host, l);
}

static bool env_msi(void *o, uint64_t a, uint32_t d, uint32_t attr)
{
    return fake_host_send_msi(&((Env *)o)->host, a, d, attr);
}

static void env_changed(void *o)
{
    fake_host_translation_changed(&((Env *)o)->host);
}

/* Commands run at once, as the QEMU binding runs them after the access */
static void env_kick(void *o)
{
    ((Env *)o)->host.kicks++;
}

static void env_mem_write(void *opaque, uint64_t addr, const void *buf,
                          size_t len)
{
    Env *e = opaque;

    g_assert_true(env_in_ram(addr, len));
    memcpy(e->ram + (addr - ENV_RAM_BASE), buf, len);
}

static void env_mem_read(void *opaque, uint64_t addr, void *buf, size_t len)
{
    Env *e = opaque;

    g_assert_true(env_in_ram(addr, len));
    memcpy(buf, e->ram + (addr - ENV_RAM_BASE), len);
}

/* A core with @cfg (NULL: generic preset, nested stages, MSIs) */
static inline void env_init(Env *e, const SmmuPmConfig *cfg)
{
    SmmuBuilderMem mem = { env_mem_write, env_mem_read, e };
    SmmuPmUserConfig user;
    SmmuPmConfig def;
    char *err = NULL;

    memset(e, 0, sizeof(*e));
    fake_host_init(&e->host);
    e->ops = (SmmuPmHostOps) {
        .log = env_log, .pulse_irq = env_pulse, .send_msi = env_msi,
        .translation_changed = env_changed, .dma_read = env_dma_read,
        .dma_write = env_dma_write, .kick = env_kick,
    };
    if (!cfg) {
        smmu_pm_user_config_init(&user);
        user.stage = "nested";
        user.msi = 1;
        g_assert_true(smmu_pm_config_resolve(&user, &def, &err));
        cfg = &def;
    }
    e->ram = g_malloc0(ENV_RAM_SIZE);
    smmu_pm_core_init(&e->core, cfg, NULL, &e->ops, e);
    smmu_pm_core_reset(&e->core);
    sb_init(&e->sb, &mem, ENV_RAM_BASE, ENV_RAM_SIZE);
}

static inline void env_free(Env *e)
{
    smmu_pm_core_finalize(&e->core);
    fake_host_destroy(&e->host);
    g_free(e->ram);
}

static inline void env_wr(Env *e, uint32_t off, uint64_t v, unsigned size)
{
    smmu_pm_mmio_write(&e->core, off, v, size);
    smmu_pm_core_run(&e->core);
}

static inline uint32_t env_rd(Env *e, uint32_t off)
{
    return smmu_pm_mmio_read(&e->core, off, 4);
}

static inline void env_cmd_push(Env *e, const uint64_t cmd[2])
{
    sb_queue_push(&e->sb, e->cmdq, ENV_CMDQ_LOG2, &e->cmdq_prod, cmd);
    env_wr(e, A_CMDQ_PROD, e->cmdq_prod, 4);
}

/* New command and event queues and @st as the stream table, programmed */
static inline void env_program(Env *e, SbStrtab st)
{
    e->st = st;
    e->cmdq = sb_queue_alloc(&e->sb, ENV_CMDQ_LOG2, 16);
    e->evtq = sb_queue_alloc(&e->sb, ENV_EVTQ_LOG2, 32);
    env_wr(e, A_CMDQ_BASE, sb_queue_base_reg(e->cmdq, ENV_CMDQ_LOG2, false),
           8);
    env_wr(e, A_EVENTQ_BASE,
           sb_queue_base_reg(e->evtq, ENV_EVTQ_LOG2, false), 8);
    env_wr(e, A_STRTAB_BASE, sb_strtab_base_reg(&st, false), 8);
    env_wr(e, A_STRTAB_BASE_CFG, sb_strtab_base_cfg_reg(&st), 4);
    env_wr(e, A_CR2, R_CR2_RECINVSID_MASK, 4);
}

/* Queues, @st as the stream table, invalidate everything, SMMUEN=1 */
static inline void env_enable(Env *e, SbStrtab st)
{
    uint64_t c[2];

    env_program(e, st);
    env_wr(e, A_CR0, R_CR0_CMDQEN_MASK | R_CR0_EVENTQEN_MASK, 4);
    sb_cmd_cfgi_all(c);
    env_cmd_push(e, c);
    sb_cmd_tlbi_nsnh_all(c);
    env_cmd_push(e, c);
    env_wr(e, A_CR0, R_CR0_CMDQEN_MASK | R_CR0_EVENTQEN_MASK |
           R_CR0_SMMUEN_MASK, 4);
}

static inline unsigned env_events(Env *e)
{
    uint32_t prod = env_rd(e, A_EVENTQ_PROD) &
                    ((2u << ENV_EVTQ_LOG2) - 1);

    return (prod - e->evtq_cons) & ((2u << ENV_EVTQ_LOG2) - 1);
}

static inline void env_event_pop(Env *e, SbEvent *ev)
{
    uint64_t rec[4];

    g_assert_cmpuint(env_events(e), >, 0);
    sb_evtq_pop(&e->sb, e->evtq, ENV_EVTQ_LOG2, &e->evtq_cons, rec);
    env_wr(e, A_EVENTQ_CONS, e->evtq_cons, 4);
    sb_event_decode(rec, ev);
}

static inline SmmuPmTxnResult env_translate(Env *e, uint32_t sid,
                                            uint32_t ssid, bool ssv,
                                            uint64_t addr, bool write)
{
    SmmuPmTxn t = { .sid = sid, .ssv = ssv, .ssid = ssid, .addr = addr,
                    .write = write };
    SmmuPmTxnResult r;

    smmu_pm_translate(&e->core, &t, &r);
    return r;
}

#endif /* SMMUV3_PM_TESTS_ENGINE_ENV_H */
