/*
 * arm-pck600-ppu fuzzing: the PPU register file and policy sequencer
 *
 * Input: the configuration (num-domains, fuzzed "domain-states" strings
 * sometimes, latency 0 (instant) or not), then operations: reads and
 * writes at any offset (mostly the registers of a domain, sometimes
 * beyond the last domain), writes of plausible policies (PWPR with a mode,
 * dynamic and lock bits), the end of a scheduled transition
 * (ppu_transition_done, only for a domain the PPU scheduled, as the host
 * timer does), a reset.
 *
 * Invariants (FUZZ_CHECK aborts), register offsets and modes from DEN
 * 0051E:
 *  - PWSR.PWR_STATUS is a defined power mode (OFF..DBG_RECOV); a read
 *    beyond the domains or of a reserved offset returns 0
 *  - power_changed only for a domain the PPU has and only on a change;
 *    the host's view equals ppu_domain_on() after every operation
 *  - irq_changed only for a domain the PPU has, only when the level moves;
 *    it equals ppu_irq_level() after every operation
 *  - schedule only for a domain the PPU has, with the configured latency
 *  - every guest error counted was reported, and only those
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <glib.h>

#include "ppu.h"
#include "fuzz-common.h"

#define BLOCK           0x1000
#define PWPR            0x000
#define PWSR            0x008
#define MODE_DBG_RECOV  0xa
#define MAX_OPS         256

typedef struct Host {
    unsigned num;
    bool on[PPU_MAX_DOMAINS];
    bool irq[PPU_MAX_DOMAINS];
    bool scheduled[PPU_MAX_DOMAINS];
    uint64_t latency;
    uint64_t errors;
    bool in_reset;
} Host;

static void h_guest_error(void *o, const char *msg)
{
    ((Host *)o)->errors++;
    FUZZ_CHECK(msg && *msg, "empty guest error");
    if (fuzz_verbose()) {
        fprintf(stderr, "guest error: %s\n", msg);
    }
}

static void h_power_changed(void *o, unsigned dom, bool on)
{
    Host *h = o;

    FUZZ_CHECK(dom < h->num, "power_changed for domain %u of %u", dom,
               h->num);
    FUZZ_CHECK(h->in_reset || h->on[dom] != on,
               "power_changed(%u, %d) without a change", dom, on);
    h->on[dom] = on;
}

static void h_irq_changed(void *o, unsigned dom, bool level)
{
    Host *h = o;

    FUZZ_CHECK(dom < h->num, "irq_changed for domain %u of %u", dom,
               h->num);
    FUZZ_CHECK(h->in_reset || h->irq[dom] != level,
               "irq_changed(%u, %d) without a change", dom, level);
    h->irq[dom] = level;
}

static void h_schedule(void *o, unsigned dom, uint64_t delay)
{
    Host *h = o;

    FUZZ_CHECK(dom < h->num, "schedule for domain %u of %u", dom, h->num);
    FUZZ_CHECK(delay == h->latency, "delay %" PRIu64 " for a latency of %"
               PRIu64, delay, h->latency);
    h->scheduled[dom] = true;
}

static const PpuHostOps ops = {
    .guest_error = h_guest_error,
    .power_changed = h_power_changed,
    .irq_changed = h_irq_changed,
    .schedule = h_schedule,
};

static void check(Ppu *p, Host *h)
{
    for (unsigned d = 0; d < h->num; d++) {
        uint32_t mode = ppu_read(p, d * BLOCK + PWSR) & 0xf;

        FUZZ_CHECK(mode <= MODE_DBG_RECOV, "domain %u PWSR mode 0x%x", d,
                   mode);
        FUZZ_CHECK(h->on[d] == ppu_domain_on(p, d),
                   "domain %u: host sees %s, PPU says %s", d,
                   h->on[d] ? "on" : "off",
                   ppu_domain_on(p, d) ? "on" : "off");
        FUZZ_CHECK(h->irq[d] == ppu_irq_level(p, d),
                   "domain %u: interrupt %d, PPU level %d", d, h->irq[d],
                   ppu_irq_level(p, d));
    }
    FUZZ_CHECK(p->guest_errors == h->errors,
               "%" PRIu64 " guest errors counted, %" PRIu64 " reported",
               p->guest_errors, h->errors);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzIn in = { data, size, 0 };
    uint8_t f = fuzz_u8(&in);
    unsigned num = 1 + fuzz_u8(&in) % (PPU_MAX_DOMAINS + 2);
    char *states = NULL, *err = NULL;
    PpuConfig cfg;
    Ppu *p;
    Host h = { 0 };
    unsigned n = 0;
    bool ok;

    if (f & 1) {
        unsigned len = fuzz_u8(&in) % 97;

        states = g_malloc(len + 1);
        for (unsigned i = 0; i < len; i++) {
            states[i] = fuzz_u8(&in);
        }
        states[len] = 0;
    } else if (f & 2) {
        /* a plausible list: on/off per domain */
        GString *s = g_string_new("");
        uint32_t bits = fuzz_u32(&in);

        for (unsigned d = 0; d < num; d++) {
            g_string_append(s, d ? "," : "");
            g_string_append(s, (bits >> (d % 32)) & 1 ? "off" : "on");
        }
        states = g_string_free(s, false);
    }
    h.latency = (f & 4) ? 1000 : 0;
    ok = ppu_config_parse(&cfg, num, states, h.latency, &err);
    FUZZ_CHECK(ok == (err == NULL), "parse %s with message %s",
               ok ? "succeeded" : "failed", err ? err : "(none)");
    g_free(states);
    g_free(err);
    if (!ok) {
        return 0;
    }
    h.num = num;
    for (unsigned d = 0; d < num; d++) {
        h.on[d] = cfg.domains.on_at_reset[d];
    }
    p = g_new0(Ppu, 1);
    h.in_reset = true;
    ppu_init(p, &cfg, &ops, &h);
    ppu_reset(p);
    h.in_reset = false;
    for (unsigned d = 0; d < num; d++) {
        h.on[d] = ppu_domain_on(p, d);
        h.irq[d] = ppu_irq_level(p, d);
    }
    check(p, &h);

    while (fuzz_more(&in) && n++ < MAX_OPS) {
        uint8_t op = fuzz_u8(&in);
        unsigned dom = fuzz_u8(&in) % (num + 1);

        switch (op % 5) {
        case 0: {
            uint32_t off = (op & 0x80) ? fuzz_u32(&in)
                                       : dom * BLOCK + (fuzz_u16(&in) & 0xffc);
            uint32_t v = ppu_read(p, off);

            FUZZ_CHECK(off / BLOCK < num || v == 0,
                       "read 0x%x beyond the domains: 0x%x", off, v);
            break;
        }
        case 1: {
            uint32_t off = (op & 0x80) ? fuzz_u32(&in)
                                       : dom * BLOCK + (fuzz_u16(&in) & 0xffc);

            ppu_write(p, off, fuzz_u32(&in));
            break;
        }
        case 2: {                       /* a policy: mode, dynamic, lock */
            uint8_t v = fuzz_u8(&in);

            ppu_write(p, dom * BLOCK + PWPR, (v & 0xf) |
                      ((v >> 4) & 1) << 8 | ((v >> 5) & 1) << 12);
            break;
        }
        case 3:                         /* the host's timer */
            if (dom < num && h.scheduled[dom]) {
                h.scheduled[dom] = false;
                ppu_transition_done(p, dom);
            }
            break;
        case 4:
            if (op == 0xff) {
                h.in_reset = true;
                ppu_reset(p);
                h.in_reset = false;
            }
            break;
        }
        check(p, &h);
    }
    g_free(p);
    return 0;
}
