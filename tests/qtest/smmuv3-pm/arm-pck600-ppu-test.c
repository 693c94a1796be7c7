/*
 * arm-pck600-ppu qtests: the PPUs as a guest finds and drives them
 *
 * The device tree the A733 binding asks for (and the SMMU's
 * power-domains), every register of every domain at reset and after a
 * system reset, ON -> OFF -> ON the way Linux's sun55i-pck600 driver
 * does it with PWSR following after the transition latency in virtual
 * time, unsupported policies, accesses to no domain, the lock, the
 * domain outputs and migration.  Then the SMMU in a PPU domain: it loses
 * its state when the domain goes off, and the PM checker sees what
 * happens while it is off.
 *
 * Expected values are written out from Arm DEN 0051E, the PCK-600 TRM
 * and the binding, not taken from the model's definitions.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include <libfdt.h>
#include "qobject/qdict.h"
#include "smmu-env.h"
#include "qtest-util.h"

#define MACHINE     "-machine virt,gic-version=3 -cpu max -net none "
#define PPU_PATH    "/machine/peripheral/ppu0"
#define SMMU_PATH   "/machine/peripheral/smmu0"
#define COMPATIBLE  "allwinner,sun60i-a733-pck-600"

/* virt's platform bus window (hw/arm/virt.c memmap) */
#define PLATFORM_BUS_BASE 0x0c000000ull
#define PLATFORM_BUS_SIZE 0x02000000ull

/* DEN 0051E register offsets, in each domain's 4 KiB block */
#define BLOCK       0x1000
#define PWPR        0x000
#define PMER        0x004
#define PWSR        0x008
#define UNLK        0x01c
#define PWCR        0x020
#define IMR         0x030
#define AIMR        0x034
#define ISR         0x038
#define AISR        0x03c
#define DCDR0       0x170
#define DCDR1       0x174
#define IDR0        0xfb0
#define IDR1        0xfb4
#define IIDR        0xfc8
#define AIDR        0xfcc

/* Power modes and PWPR/PWSR bits */
#define OFF         0x0
#define MEM_RET     0x2
#define ON          0x8
#define WARM_RST    0x9
#define DYN_EN      (1u << 8)
#define LOCK_EN     (1u << 12)
#define LOCK_STATUS (1u << 12)
/* ISR/AISR bits */
#define STA_POLICY_TRN  (1u << 0)
#define LOCKED_IRQ      (1u << 5)
#define OTHER_IRQ       (1u << 7)
#define UNSPT_POLICY    (1u << 0)

#define A733_DOMAINS    11
#define PD_PCIE         7       /* the A733 binding's domain 7 */

typedef struct PpuEnv {
    QTestState *qts;
    uint64_t base;              /* from the DT, as the guest finds it */
    uint64_t size;
} PpuEnv;

/* The PPU node of @fdt (there is exactly one) */
static int ppu_node(const void *fdt)
{
    int node = fdt_node_offset_by_compatible(fdt, -1, COMPATIBLE);

    g_assert_cmpint(node, >=, 0);
    g_assert_cmpint(fdt_node_offset_by_compatible(fdt, node, COMPATIBLE),
                    <, 0);
    return node;
}

static void ppu_start(PpuEnv *e, const char *args)
{
    g_autofree void *fdt = NULL;

    e->qts = qtest_initf(MACHINE "%s", args);
    fdt = smmu_dt_fetch(e->qts);
    e->base = smmu_dt_reg_address(fdt, ppu_node(fdt), 0, &e->size);
}

static uint32_t rd(PpuEnv *e, unsigned dom, uint32_t off)
{
    return qtest_readl(e->qts, e->base + dom * BLOCK + off);
}

static void wr(PpuEnv *e, unsigned dom, uint32_t off, uint32_t v)
{
    qtest_writel(e->qts, e->base + dom * BLOCK + off, v);
}

/* Linux's sunxi_pck600_pd_set_power(): PWR_POLICY in PWPR, read back */
static void linux_set_power(PpuEnv *e, unsigned dom, bool on)
{
    uint32_t v = rd(e, dom, PWPR);

    wr(e, dom, PWPR, (v & ~0xfu) | (on ? ON : OFF));
    rd(e, dom, PWPR);
}

/* "stats" over QMP; free with qobject_unref() */
static QDict *stats_get(QTestState *qts)
{
    return qom_get_dict(qts, PPU_PATH, "stats");
}

static QDict *stats_domain(QDict *st, const char *name)
{
    QDict *d = qdict_get_qdict(qdict_get_qdict(st, "domains"), name);

    g_assert_nonnull(d);
    return d;
}

/* ---- The device tree --------------------------------------------------- */

static void test_dt(void)
{
    PpuEnv e;
    g_autofree void *fdt = NULL;
    int node, clk, smmu, len;
    const fdt32_t *pd;
    const char *compat;

    ppu_start(&e, "-device arm-pck600-ppu,id=ppu0 -device arm-smmuv3-pm,"
              "primary-bus=pcie.0,power-controller=ppu0,power-domain=7");
    fdt = smmu_dt_fetch(e.qts);
    node = ppu_node(fdt);

    compat = fdt_getprop(fdt, node, "compatible", &len);
    g_assert_cmpint(len, ==, strlen(COMPATIBLE) + 1);
    g_assert_cmpstr(compat, ==, COMPATIBLE);
    /* one 4 KiB block per domain, in the platform bus window */
    g_assert_cmphex(e.size, ==, A733_DOMAINS * BLOCK);
    g_assert_cmphex(e.base % BLOCK, ==, 0);
    g_assert_cmphex(e.base, >=, PLATFORM_BUS_BASE);
    g_assert_cmphex(e.base + e.size, <=, PLATFORM_BUS_BASE +
                    PLATFORM_BUS_SIZE);
    g_assert_cmpuint(smmu_dt_prop_u32(fdt, node, "#power-domain-cells"), ==,
                     1);
    /* the binding requires a clock: virt's APB clock, a fixed-clock */
    clk = fdt_node_offset_by_phandle(fdt, smmu_dt_prop_u32(fdt, node,
                                                           "clocks"));
    g_assert_cmpint(clk, ==, fdt_path_offset(fdt, "/apb-pclk"));
    g_assert_cmpstr(fdt_getprop(fdt, clk, "compatible", NULL), ==,
                    "fixed-clock");
    /* the A733 has no reset line; the binding has no interrupts */
    g_assert_null(fdt_getprop(fdt, node, "resets", NULL));
    g_assert_null(fdt_getprop(fdt, node, "interrupts", NULL));

    /* the SMMU is a consumer of domain 7 */
    smmu = smmu_dt_find_smmu(fdt);
    pd = fdt_getprop(fdt, smmu, "power-domains", &len);
    g_assert_nonnull(pd);
    g_assert_cmpint(len, ==, 8);
    g_assert_cmpuint(fdt32_to_cpu(pd[0]), ==,
                     smmu_dt_prop_u32(fdt, node, "phandle"));
    g_assert_cmpuint(fdt32_to_cpu(pd[1]), ==, PD_PCIE);
    qtest_quit(e.qts);

    /* reg follows num-domains */
    ppu_start(&e, "-device arm-pck600-ppu,id=ppu0,num-domains=3");
    g_assert_cmphex(e.size, ==, 3 * BLOCK);
    qtest_quit(e.qts);

    /* no device, no node */
    e.qts = qtest_init(MACHINE);
    g_free(fdt);
    fdt = smmu_dt_fetch(e.qts);
    g_assert_cmpint(fdt_node_offset_by_compatible(fdt, -1, COMPATIBLE), <, 0);
    qtest_quit(e.qts);
}

/* ---- Registers --------------------------------------------------------- */

/* Every register of @dom's block at its reset value, the mode @mode */
static void assert_reset_block(PpuEnv *e, unsigned dom, uint32_t mode)
{
    static const struct { uint32_t off, val; } regs[] = {
        { PMER, 0 }, { 0x010, 0 }, { 0x014, 0 }, { 0x018, 0 }, { UNLK, 0 },
        { PWCR, 0x1 }, { 0x024, 0 }, { IMR, 0x3a }, { AIMR, 0x1e },
        { ISR, 0 }, { AISR, 0 }, { 0x040, 0 }, { 0x044, 0 },
        { DCDR0, 0 }, { DCDR1, 0 }, { 0xc00, 0 }, { 0xc04, 0 },
        { 0xc10, 0 },
        { IDR0, 0x00010101 }, { IDR1, 0x6 }, { IIDR, 0x0b60043b },
        { AIDR, 0x11 },
        { 0xfd0, 0x04 }, { 0xfe0, 0xb6 }, { 0xfe4, 0xb0 }, { 0xfe8, 0x0b },
        { 0xfec, 0 }, { 0xff0, 0x0d }, { 0xff4, 0xf0 }, { 0xff8, 0x05 },
        { 0xffc, 0xb1 },
    };

    g_assert_cmphex(rd(e, dom, PWPR), ==, mode);
    g_assert_cmphex(rd(e, dom, PWSR), ==, mode);
    for (int i = 0; i < G_N_ELEMENTS(regs); i++) {
        uint32_t v = rd(e, dom, regs[i].off);

        if (v != regs[i].val) {
            g_error("domain %u offset 0x%03x: 0x%x, expected 0x%x", dom,
                    regs[i].off, v, regs[i].val);
        }
    }
}

static void test_reset_values(void)
{
    PpuEnv e;

    ppu_start(&e, "-device arm-pck600-ppu,id=ppu0,"
              "domain-states=on,,off,,on,,on,,on,,on,,on,,off,,on,,on,,on");
    for (unsigned d = 0; d < A733_DOMAINS; d++) {
        assert_reset_block(&e, d, d == 1 || d == PD_PCIE ? OFF : ON);
    }
    /* what Linux programs at probe, then a system reset */
    for (unsigned d = 0; d < A733_DOMAINS; d++) {
        wr(&e, d, DCDR0, 0x1f1f1f);
        wr(&e, d, DCDR1, 0x1f1f);
        wr(&e, d, 0xc00, 0x8080808);
        wr(&e, d, 0xc04, 0x808);
        wr(&e, d, 0xc10, 0x8);
        wr(&e, d, IMR, 0);
    }
    g_assert_cmphex(rd(&e, 10, DCDR0), ==, 0x1f1f1f);
    g_assert_cmphex(rd(&e, 10, 0xc00), ==, 0x8080808);
    linux_set_power(&e, 0, false);
    qtest_clock_step(e.qts, 1000000);
    g_assert_cmphex(rd(&e, 0, PWSR), ==, OFF);
    qtest_system_reset(e.qts);
    for (unsigned d = 0; d < A733_DOMAINS; d++) {
        assert_reset_block(&e, d, d == 1 || d == PD_PCIE ? OFF : ON);
    }
    qtest_quit(e.qts);
}

/*
 * ON -> OFF -> ON on domain 7 as Linux does it: PWSR and the domain's
 * output follow after exactly the latency, the other domains never move
 */
static void test_on_off_on(void)
{
    PpuEnv e;
    QDict *st;

    ppu_start(&e, "-device arm-pck600-ppu,id=ppu0,"
              "transition-latency-ns=1000000");
    qtest_irq_intercept_out_named(e.qts, PPU_PATH, "domain-power");
    qtest_system_reset(e.qts);
    for (unsigned d = 0; d < A733_DOMAINS; d++) {
        g_assert_true(qtest_get_irq(e.qts, d));
    }

    linux_set_power(&e, PD_PCIE, false);
    g_assert_cmphex(rd(&e, PD_PCIE, PWPR), ==, OFF);
    qtest_clock_step(e.qts, 999999);
    g_assert_cmphex(rd(&e, PD_PCIE, PWSR), ==, ON);
    g_assert_true(qtest_get_irq(e.qts, PD_PCIE));
    qtest_clock_step(e.qts, 1);
    g_assert_cmphex(rd(&e, PD_PCIE, PWSR), ==, OFF);
    g_assert_false(qtest_get_irq(e.qts, PD_PCIE));
    g_assert_cmphex(rd(&e, PD_PCIE, ISR), ==, STA_POLICY_TRN);
    wr(&e, PD_PCIE, ISR, STA_POLICY_TRN);

    linux_set_power(&e, PD_PCIE, true);
    qtest_clock_step(e.qts, 999999);
    g_assert_cmphex(rd(&e, PD_PCIE, PWSR), ==, OFF);
    g_assert_false(qtest_get_irq(e.qts, PD_PCIE));
    qtest_clock_step(e.qts, 1);
    g_assert_cmphex(rd(&e, PD_PCIE, PWSR), ==, ON);
    g_assert_true(qtest_get_irq(e.qts, PD_PCIE));
    for (unsigned d = 0; d < A733_DOMAINS; d++) {
        g_assert_true(qtest_get_irq(e.qts, d));
        g_assert_cmphex(rd(&e, d, PWSR), ==, ON);
    }

    st = stats_get(e.qts);
    g_assert_cmpint(qdict_get_int(st, "errors"), ==, 0);
    g_assert_cmpint(qdict_get_int(stats_domain(st, "PCIE"), "id"), ==, 7);
    g_assert_cmpint(qdict_get_int(stats_domain(st, "PCIE"), "power-off"),
                    ==, 1);
    g_assert_cmpint(qdict_get_int(stats_domain(st, "PCIE"), "power-on"),
                    ==, 1);
    g_assert_cmpint(qdict_get_int(stats_domain(st, "VI"), "power-off"),
                    ==, 0);
    qobject_unref(st);
    qtest_quit(e.qts);
}

/* The default latency is 10 us of virtual time */
static void test_default_latency(void)
{
    PpuEnv e;

    ppu_start(&e, "-device arm-pck600-ppu,id=ppu0");
    wr(&e, 3, PWPR, OFF);
    qtest_clock_step(e.qts, 9999);
    g_assert_cmphex(rd(&e, 3, PWSR), ==, ON);
    qtest_clock_step(e.qts, 1);
    g_assert_cmphex(rd(&e, 3, PWSR), ==, OFF);
    qtest_quit(e.qts);
}

/*
 * Policies the PPU does not implement: stored, not acted on, PWSR
 * unchanged, AISR.UNSPT_POLICY_IRQ raising the PPU's interrupt
 */
static void test_unsupported_policy(void)
{
    static const uint32_t refused[] = { MEM_RET, WARM_RST, 0xf, DYN_EN | ON };
    PpuEnv e;
    QDict *st;

    ppu_start(&e, "-device arm-pck600-ppu,id=ppu0");
    qtest_irq_intercept_out_named(e.qts, PPU_PATH, "ppu-irq");
    for (int i = 0; i < G_N_ELEMENTS(refused); i++) {
        wr(&e, 2, PWPR, refused[i]);
        g_assert_cmphex(rd(&e, 2, PWPR), ==, refused[i]);
        qtest_clock_step(e.qts, 1000000);
        g_assert_cmphex(rd(&e, 2, PWSR), ==, ON);
        g_assert_cmphex(rd(&e, 2, AISR), ==, UNSPT_POLICY);
        g_assert_cmphex(rd(&e, 2, ISR), ==, OTHER_IRQ);
        g_assert_true(qtest_get_irq(e.qts, 2));
        wr(&e, 2, AISR, UNSPT_POLICY);
        g_assert_cmphex(rd(&e, 2, ISR), ==, 0);
        g_assert_false(qtest_get_irq(e.qts, 2));
    }
    /* nothing else moved */
    g_assert_false(qtest_get_irq(e.qts, 1));
    st = stats_get(e.qts);
    g_assert_cmpint(qdict_get_int(stats_domain(st, "VE_DEC"),
                                  "unsupported-policies"), ==, 4);
    g_assert_cmpstr(qdict_get_str(stats_domain(st, "VE_DEC"), "state"), ==,
                    "on");
    g_assert_cmpint(qdict_get_int(st, "errors"), ==, 4);
    qobject_unref(st);
    qtest_quit(e.qts);
}

/*
 * Blocks past the last domain (the window is a power of two of blocks)
 * and reserved offsets read as zero and ignore writes
 */
static void test_unknown_domain(void)
{
    PpuEnv e;
    QDict *st;

    ppu_start(&e, "-device arm-pck600-ppu,id=ppu0");
    for (unsigned d = A733_DOMAINS; d < 16; d++) {
        wr(&e, d, PWPR, OFF);
        g_assert_cmphex(rd(&e, d, PWSR), ==, 0);
        g_assert_cmphex(rd(&e, d, IDR0), ==, 0);
    }
    g_assert_cmphex(rd(&e, 0, 0x00c), ==, 0);
    wr(&e, 0, 0x800, 0xffffffff);
    g_assert_cmphex(rd(&e, 0, 0x800), ==, 0);
    /* read-only: PWSR keeps the mode */
    wr(&e, 0, PWSR, OFF);
    qtest_clock_step(e.qts, 1000000);
    for (unsigned d = 0; d < A733_DOMAINS; d++) {
        g_assert_cmphex(rd(&e, d, PWSR), ==, ON);
    }
    st = stats_get(e.qts);
    /* 5 blocks x 3 accesses, reserved read, write, read, PWSR write */
    g_assert_cmpint(qdict_get_int(st, "errors"), ==, 5 * 3 + 4);
    qobject_unref(st);
    qtest_quit(e.qts);
}

/* LOCK_EN: OFF is held until UNLK */
static void test_lock(void)
{
    PpuEnv e;

    ppu_start(&e, "-device arm-pck600-ppu,id=ppu0,"
              "transition-latency-ns=1000");
    wr(&e, 4, IMR, 0x3a & ~LOCKED_IRQ);
    wr(&e, 4, PWPR, LOCK_EN | OFF);
    qtest_clock_step(e.qts, 1000);
    g_assert_cmphex(rd(&e, 4, PWSR), ==, LOCK_STATUS | OFF);
    g_assert_cmphex(rd(&e, 4, ISR), ==, LOCKED_IRQ | STA_POLICY_TRN);
    wr(&e, 4, PWPR, LOCK_EN | ON);
    qtest_clock_step(e.qts, 100000);
    g_assert_cmphex(rd(&e, 4, PWSR), ==, LOCK_STATUS | OFF);
    wr(&e, 4, UNLK, 1);
    g_assert_cmphex(rd(&e, 4, PWSR), ==, OFF);
    qtest_clock_step(e.qts, 999);
    g_assert_cmphex(rd(&e, 4, PWSR), ==, OFF);
    qtest_clock_step(e.qts, 1);
    g_assert_cmphex(rd(&e, 4, PWSR), ==, ON);
    qtest_quit(e.qts);
}

/*
 * domain-states: the outputs and PWSR after a system reset; a transition
 * in flight at the reset is dropped
 */
static void test_reset_states(void)
{
    PpuEnv e;

    ppu_start(&e, "-device arm-pck600-ppu,id=ppu0,num-domains=3,"
              "domain-states=off,,on,,off");
    qtest_irq_intercept_out_named(e.qts, PPU_PATH, "domain-power");
    qtest_system_reset(e.qts);
    g_assert_false(qtest_get_irq(e.qts, 0));
    g_assert_true(qtest_get_irq(e.qts, 1));
    g_assert_false(qtest_get_irq(e.qts, 2));
    g_assert_cmphex(rd(&e, 0, PWSR), ==, OFF);
    g_assert_cmphex(rd(&e, 1, PWSR), ==, ON);

    wr(&e, 0, PWPR, ON);
    qtest_system_reset(e.qts);
    qtest_clock_step(e.qts, 1000000);
    g_assert_cmphex(rd(&e, 0, PWPR), ==, OFF);
    g_assert_cmphex(rd(&e, 0, PWSR), ==, OFF);
    g_assert_false(qtest_get_irq(e.qts, 0));
    qtest_quit(e.qts);
}

/* The counters: every domain by its A733 name, read-only */
static void test_stats(void)
{
    static const char *const names[] = {
        "VI", "DE_SYS", "VE_DEC", "VE_ENC", "NPU", "GPU_TOP", "GPU_CORE",
        "PCIE", "USB2", "VO", "VO1",
    };
    PpuEnv e;
    QDict *st, *rsp;

    ppu_start(&e, "-device arm-pck600-ppu,id=ppu0,domain-states=off");
    st = stats_get(e.qts);
    g_assert_cmpint(qdict_size(qdict_get_qdict(st, "domains")), ==,
                    A733_DOMAINS);
    for (int i = 0; i < G_N_ELEMENTS(names); i++) {
        QDict *d = stats_domain(st, names[i]);

        g_assert_cmpint(qdict_get_int(d, "id"), ==, i);
        g_assert_cmpstr(qdict_get_str(d, "state"), ==, "off");
        g_assert_cmpstr(qdict_get_str(d, "policy"), ==, "OFF");
        g_assert_false(qdict_get_bool(d, "in-transition"));
        g_assert_false(qdict_get_bool(d, "locked"));
        g_assert_cmpint(qdict_get_int(d, "power-on"), ==, 0);
    }
    qobject_unref(st);

    wr(&e, 9, PWPR, ON);
    st = stats_get(e.qts);
    g_assert_true(qdict_get_bool(stats_domain(st, "VO"), "in-transition"));
    g_assert_cmpstr(qdict_get_str(stats_domain(st, "VO"), "policy"), ==,
                    "ON");
    g_assert_cmpstr(qdict_get_str(stats_domain(st, "VO"), "state"), ==,
                    "off");
    qobject_unref(st);

    rsp = qtest_qmp(e.qts, "{'execute': 'qom-set', 'arguments': "
                    "{'path': %s, 'property': 'stats', 'value': 0}}",
                    PPU_PATH);
    g_assert_true(qdict_haskey(rsp, "error"));
    qobject_unref(rsp);
    qtest_quit(e.qts);
}

/*
 * Migration: the registers, the counters and a transition in flight,
 * which ends on the destination at the virtual time it would have
 * ended at on the source
 */
static void test_migration(void)
{
    const char *args = "-device arm-pck600-ppu,id=ppu0,"
                       "transition-latency-ns=1000000";
    g_autofree char *dst_args = g_strdup_printf(MACHINE "%s", args);
    PpuEnv src, dst;

    ppu_start(&src, args);
    wr(&src, 5, PWPR, OFF);
    qtest_clock_step(src.qts, 1000000);
    wr(&src, 6, PWPR, OFF);
    qtest_clock_step(src.qts, 400000);
    wr(&src, 0, DCDR0, 0x1f1f1f);
    wr(&src, 0, 0xc10, 0x8);
    wr(&src, 0, PWPR, MEM_RET);

    dst.qts = migrate_to_new(src.qts, dst_args);
    dst.base = src.base;

    g_assert_cmphex(rd(&dst, 5, PWSR), ==, OFF);
    g_assert_cmphex(rd(&dst, 0, DCDR0), ==, 0x1f1f1f);
    g_assert_cmphex(rd(&dst, 0, 0xc10), ==, 0x8);
    g_assert_cmphex(rd(&dst, 0, PWPR), ==, MEM_RET);
    g_assert_cmphex(rd(&dst, 0, AISR), ==, UNSPT_POLICY);
    /* domain 6 is 400 us into its 1 ms transition (absolute deadlines) */
    g_assert_cmphex(rd(&dst, 6, PWPR), ==, OFF);
    qtest_clock_set(dst.qts, 1999999);
    g_assert_cmphex(rd(&dst, 6, PWSR), ==, ON);
    qtest_clock_set(dst.qts, 2000000);
    g_assert_cmphex(rd(&dst, 6, PWSR), ==, OFF);
    qtest_quit(src.qts);
    qtest_quit(dst.qts);
}

/* ---- The SMMU in a PPU domain ------------------------------------------ */

#define IOVA            0x300000ULL
#define SMMU_LATENCY    50000

typedef struct SmmuPpu {
    Env e;
    EnvS1 s;
    PpuEnv ppu;
    uint64_t pa;
} SmmuPpu;

/* QEMU with the SMMU in PPU domain 7, translating for the DMA master */
static void smmu_start(SmmuPpu *t, const char *states)
{
    g_autofree char *devices = g_strdup_printf(
        "-device arm-pck600-ppu,id=ppu0,transition-latency-ns=%d%s%s",
        SMMU_LATENCY, *states ? ",domain-states=" : "", states);
    g_autofree void *fdt = NULL;

    env_start_with(&t->e, devices, "power-controller=ppu0,power-domain=7");
    t->ppu.qts = t->e.qts;
    fdt = smmu_dt_fetch(t->e.qts);
    t->ppu.base = smmu_dt_reg_address(fdt, ppu_node(fdt), 0, &t->ppu.size);
}

static void smmu_translating(SmmuPpu *t)
{
    Env *e = &t->e;

    env_s1_setup(e, &t->s, 12, 0, 0);
    t->pa = e->data;
    g_assert_true(sb_pgt_map(t->s.pt, IOVA, t->pa, 0x1000, &env_pte_rw));
    sb_cd_write(&e->sb, &t->s.cdtab, 0, &t->s.cd);
    env_enable(e, sb_strtab_linear(&e->sb, 8), EVTQ_LOG2);
    sb_ste_write(&e->sb, &e->st, SID, &t->s.ste);
    env_expect_read(e, IOVA, DMAM_NO_PASID, t->pa, 1);
}

/* genpd switching the SMMU's domain, and the transition's time passing */
static void domain_power(SmmuPpu *t, bool on)
{
    linux_set_power(&t->ppu, PD_PCIE, on);
    qtest_clock_step(t->e.qts, SMMU_LATENCY);
    g_assert_cmphex(rd(&t->ppu, PD_PCIE, PWSR), ==, on ? ON : OFF);
}

static void smmu_stop(SmmuPpu *t)
{
    env_stop(&t->e);
}

/* The count of rule @id; with @power, its first occurrence's power state */
static int64_t rule_count(QDict *report, const char *id, const char *power)
{
    QDict *rule = pm_report_rule(report, id);

    if (power) {
        g_assert_cmpstr(qdict_get_str(qdict_get_qdict(rule, "first"),
                                      "power"), ==, power);
    }
    return qdict_get_int(rule, "count");
}

/*
 * A driver's suspend, the domain off and on again through the PPU: the
 * SMMU comes back with its registers at reset, the driver restores them,
 * DMA translates again, and the checker has nothing to say
 */
static void test_smmu_cycle(void)
{
    SmmuPpu t;
    QDict *r;

    smmu_start(&t, "");
    smmu_translating(&t);
    smmu_drv_suspend(&t.e.drv);      /* the seed series' suspend */
    domain_power(&t, false);
    domain_power(&t, true);
    g_assert_cmphex(env_rd(&t.e, R_STRTAB_BASE), ==, 0);
    g_assert_cmphex(env_rd(&t.e, R_CMDQ_BASE), ==, 0);
    g_assert_cmphex(env_rd(&t.e, R_CR0), ==, 0);
    smmu_drv_resume(&t.e.drv);
    env_expect_read(&t.e, IOVA, DMAM_NO_PASID, t.pa, 2);

    r = pm_report_get(t.e.qts, SMMU_PATH);
    g_assert_cmpint(pm_report_power(r, "power-downs"), ==, 1);
    g_assert_cmpint(pm_report_power(r, "power-ups"), ==, 1);
    g_assert_cmpint(qdict_get_int(r, "errors"), ==, 0);
    g_assert_cmpint(qdict_get_int(r, "warnings"), ==, 0);
    qobject_unref(r);
    smmu_stop(&t);
}

/*
 * While the PPU holds the domain off, the SMMU is off: its registers
 * read as zero and DMA through it fails, and the checker names both;
 * while the transition is still under way it answers as before
 */
static void test_smmu_off(void)
{
    SmmuPpu t;
    QDict *r;

    smmu_start(&t, "");
    smmu_translating(&t);
    smmu_drv_suspend(&t.e.drv);      /* the seed series' suspend */
    linux_set_power(&t.ppu, PD_PCIE, false);
    qtest_clock_step(t.e.qts, SMMU_LATENCY - 1);
    g_assert_cmphex(env_rd(&t.e, R_IDR0), !=, 0);
    qtest_clock_step(t.e.qts, 1);
    g_assert_cmphex(env_rd(&t.e, R_IDR0), ==, 0);
    env_expect_fault(&t.e, IOVA, DMAM_NO_PASID, false, 0);

    r = pm_report_get(t.e.qts, SMMU_PATH);
    g_assert_cmpstr(qdict_get_str(qdict_get_qdict(r, "power"), "state"), ==,
                    "off");
    g_assert_cmpint(rule_count(r, "access-while-off", "off"), ==, 1);
    g_assert_cmpint(rule_count(r, "dma-while-off", "off"), ==, 1);
    g_assert_cmpint(pm_report_power(r, "power-downs"), ==, 1);
    qobject_unref(r);
    smmu_stop(&t);
}

/*
 * A domain the PPU holds off at reset: the SMMU starts off (Linux's
 * driver assumes its domains on, so a kernel would probe an SMMU that
 * does not answer), and answers once the domain is switched on
 */
static void test_smmu_domain_off_at_reset(void)
{
    SmmuPpu t;
    QDict *r;

    smmu_start(&t, "on,,on,,on,,on,,on,,on,,on,,off,,on,,on,,on");
    g_assert_cmphex(env_rd(&t.e, R_IDR0), ==, 0);
    r = pm_report_get(t.e.qts, SMMU_PATH);
    g_assert_cmpint(rule_count(r, "access-while-off", "off"), ==, 1);
    g_assert_cmpint(pm_report_power(r, "power-downs"), ==, 0);
    qobject_unref(r);
    domain_power(&t, true);
    g_assert_cmphex(env_rd(&t.e, R_IDR0), !=, 0);
    smmu_translating(&t);
    smmu_stop(&t);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("/arm-pck600-ppu/dt", test_dt);
    qtest_add_func("/arm-pck600-ppu/reset-values", test_reset_values);
    qtest_add_func("/arm-pck600-ppu/on-off-on", test_on_off_on);
    qtest_add_func("/arm-pck600-ppu/default-latency", test_default_latency);
    qtest_add_func("/arm-pck600-ppu/unsupported-policy",
                   test_unsupported_policy);
    qtest_add_func("/arm-pck600-ppu/unknown-domain", test_unknown_domain);
    qtest_add_func("/arm-pck600-ppu/lock", test_lock);
    qtest_add_func("/arm-pck600-ppu/reset-states", test_reset_states);
    qtest_add_func("/arm-pck600-ppu/stats", test_stats);
    qtest_add_func("/arm-pck600-ppu/migration", test_migration);
    qtest_add_func("/arm-pck600-ppu/smmu/cycle", test_smmu_cycle);
    qtest_add_func("/arm-pck600-ppu/smmu/off", test_smmu_off);
    qtest_add_func("/arm-pck600-ppu/smmu/domain-off-at-reset",
                   test_smmu_domain_off_at_reset);
    return g_test_run();
}
