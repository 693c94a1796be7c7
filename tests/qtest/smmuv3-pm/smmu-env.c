/*
 * arm-smmuv3-pm qtests: a driver-like environment for the engine tests
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "smmu-env.h"
#include "qtest-util.h"

static const unsigned env_devfn[ENV_MASTERS] = { DMAM_DEVFN, DMAM2_DEVFN };

void env_use_master(Env *e, unsigned i)
{
    g_assert_cmpuint(i, <, ENV_MASTERS);
    e->dm = &e->masters[i];
}

/* ---- Guest memory and registers ---------------------------------------- */

/*
 * The builder's memory: the Env's QEMU of the moment (env_migrate
 * replaces it).  base64 (b64write): QEMU takes it far faster than
 * qtest_memwrite's hex.
 */
static void mem_write(void *opaque, uint64_t addr, const void *buf,
                      size_t len)
{
    qtest_bufwrite(((Env *)opaque)->qts, addr, buf, len);
}

static void mem_read(void *opaque, uint64_t addr, void *buf, size_t len)
{
    qtest_memread(((Env *)opaque)->qts, addr, buf, len);
}

/* SmmuDrvOps: the driver model reaches the SMMU through qtest */
static uint32_t drv_read32(void *opaque, uint32_t off)
{
    return env_rd(opaque, off);
}

static void drv_write32(void *opaque, uint32_t off, uint32_t val)
{
    env_wr(opaque, off, val);
}

static void drv_write64(void *opaque, uint32_t off, uint64_t val)
{
    env_wrq(opaque, off, val);
}

static void drv_mem_write(void *opaque, uint64_t addr, const void *buf,
                          size_t len)
{
    qtest_memwrite(((Env *)opaque)->qts, addr, buf, len);
}

/* The qtest accelerator's virtual clock moves only when a test steps it */
static void drv_delay_ns(void *opaque, uint64_t ns)
{
    qtest_clock_step(((Env *)opaque)->qts, ns);
}

static const SmmuDrvOps drv_ops = {
    .read32 = drv_read32, .write32 = drv_write32, .write64 = drv_write64,
    .mem_write = drv_mem_write, .delay_ns = drv_delay_ns,
};

uint32_t env_rd(Env *e, uint32_t off)
{
    return qtest_readl(e->qts, e->base + off);
}

void env_wr(Env *e, uint32_t off, uint32_t v)
{
    qtest_writel(e->qts, e->base + off, v);
}

void env_wrq(Env *e, uint32_t off, uint64_t v)
{
    qtest_writeq(e->qts, e->base + off, v);
}

uint32_t env_gerror_active(Env *e)
{
    return env_rd(e, R_GERROR) ^ env_rd(e, R_GERRORN);
}

void env_set_cr0(Env *e, uint32_t v)
{
    smmu_drv_set_cr0(&e->drv, v);
}

/* ---- Wired interrupts, at the GIC distributor (IHI 0069) ---------------- */

#define GICD_ISPENDR        0x200
#define GICD_ICPENDR        0x280
#define GICD_ICFGR          0xc00

static uint32_t env_intid(Env *e, int line)
{
    return e->dt.spi[line] + 32;
}

void env_irq_reset(Env *e)
{
    for (int line = 0; line < SMMU_DT_NUM_IRQS; line++) {
        uint32_t intid = env_intid(e, line);
        uint64_t cfg = e->dt.gic_dist_base + GICD_ICFGR + intid / 16 * 4;

        /* the SMMU's lines are edge-triggered: make the GIC latch them */
        qtest_writel(e->qts, cfg,
                     qtest_readl(e->qts, cfg) | 2u << (intid % 16 * 2));
        qtest_writel(e->qts, e->dt.gic_dist_base + GICD_ICPENDR +
                     intid / 32 * 4, 1u << (intid % 32));
    }
}

bool env_irq_pending(Env *e, int line)
{
    uint32_t intid = env_intid(e, line);

    return qtest_readl(e->qts, e->dt.gic_dist_base + GICD_ISPENDR +
                       intid / 32 * 4) >> (intid % 32) & 1;
}

/* ---- Queues -------------------------------------------------------------- */

void env_cmd_push(Env *e, const uint64_t cmd[2])
{
    smmu_drv_cmd_push(&e->drv, cmd);
}

/* Issue @c followed by CMD_SYNC; the queue must drain without error */
void env_cmd(Env *e, const uint64_t c[2])
{
    smmu_drv_cmd_with_sync(&e->drv, c);
    g_assert_cmphex(env_rd(e, R_CMDQ_CONS), ==, e->drv.cmdq_prod);
    g_assert_cmphex(env_gerror_active(e), ==, 0);
}

void env_cfgi_ste(Env *e, uint32_t sid)
{
    uint64_t c[2];

    sb_cmd_cfgi_ste(c, sid, true);
    env_cmd(e, c);
}

void env_ste_update(Env *e, uint32_t sid, const SbSte *ste)
{
    sb_ste_write(&e->sb, &e->st, sid, ste);
    env_cfgi_ste(e, sid);
}

void env_invalidate_all(Env *e)
{
    uint64_t c[2];

    sb_cmd_cfgi_all(c);
    env_cmd(e, c);
    sb_cmd_tlbi_nsnh_all(c);
    env_cmd(e, c);
}

bool env_event_pending(Env *e)
{
    uint32_t mask = (2u << e->drv.evtq_log2) - 1;

    return (env_rd(e, R_EVENTQ_PROD) & mask) != (e->drv.evtq_cons & mask);
}

void env_event_pop(Env *e, uint64_t rec[4])
{
    g_assert_true(env_event_pending(e));
    sb_evtq_pop(&e->sb, e->drv.evtq, e->drv.evtq_log2, &e->drv.evtq_cons,
                rec);
    env_wr(e, R_EVENTQ_CONS, e->drv.evtq_cons |
       (env_rd(e, R_EVENTQ_PROD) & Q_OVFLG));
}

/* The next event must be exactly @want, all 32 bytes */
void env_expect_event(Env *e, const SbEvent *want)
{
    uint64_t rec[4], exp[4];
    SbEvent got;

    if (!env_event_pending(e)) {
        g_test_message("no event; wanted %s", sb_event_name(want->type));
    }
    env_event_pop(e, rec);
    sb_event_decode(rec, &got);
    sb_event_encode(want, exp);
    if (memcmp(rec, exp, sizeof(rec))) {
        g_test_message("got %s %016" PRIx64 " %016" PRIx64 " %016" PRIx64
                       " %016" PRIx64, sb_event_name(got.type), rec[0],
                       rec[1], rec[2], rec[3]);
        g_test_message("want %s %016" PRIx64 " %016" PRIx64 " %016" PRIx64
                       " %016" PRIx64, sb_event_name(want->type), exp[0],
                       exp[1], exp[2], exp[3]);
    }
    g_assert_cmphex(rec[0], ==, exp[0]);
    g_assert_cmphex(rec[1], ==, exp[1]);
    g_assert_cmphex(rec[2], ==, exp[2]);
    g_assert_cmphex(rec[3], ==, exp[3]);
}

void env_expect_no_event(Env *e)
{
    if (env_event_pending(e)) {
        uint64_t rec[4];
        SbEvent ev;

        env_event_pop(e, rec);
        sb_event_decode(rec, &ev);
        g_test_message("unexpected %s: %016" PRIx64 " %016" PRIx64
                       " %016" PRIx64 " %016" PRIx64, sb_event_name(ev.type),
                       rec[0], rec[1], rec[2], rec[3]);
        g_assert_not_reached();
    }
}

/* ---- Setup --------------------------------------------------------------- */

/* QEMU with the command line @args (the Env takes it) */
static void start_args(Env *e, char *args, bool smmu)
{
    SmmuBuilderMem mem;

    memset(e, 0, sizeof(*e));
    e->tables = g_ptr_array_new_with_free_func((GDestroyNotify)sb_pgt_free);
    e->drv = (SmmuDrv) { .ops = &drv_ops, .opaque = e };
    e->args = args;
    e->qts = qtest_init(e->args);
    if (smmu) {
        smmu_dt_info(e->qts, &e->dt);
    } else {
        smmu_dt_machine_info(e->qts, &e->dt);
    }
    e->base = e->dt.base;
    mem = (SmmuBuilderMem) { mem_write, mem_read, e };
    sb_init(&e->sb, &mem, e->dt.ram_base + POOL_OFFSET, POOL_SIZE);
    e->data = sb_alloc(&e->sb, 4 * 1024 * 1024, 2 * 1024 * 1024);
    for (int i = 0; i < ENV_MASTERS; i++) {
        dmam_init(&e->masters[i], e->qts, e->dt.ecam_base, env_devfn[i],
                  e->dt.pci_mmio32_pci + i * DMAM_BAR_SIZE,
                  e->dt.pci_mmio32_base + i * DMAM_BAR_SIZE);
    }
    e->dm = &e->masters[0];
}

/* QEMU with @devices before the SMMU, SMMU @props, first master's props */
static void start(Env *e, const char *devices, const char *props,
                  const char *master_props)
{
    start_args(e, g_strdup_printf("-machine virt,gic-version=3 -cpu max "
                                  "-net none -m 512M %s -device "
                                  "arm-smmuv3-pm,id=smmu0,primary-bus=pcie.0"
                                  "%s%s -device smmu-dma-master,addr=0x3%s%s "
                                  "-device smmu-dma-master,addr=0x4",
                                  devices, *props ? "," : "", props,
                                  *master_props ? "," : "", master_props),
               true);
}

void env_start_args(Env *e, const char *args, bool smmu)
{
    start_args(e, g_strdup(args), smmu);
}

void env_start(Env *e, const char *props)
{
    start(e, "", props, "");
}

void env_start_masters(Env *e, const char *props, const char *master_props)
{
    start(e, "", props, master_props);
}

void env_start_with(Env *e, const char *devices, const char *props)
{
    start(e, devices, props, "");
}

/* Queues and stream table @st, probed by the Linux driver's model */
void env_enable(Env *e, SbStrtab st, unsigned evtq_log2)
{
    e->st = st;
    e->drv = (SmmuDrv) {
        .ops = &drv_ops, .opaque = e,
        .cmdq = sb_queue_alloc(&e->sb, CMDQ_LOG2, 16),
        .cmdq_log2 = CMDQ_LOG2,
        .evtq = sb_queue_alloc(&e->sb, evtq_log2, 32),
        .evtq_log2 = evtq_log2,
        .strtab_base = sb_strtab_base_reg(&st, false),
        .strtab_base_cfg = sb_strtab_base_cfg_reg(&st),
        .cr2 = CR2_RECINVSID,
    };
    smmu_drv_probe(&e->drv);
}

/*
 * Everything that reaches QEMU goes through e->qts (the builder's memory
 * and the driver's registers take @e as their opaque), so only it and the
 * masters' copies change
 */
void env_migrate(Env *e)
{
    QTestState *dst = migrate_to_new(e->qts, e->args);

    qtest_quit(e->qts);
    e->qts = dst;
    for (int i = 0; i < ENV_MASTERS; i++) {
        e->masters[i].qts = dst;
    }
}

void env_stop(Env *e)
{
    qtest_quit(e->qts);
    g_ptr_array_free(e->tables, true);
    e->tables = NULL;
    g_free(e->args);
    e->args = NULL;
}

/* A recognisable 64-byte pattern derived from @seed at @pa */
void env_fill(Env *e, uint64_t pa, uint8_t seed)
{
    uint8_t buf[64];

    for (int i = 0; i < sizeof(buf); i++) {
        buf[i] = seed + i * 7;
    }
    qtest_memwrite(e->qts, pa, buf, sizeof(buf));
}

/* Read 64 bytes at @iova and check they are what env_fill(@pa, @seed) put */
void env_expect_read(Env *e, uint64_t iova, uint32_t pasid, uint64_t pa,
                        uint8_t seed)
{
    uint8_t got[64], want[64];

    env_fill(e, pa, seed);
    qtest_memread(e->qts, pa, want, sizeof(want));
    if (dmam_read(e->dm, iova, got, sizeof(got), pasid, 0) !=
        DMAM_STATUS_DONE) {
        g_test_message("read of iova 0x%" PRIx64 " faulted", iova);
        env_expect_no_event(e);
        g_assert_not_reached();
    }
    if (memcmp(got, want, sizeof(got))) {
        g_test_message("iova 0x%" PRIx64 " pasid 0x%x pa 0x%" PRIx64
                       ": got %02x %02x, want %02x %02x", iova, pasid, pa,
                       got[0], got[1], want[0], want[1]);
    }
    g_assert_cmpmem(got, sizeof(got), want, sizeof(want));
}

void env_expect_write(Env *e, uint64_t iova, uint32_t pasid, uint64_t pa)
{
    uint8_t buf[16], got[16];

    for (int i = 0; i < sizeof(buf); i++) {
        buf[i] = 0xa0 + i;
    }
    g_assert_cmpint(dmam_write(e->dm, iova, buf, sizeof(buf), pasid, 0), ==,
                    DMAM_STATUS_DONE);
    qtest_memread(e->qts, pa, got, sizeof(got));
    g_assert_cmpmem(got, sizeof(got), buf, sizeof(buf));
}

void env_expect_fault(Env *e, uint64_t iova, uint32_t pasid, bool write,
                         unsigned attrs)
{
    uint8_t buf[8] = { 0 };
    int st = write ? dmam_write(e->dm, iova, buf, 8, pasid, attrs)
                   : dmam_read(e->dm, iova, buf, 8, pasid, attrs);

    g_assert_cmpint(st, ==, DMAM_STATUS_FAULTED);
}

/* ---- Configurations ------------------------------------------------------ */

/* Non-global (nG=1) like Linux's stage-1 mappings, EL0 RW / RO */
const SbPte env_pte_rw = { .af = true, .ap = 1, .sh = 3, .ng = true };
const SbPte env_pte_ro = { .af = true, .ap = 3, .sh = 3, .ng = true };
const SbPte env_pte_global = { .af = true, .ap = 1, .sh = 3 };
const SbPte env_pte_s2_rw = { .af = true, .s2ap = 3, .sh = 3,
                                 .memattr = 0xf };

void env_s1_setup(Env *e, EnvS1 *s, unsigned granule, unsigned s1cdmax,
                     unsigned s1fmt)
{
    memset(s, 0, sizeof(*s));
    s->pt = sb_pgt_new(&e->sb, 1, granule, 64 - 48, -1, 1, false);
    g_ptr_array_add(e->tables, s->pt);
    s->cd = (SbCd) {
        .v = true, .aa64 = true, .r = true, .a = true, .ips = 5,
        .epd1 = true, .asid = 1, .t0sz = 16,
    };
    sb_pgt_fill_cd(s->pt, &s->cd);
    s->cdtab = s1fmt ? sb_cdtab_2lvl(&e->sb, s1cdmax, s1fmt)
                     : sb_cdtab_linear(&e->sb, s1cdmax);
    s->ste = (SbSte) { .v = true, .config = SB_STE_CFG_S1 };
    sb_ste_set_cdtab(&s->ste, &s->cdtab);
}

/* A stage-2 regime with @granule for the DMA master */
SbPgtable *env_s2_setup(Env *e, SbSte *ste, unsigned granule,
                           unsigned config)
{
    SbPgtable *pt = sb_pgt_new(&e->sb, 2, granule, 64 - 40, -1, 1, false);

    g_ptr_array_add(e->tables, pt);
    *ste = (SbSte) {
        .v = true, .config = config, .s2vmid = 7, .s2aa64 = true,
        .s2r = true, .s2ps = 2, .s2sh0 = 3, .s2ir0 = 1, .s2or0 = 1,
    };
    sb_pgt_fill_ste(pt, ste);
    return pt;
}

