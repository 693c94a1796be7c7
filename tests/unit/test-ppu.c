/*
 * arm-pck600-ppu core: the PPU register blocks, register by register
 *
 * Expected values are written out from Arm DEN 0051E (offsets, field
 * positions, power mode encodings, interrupt bits), the PCK-600 TRM
 * (identification) and the Linux sunxi PCK-600 driver's accesses, not
 * taken from the core's own definitions, so that a wrong definition is
 * caught.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <glib.h>
#include <string.h>

#include "ppu.h"
#include "fake-provider.h"

/* DEN 0051E register offsets */
#define PWPR    0x000
#define PMER    0x004
#define PWSR    0x008
#define DISR    0x010
#define MISR    0x014
#define STSR    0x018
#define UNLK    0x01c
#define PWCR    0x020
#define PTCR    0x024
#define IMR     0x030
#define AIMR    0x034
#define ISR     0x038
#define AISR    0x03c
#define IESR    0x040
#define OPSR    0x044
#define DCDR0   0x170
#define DCDR1   0x174
#define IDR0    0xfb0
#define IDR1    0xfb4
#define IIDR    0xfc8
#define AIDR    0xfcc
/* Allwinner's delay registers, as the Linux driver writes them */
#define SUNXI_LPSDR0    0xc00
#define SUNXI_LPSDR1    0xc04
#define SUNXI_OFF2ON    0xc10

/* Power modes (PWR_POLICY, PWR_STATUS [3:0]) */
#define OFF         0x0
#define MEM_RET     0x2
#define ON          0x8
#define WARM_RST    0x9
#define DYN_EN      (1u << 8)
#define LOCK_EN     (1u << 12)
#define LOCK_STATUS (1u << 12)

/* ISR / AISR bits */
#define STA_POLICY_TRN  (1u << 0)
#define STA_ACCEPT      (1u << 1)
#define LOCKED          (1u << 5)
#define OTHER           (1u << 7)
#define UNSPT_POLICY    (1u << 0)

#define BLOCK       0x1000
#define NDOM        11          /* the A733's */

typedef struct Env {
    FakeProvider h;             /* what the PPUs reported */
    Ppu p;
} Env;

static const PpuHostOps env_ops = {
    .guest_error = fake_provider_guest_error,
    .power_changed = fake_provider_power_changed,
    .irq_changed = fake_provider_irq_changed,
    .schedule = fake_provider_schedule,
};

static Env *env_new(unsigned num, const char *states, uint64_t latency)
{
    Env *e = g_new0(Env, 1);
    PpuConfig cfg;
    g_autofree char *err = NULL;

    g_assert_true(ppu_config_parse(&cfg, num, states, latency, &err));
    g_assert_null(err);
    fake_provider_init(&e->h, &cfg.domains);
    ppu_init(&e->p, &cfg, &env_ops, &e->h);
    return e;
}

static void env_free(Env *e)
{
    /* every logged guest error is counted, and only those */
    fake_provider_finish(&e->h, e->p.guest_errors);
    g_free(e);
}

static uint32_t rd(Env *e, unsigned dom, uint32_t off)
{
    return ppu_read(&e->p, dom * BLOCK + off);
}

static void wr(Env *e, unsigned dom, uint32_t off, uint32_t v)
{
    ppu_write(&e->p, dom * BLOCK + off, v);
}

/* The last guest error contains @text; clears the log */
static void assert_error(Env *e, const char *text)
{
    if (!strstr(e->h.errors->str, text)) {
        g_error("guest errors '%s' lack '%s'", e->h.errors->str, text);
    }
    g_string_truncate(e->h.errors, 0);
}

static void assert_no_error(Env *e)
{
    g_assert_cmpstr(e->h.errors->str, ==, "");
}

/*
 * What the Linux driver does to switch a domain: read PWPR, replace
 * PWR_POLICY, write it, read it back, then poll PWSR
 */
static void linux_set_power(Env *e, unsigned dom, bool on)
{
    uint32_t v = rd(e, dom, PWPR);

    wr(e, dom, PWPR, (v & ~0xfu) | (on ? ON : OFF));
    rd(e, dom, PWPR);
}

/* ---- Reset values ------------------------------------------------------ */

static void assert_reset_block(Env *e, unsigned dom, uint32_t mode)
{
    static const struct { uint32_t off, val; } zero_or_const[] = {
        { PMER, 0 }, { DISR, 0 }, { MISR, 0 }, { STSR, 0 }, { UNLK, 0 },
        { PWCR, 0x1 }, { PTCR, 0 }, { IMR, 0x3a }, { AIMR, 0x1e },
        { ISR, 0 }, { AISR, 0 }, { IESR, 0 }, { OPSR, 0 }, { DCDR0, 0 },
        { DCDR1, 0 }, { SUNXI_LPSDR0, 0 }, { SUNXI_LPSDR1, 0 },
        { SUNXI_OFF2ON, 0 },
        /* Q-Channel PPU, 1 channel, no op modes, static OFF and ON */
        { IDR0, 0x00010101 },
        /* SW_DEV_DEL_SPT, LOCK_SPT */
        { IDR1, 0x00000006 },
        /* PCK-600 PPU: product 0x0b6, r0p0, Arm */
        { IIDR, 0x0b60043b },
        { AIDR, 0x11 },         /* v1.1 */
        { 0xfd0, 0x04 }, { 0xfd4, 0 }, { 0xfd8, 0 }, { 0xfdc, 0 },
        { 0xfe0, 0xb6 }, { 0xfe4, 0xb0 }, { 0xfe8, 0x0b }, { 0xfec, 0 },
        { 0xff0, 0x0d }, { 0xff4, 0xf0 }, { 0xff8, 0x05 }, { 0xffc, 0xb1 },
    };

    g_assert_cmphex(rd(e, dom, PWPR), ==, mode);
    g_assert_cmphex(rd(e, dom, PWSR), ==, mode);
    for (unsigned i = 0; i < G_N_ELEMENTS(zero_or_const); i++) {
        if (rd(e, dom, zero_or_const[i].off) != zero_or_const[i].val) {
            g_error("domain %u offset 0x%03x: 0x%x, expected 0x%x", dom,
                    zero_or_const[i].off, rd(e, dom, zero_or_const[i].off),
                    zero_or_const[i].val);
        }
    }
}

static void test_reset_values(void)
{
    Env *e = env_new(NDOM, "on,off,on,on,on,on,on,on,on,on,off", 1000);

    for (unsigned d = 0; d < NDOM; d++) {
        assert_reset_block(e, d, d == 1 || d == 10 ? OFF : ON);
        g_assert_true(ppu_domain_on(&e->p, d) == !(d == 1 || d == 10));
        g_assert_false(ppu_irq_level(&e->p, d));
    }
    assert_no_error(e);
    g_assert_cmpstr(e->p.cfg.domains.names[0], ==, "VI");
    g_assert_cmpstr(e->p.cfg.domains.names[7], ==, "PCIE");
    g_assert_cmpstr(e->p.cfg.domains.names[10], ==, "VO1");
    env_free(e);
}

/* ---- Transitions ------------------------------------------------------- */

/* ON -> OFF -> ON the way Linux does it, each taking the latency */
static void test_on_off_on(void)
{
    Env *e = env_new(NDOM, NULL, 5000);

    linux_set_power(e, 7, false);
    g_assert_cmphex(rd(e, 7, PWPR), ==, OFF);
    g_assert_cmphex(rd(e, 7, PWSR), ==, ON);        /* not yet */
    g_assert_cmpint(e->h.scheduled, ==, 1);
    g_assert_cmpuint(e->h.sched_domain, ==, 7);
    g_assert_cmpuint(e->h.sched_delay, ==, 5000);
    g_assert_cmpint(e->h.changes, ==, 0);
    ppu_transition_done(&e->p, 7);
    g_assert_cmphex(rd(e, 7, PWSR), ==, OFF);
    g_assert_cmpint(e->h.changes, ==, 1);
    g_assert_cmpuint(e->h.last_domain, ==, 7);
    g_assert_false(e->h.last_on);
    /* the policy reached: STA_POLICY_TRN (unmasked at reset) */
    g_assert_cmphex(rd(e, 7, ISR), ==, STA_POLICY_TRN);
    g_assert_true(e->h.irq[7]);
    wr(e, 7, ISR, STA_POLICY_TRN);
    g_assert_cmphex(rd(e, 7, ISR), ==, 0);
    g_assert_false(e->h.irq[7]);

    linux_set_power(e, 7, true);
    g_assert_cmphex(rd(e, 7, PWSR), ==, OFF);
    g_assert_cmpint(e->h.scheduled, ==, 2);
    ppu_transition_done(&e->p, 7);
    g_assert_cmphex(rd(e, 7, PWSR), ==, ON);
    g_assert_true(e->h.last_on);
    g_assert_cmpint(e->h.changes, ==, 2);
    g_assert_cmpuint(e->p.d[7].power_off, ==, 1);
    g_assert_cmpuint(e->p.d[7].power_on, ==, 1);
    /* the other domains never moved */
    for (unsigned d = 0; d < NDOM; d++) {
        if (d != 7) {
            g_assert_cmphex(rd(e, d, PWSR), ==, ON);
        }
    }
    /* the same policy again: nothing to do */
    linux_set_power(e, 7, true);
    g_assert_cmpint(e->h.scheduled, ==, 2);
    assert_no_error(e);
    env_free(e);
}

/* Without latency a transition ends within the write */
static void test_no_latency(void)
{
    Env *e = env_new(2, NULL, 0);

    wr(e, 1, PWPR, OFF);
    g_assert_cmphex(rd(e, 1, PWSR), ==, OFF);
    g_assert_cmpint(e->h.scheduled, ==, 0);
    g_assert_cmpint(e->h.changes, ==, 1);
    env_free(e);
}

/*
 * A transition runs to completion; a policy written meanwhile is acted
 * on when it ends
 */
static void test_policy_during_transition(void)
{
    Env *e = env_new(2, NULL, 100);

    wr(e, 0, PWPR, OFF);
    wr(e, 0, PWPR, ON);                 /* back before OFF is reached */
    g_assert_cmpint(e->h.scheduled, ==, 1);
    ppu_transition_done(&e->p, 0);
    g_assert_cmphex(rd(e, 0, PWSR), ==, OFF);
    g_assert_false(e->h.last_on);
    /* OFF was not the policy any more: accepted, but no policy event */
    g_assert_cmphex(rd(e, 0, ISR), ==, 0);
    g_assert_cmpint(e->h.scheduled, ==, 2);   /* on its way back */
    ppu_transition_done(&e->p, 0);
    g_assert_cmphex(rd(e, 0, PWSR), ==, ON);
    g_assert_true(e->h.last_on);
    g_assert_cmphex(rd(e, 0, ISR), ==, STA_POLICY_TRN);
    env_free(e);
}

/* With STA_ACCEPT unmasked, each transition the device accepted is seen */
static void test_accept_event(void)
{
    Env *e = env_new(1, NULL, 0);

    wr(e, 0, IMR, 0x3a & ~STA_ACCEPT);
    g_assert_cmphex(rd(e, 0, IMR), ==, 0x38);
    wr(e, 0, PWPR, OFF);
    g_assert_cmphex(rd(e, 0, ISR), ==, STA_ACCEPT | STA_POLICY_TRN);
    wr(e, 0, ISR, STA_ACCEPT);
    g_assert_cmphex(rd(e, 0, ISR), ==, STA_POLICY_TRN);
    g_assert_true(e->h.irq[0]);
    /* fully masked: no event, no interrupt */
    wr(e, 0, ISR, 0xffffffff);
    wr(e, 0, IMR, 0x3f);
    wr(e, 0, PWPR, ON);
    g_assert_cmphex(rd(e, 0, ISR), ==, 0);
    g_assert_false(e->h.irq[0]);
    env_free(e);
}

/* ---- Unsupported policies ---------------------------------------------- */

static void assert_refused(Env *e, uint32_t pwpr, const char *text)
{
    int scheduled = e->h.scheduled, changes = e->h.changes;

    wr(e, 3, PWPR, pwpr);
    g_assert_cmphex(rd(e, 3, PWPR), ==, pwpr);      /* stored, */
    g_assert_cmphex(rd(e, 3, PWSR), ==, ON);        /* not acted on */
    g_assert_cmpint(e->h.scheduled, ==, scheduled);
    g_assert_cmpint(e->h.changes, ==, changes);
    g_assert_cmphex(rd(e, 3, AISR), ==, UNSPT_POLICY);
    g_assert_cmphex(rd(e, 3, ISR), ==, OTHER);
    g_assert_true(e->h.irq[3]);
    assert_error(e, text);
    /* OTHER_IRQ is cleared through AISR only */
    wr(e, 3, ISR, OTHER);
    g_assert_cmphex(rd(e, 3, ISR), ==, OTHER);
    wr(e, 3, AISR, UNSPT_POLICY);
    g_assert_cmphex(rd(e, 3, ISR), ==, 0);
    g_assert_false(e->h.irq[3]);
}

static void test_unsupported_policy(void)
{
    Env *e = env_new(4, NULL, 100);

    assert_refused(e, MEM_RET, "domain 3 (VE_ENC): PWPR policy MEM_RET "
                   "(PWR_POLICY 0x2, PWR_DYN_EN 0) is not supported");
    assert_refused(e, WARM_RST, "policy WARM_RST");
    assert_refused(e, 0xf, "policy reserved (PWR_POLICY 0xf");
    assert_refused(e, DYN_EN | ON, "policy dynamic ON");
    assert_refused(e, DYN_EN | OFF, "PWSR stays ON");
    g_assert_cmpuint(e->p.d[3].unsupported, ==, 5);

    /* masked: not recorded in AISR, still refused and logged */
    wr(e, 3, AIMR, 0x1f);
    wr(e, 3, PWPR, MEM_RET);
    g_assert_cmphex(rd(e, 3, AISR), ==, 0);
    g_assert_false(e->h.irq[3]);
    assert_error(e, "AISR.UNSPT_POLICY_IRQ masked");

    /* a supported policy afterwards works */
    wr(e, 3, PWPR, OFF);
    ppu_transition_done(&e->p, 3);
    g_assert_cmphex(rd(e, 3, PWSR), ==, OFF);
    env_free(e);
}

/* ---- Lock -------------------------------------------------------------- */

static void test_lock(void)
{
    Env *e = env_new(2, NULL, 10);

    wr(e, 1, IMR, 0x3a & ~LOCKED);
    wr(e, 1, PWPR, LOCK_EN | OFF);
    ppu_transition_done(&e->p, 1);
    g_assert_cmphex(rd(e, 1, PWSR), ==, LOCK_STATUS | OFF);
    g_assert_cmphex(rd(e, 1, ISR), ==, LOCKED | STA_POLICY_TRN);
    /* locked in OFF: an ON policy waits for the unlock */
    wr(e, 1, PWPR, LOCK_EN | ON);
    g_assert_cmpint(e->h.scheduled, ==, 1);
    g_assert_cmphex(rd(e, 1, PWSR), ==, LOCK_STATUS | OFF);
    g_assert_cmphex(rd(e, 1, UNLK), ==, 0);
    wr(e, 1, UNLK, 1);
    g_assert_cmphex(rd(e, 1, UNLK), ==, 0);         /* reads 0 */
    g_assert_cmphex(rd(e, 1, PWSR), ==, OFF);
    g_assert_cmpint(e->h.scheduled, ==, 2);
    ppu_transition_done(&e->p, 1);
    g_assert_cmphex(rd(e, 1, PWSR), ==, ON);
    g_assert_true(e->h.last_on);
    /* without LOCK_EN, OFF does not lock; UNLK then does nothing */
    wr(e, 1, PWPR, OFF);
    ppu_transition_done(&e->p, 1);
    g_assert_cmphex(rd(e, 1, PWSR), ==, OFF);
    wr(e, 1, UNLK, 1);
    g_assert_cmpint(e->h.scheduled, ==, 3);
    assert_no_error(e);
    env_free(e);
}

/* ---- Bad accesses ------------------------------------------------------ */

static void test_bad_accesses(void)
{
    Env *e = env_new(NDOM, NULL, 0);

    /* reserved offsets: RAZ/WI */
    g_assert_cmphex(rd(e, 2, 0x00c), ==, 0);
    assert_error(e, "domain 2 (VE_DEC): read of reserved offset 0x00c");
    wr(e, 2, 0x800, 0x1234);
    assert_error(e, "write 0x1234 to reserved offset 0x800: ignored");
    g_assert_cmphex(rd(e, 2, 0x800), ==, 0);
    assert_error(e, "reserved offset 0x800");
    /* read-only registers keep their value */
    wr(e, 2, PWSR, OFF);
    assert_error(e, "write 0x0 to PWSR (0x008), a read-only register");
    g_assert_cmphex(rd(e, 2, PWSR), ==, ON);
    wr(e, 2, IDR0, 0);
    assert_error(e, "IDR0 (0xfb0), a read-only register");
    g_assert_cmphex(rd(e, 2, IDR0), ==, 0x00010101);
    /* unimplemented bits: operating modes, emulation */
    wr(e, 2, PWPR, (3u << 16) | ON);
    assert_error(e, "write 0x30008 to PWPR (0x000): bits 0x30000 are not "
                 "implemented (RES0)");
    g_assert_cmphex(rd(e, 2, PWPR), ==, ON);
    wr(e, 2, PMER, 1);
    assert_error(e, "PMER (0x004): bits 0x1");
    g_assert_cmphex(rd(e, 2, PMER), ==, 0);
    /* past the last domain: no such block */
    g_assert_cmphex(ppu_read(&e->p, NDOM * BLOCK + PWSR), ==, 0);
    assert_error(e, "read at 0xb008: no domain 11 (domains 0 to 10, one "
                 "0x1000 block each): reads as zero");
    ppu_write(&e->p, 15 * BLOCK + PWPR, OFF);
    assert_error(e, "write at 0xf000: no domain 15");
    g_assert_cmpint(e->h.changes, ==, 0);
    env_free(e);
}

/* The delays Linux programs at probe are kept as written */
static void test_delay_registers(void)
{
    Env *e = env_new(NDOM, NULL, 0);

    for (unsigned d = 0; d < NDOM; d++) {
        wr(e, d, DCDR0, 0x1f1f1f);
        wr(e, d, DCDR1, 0x1f1f);
        wr(e, d, SUNXI_LPSDR0, 0x8080808);
        wr(e, d, SUNXI_LPSDR1, 0x808);
        wr(e, d, SUNXI_OFF2ON, 0x8);
    }
    assert_no_error(e);
    g_assert_cmphex(rd(e, 10, DCDR0), ==, 0x1f1f1f);
    g_assert_cmphex(rd(e, 10, DCDR1), ==, 0x1f1f);
    g_assert_cmphex(rd(e, 10, SUNXI_LPSDR0), ==, 0x8080808);
    g_assert_cmphex(rd(e, 10, SUNXI_LPSDR1), ==, 0x808);
    g_assert_cmphex(rd(e, 10, SUNXI_OFF2ON), ==, 0x8);
    /* the A523's values: DCDR0 has 24 bits, DCDR1 16 */
    wr(e, 0, DCDR0, 0xffffffff);
    assert_error(e, "bits 0xff000000");
    g_assert_cmphex(rd(e, 0, DCDR0), ==, 0xffffff);
    env_free(e);
}

/* A reset drops a transition in flight and restores every register */
static void test_reset(void)
{
    Env *e = env_new(2, "off,on", 100);

    wr(e, 0, PWPR, ON);
    wr(e, 1, PWPR, MEM_RET);
    wr(e, 1, DCDR0, 0x1f);
    assert_error(e, "MEM_RET");
    e->h.changes = 0;
    ppu_reset(&e->p);
    g_assert_cmpint(e->h.changes, ==, 2);
    assert_reset_block(e, 0, OFF);
    assert_reset_block(e, 1, ON);
    ppu_transition_done(&e->p, 0);      /* the timer raced the reset */
    g_assert_cmphex(rd(e, 0, PWSR), ==, OFF);
    g_assert_cmpint(e->h.changes, ==, 2);
    /* the counters cover the whole run */
    g_assert_cmpuint(e->p.d[1].unsupported, ==, 1);
    env_free(e);
}

/*
 * Whatever software writes wherever, with transitions ending in
 * between: no crash, PWSR only ever shows OFF or ON, and the domain's
 * output agrees with it
 */
static void test_any_access(void)
{
    Env *e = env_new(NDOM, NULL, 10);
    GRand *rand = g_rand_new_with_seed(0x5eed);

    for (int round = 0; round < 4; round++) {
        for (uint32_t off = 0; off < 16 * BLOCK; off += 4) {
            ppu_write(&e->p, off, g_rand_int(rand));
            ppu_read(&e->p, off);
            if ((off & 0xfff) == 0xffc && off / BLOCK < NDOM) {
                ppu_transition_done(&e->p, off / BLOCK);
            }
        }
        for (unsigned d = 0; d < NDOM; d++) {
            uint32_t mode = rd(e, d, PWSR) & 0xf;

            g_assert_true(mode == OFF || mode == ON);
            g_assert_true(e->h.on[d] == (mode == ON));
            g_assert_true(ppu_irq_level(&e->p, d) == e->h.irq[d]);
        }
    }
    g_assert_cmpint(e->h.nerrors, >, 0);
    g_rand_free(rand);
    env_free(e);
}

static void test_names(void)
{
    g_assert_cmpstr(ppu_mode_name(0), ==, "OFF");
    g_assert_cmpstr(ppu_mode_name(8), ==, "ON");
    g_assert_cmpstr(ppu_mode_name(0xa), ==, "DBG_RECOV");
    g_assert_cmpstr(ppu_mode_name(0xb), ==, "reserved");
    g_assert_cmpstr(ppu_reg_name(0x008), ==, "PWSR");
    g_assert_cmpstr(ppu_reg_name(0x3038), ==, "ISR");
    g_assert_cmpstr(ppu_reg_name(0xc10), ==, "SUNXI_OFF2ON");
    g_assert_cmpstr(ppu_reg_name(0x00c), ==, "reserved");
}

static void assert_config_error(unsigned num, const char *states,
                                const char *text)
{
    PpuConfig cfg;
    g_autofree char *err = NULL;

    g_assert_false(ppu_config_parse(&cfg, num, states, 0, &err));
    g_assert_nonnull(err);
    if (!strstr(err, text)) {
        g_error("'%s' lacks '%s'", err, text);
    }
}

static void test_config(void)
{
    PpuConfig cfg;
    g_autofree char *err = NULL;

    g_assert_true(ppu_config_parse(&cfg, 13, NULL, 7, &err));
    g_assert_cmpuint(cfg.domains.num, ==, 13);
    g_assert_cmpuint(cfg.latency_ns, ==, 7);
    g_assert_cmpstr(cfg.domains.names[4], ==, "NPU");
    g_assert_cmpstr(cfg.domains.names[11], ==, "pd11");
    g_assert_cmpstr(cfg.domains.names[12], ==, "pd12");
    g_assert_true(cfg.domains.on_at_reset[0] && cfg.domains.on_at_reset[12]);
    g_assert_true(ppu_config_parse(&cfg, 2, "off", 0, &err));
    g_assert_false(cfg.domains.on_at_reset[0] || cfg.domains.on_at_reset[1]);

    assert_config_error(0, NULL, "'num-domains': valid values are 1 to 32");
    assert_config_error(33, NULL, "valid values are 1 to 32");
    assert_config_error(1, "standby", "'domain-states': valid values are "
                        "on, off");
    assert_config_error(3, "on,off", "lists 2 state(s)");
    assert_config_error(2, "on,", "invalid value ''");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/ppu/reset-values", test_reset_values);
    g_test_add_func("/ppu/on-off-on", test_on_off_on);
    g_test_add_func("/ppu/no-latency", test_no_latency);
    g_test_add_func("/ppu/policy-during-transition",
                    test_policy_during_transition);
    g_test_add_func("/ppu/accept-event", test_accept_event);
    g_test_add_func("/ppu/unsupported-policy", test_unsupported_policy);
    g_test_add_func("/ppu/lock", test_lock);
    g_test_add_func("/ppu/bad-accesses", test_bad_accesses);
    g_test_add_func("/ppu/delay-registers", test_delay_registers);
    g_test_add_func("/ppu/reset", test_reset);
    g_test_add_func("/ppu/any-access", test_any_access);
    g_test_add_func("/ppu/names", test_names);
    g_test_add_func("/ppu/config", test_config);
    return g_test_run();
}
