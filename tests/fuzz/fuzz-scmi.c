/*
 * arm-scmi-power fuzzing: the SCMI platform through its shared-memory
 * channel, as a hostile agent drives it
 *
 * Input: the configuration (num-domains, and sometimes fuzzed
 * "domain-names"/"domain-states" strings for the parser), the channel's
 * size (SCMI_SHMEM_MIN_SIZE..512 bytes, allocated exactly so that ASan
 * sees any access beyond it), then operations: raw bytes written into the
 * channel, a message posted (channel busy, flags, length, header of a
 * known or any protocol/message, parameters) and the doorbell rung, a
 * doorbell with the channel as it is, a platform reset.
 *
 * Invariants (FUZZ_CHECK aborts), channel offsets from DEN 0056:
 *  - the doorbell's result is one of its three; after NO_MESSAGE the
 *    channel is untouched; after BAD_LENGTH it is free with the error
 *    bit set; after RESPONDED it is free without error, the header echoed,
 *    the length 8 + 4n and within the channel, the status a DEN 0056 code
 *    (0..-10) and the same in the channel and the result, an error
 *    response carries the status alone
 *  - bytes outside [status, payload + returned values] never change
 *  - every domain's state is ON or OFF; power_changed reports a domain
 *    the platform has, only on a change, and the host's view matches the
 *    platform's state after every operation
 *  - every guest error counted was reported to the host, and only those
 *  - the configuration parser returns true, or false with a message
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <glib.h>

#include "platform.h"
#include "shmem.h"
#include "fuzz-common.h"

#define CH_STATUS       0x04
#define CH_FLAGS        0x10
#define CH_LENGTH       0x14
#define CH_HEADER       0x18
#define CH_PAYLOAD      0x1c
#define CH_MAX          512
#define ON              0x00000000u
#define OFF             0x40000000u
#define MAX_OPS         128

typedef struct Host {
    unsigned num;
    bool on[SCMI_MAX_DOMAINS];
    uint64_t errors;
    const ScmiPlatform *p;
    bool in_reset;              /* reset reports every domain */
} Host;

static void h_guest_error(void *o, const char *msg)
{
    Host *h = o;

    FUZZ_CHECK(msg && *msg, "empty guest error message");
    h->errors++;
    if (fuzz_verbose()) {
        fprintf(stderr, "guest error: %s\n", msg);
    }
}

static void h_power_changed(void *o, unsigned domain, bool on)
{
    Host *h = o;

    FUZZ_CHECK(domain < h->num, "power_changed for domain %u of %u",
               domain, h->num);
    FUZZ_CHECK(h->p == NULL || h->in_reset || h->on[domain] != on,
               "power_changed(%u, %d) without a change", domain, on);
    h->on[domain] = on;
}

static const ScmiHostOps ops = {
    .guest_error = h_guest_error,
    .power_changed = h_power_changed,
};

/* A NUL-terminated string of up to 96 input bytes (owned by the caller) */
static char *fuzz_string(FuzzIn *in)
{
    unsigned n = fuzz_u8(in) % 97;
    char *s = g_malloc(n + 1);

    for (unsigned i = 0; i < n; i++) {
        s[i] = fuzz_u8(in);
    }
    s[n] = 0;
    return s;
}

static void check_state(const ScmiPlatform *p, const Host *h)
{
    for (unsigned d = 0; d < h->num; d++) {
        FUZZ_CHECK(p->state[d] == ON || p->state[d] == OFF,
                   "domain %u state 0x%x", d, p->state[d]);
        FUZZ_CHECK(h->on[d] == (p->state[d] == ON),
                   "domain %u: host sees %s, platform state 0x%x", d,
                   h->on[d] ? "on" : "off", p->state[d]);
    }
    FUZZ_CHECK(p->stats.guest_errors == h->errors,
               "%" PRIu64 " guest errors counted, %" PRIu64 " reported",
               p->stats.guest_errors, h->errors);
}

static void doorbell(ScmiPlatform *p, uint8_t *ch, size_t size)
{
    uint8_t before[CH_MAX];
    ScmiShmemInfo info;
    ScmiShmemResult res;
    uint32_t len, status;

    memcpy(before, ch, size);
    memset(&info, 0x5a, sizeof(info));
    res = scmi_shmem_doorbell(p, ch, size, &info);
    status = scmi_get32(ch + CH_STATUS);
    switch (res) {
    case SCMI_SHMEM_NO_MESSAGE:
        FUZZ_CHECK(memcmp(before, ch, size) == 0,
                   "the channel changed with no message");
        break;
    case SCMI_SHMEM_BAD_LENGTH:
        FUZZ_CHECK((status & 3) == 3, "status 0x%x after a bad length",
                   status);
        FUZZ_CHECK(memcmp(before + CH_STATUS + 4, ch + CH_STATUS + 4,
                          size - CH_STATUS - 4) == 0,
                   "a bad length changed more than the status");
        break;
    case SCMI_SHMEM_RESPONDED:
        len = scmi_get32(ch + CH_LENGTH);
        FUZZ_CHECK((status & 3) == 1, "status 0x%x after a response",
                   status);
        FUZZ_CHECK(scmi_get32(ch + CH_HEADER) == scmi_get32(before + CH_HEADER),
                   "header 0x%x answered as 0x%x", scmi_get32(before + CH_HEADER),
                   scmi_get32(ch + CH_HEADER));
        FUZZ_CHECK(len == info.resp_length && len >= 8 && len % 4 == 0 &&
                   len <= size - CH_HEADER,
                   "response length %u (info %u) in a %zu-byte channel", len,
                   info.resp_length, size);
        FUZZ_CHECK(info.status <= 0 && info.status >= -10,
                   "status %d", info.status);
        FUZZ_CHECK((int32_t)scmi_get32(ch + CH_PAYLOAD) == info.status,
                   "status %d in the channel, %d returned",
                   (int32_t)scmi_get32(ch + CH_PAYLOAD), info.status);
        FUZZ_CHECK(info.status == 0 || len == 8,
                   "error %d with %u bytes of response", info.status, len);
        FUZZ_CHECK(memcmp(before, ch, CH_STATUS) == 0 &&
                   memcmp(before + CH_STATUS + 4, ch + CH_STATUS + 4,
                          CH_LENGTH - CH_STATUS - 4) == 0 &&
                   memcmp(before + CH_HEADER + len, ch + CH_HEADER + len,
                          size - CH_HEADER - len) == 0,
                   "the response wrote outside its length");
        break;
    default:
        FUZZ_CHECK(0, "doorbell result %d", res);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const uint8_t msgs[][2] = {
        { 0x10, 0x0 }, { 0x10, 0x1 }, { 0x10, 0x2 }, { 0x10, 0x3 },
        { 0x10, 0x4 }, { 0x10, 0x5 }, { 0x10, 0x6 }, { 0x10, 0x7 },
        { 0x10, 0x8 }, { 0x10, 0x9 }, { 0x10, 0xa }, { 0x10, 0xb },
        { 0x11, 0x0 }, { 0x11, 0x1 }, { 0x11, 0x2 }, { 0x11, 0x3 },
        { 0x11, 0x4 }, { 0x11, 0x5 }, { 0x11, 0x6 }, { 0x11, 0x7 },
        { 0x11, 0x8 }, { 0x12, 0x0 },
    };
    FuzzIn in = { data, size, 0 };
    uint8_t f = fuzz_u8(&in);
    unsigned num = 1 + fuzz_u8(&in) % (SCMI_MAX_DOMAINS + 2);
    char *names = NULL, *states = NULL, *err = NULL;
    ScmiConfig cfg;
    ScmiPlatform p;
    Host h = { 0 };
    size_t chsize;
    uint8_t *ch;
    unsigned n = 0;
    bool ok;

    if (f & 1) {
        names = fuzz_string(&in);
    }
    if (f & 2) {
        states = fuzz_string(&in);
    }
    ok = scmi_config_parse(&cfg, num, names, states, &err);
    FUZZ_CHECK(ok == (err == NULL), "parse %s with message %s",
               ok ? "succeeded" : "failed", err ? err : "(none)");
    g_free(names);
    g_free(states);
    g_free(err);
    if (!ok) {
        return 0;
    }
    FUZZ_CHECK(num <= SCMI_MAX_DOMAINS, "%u domains accepted", num);
    h.num = num;
    for (unsigned d = 0; d < num; d++) {
        h.on[d] = cfg.domains.on_at_reset[d];
    }
    scmi_platform_init(&p, &cfg, &ops, &h);
    h.p = &p;
    chsize = SCMI_SHMEM_MIN_SIZE + fuzz_u8(&in) % (CH_MAX - SCMI_SHMEM_MIN_SIZE + 1);
    ch = g_malloc(chsize);
    scmi_shmem_reset(ch, chsize);
    check_state(&p, &h);

    while (fuzz_more(&in) && n++ < MAX_OPS) {
        uint8_t op = fuzz_u8(&in);

        switch (op % 4) {
        case 0: {                       /* raw bytes into the channel */
            unsigned off = fuzz_u16(&in) % chsize;
            unsigned len = 1 + fuzz_u8(&in) % 32;

            for (unsigned i = 0; i < len && off + i < chsize; i++) {
                ch[off + i] = fuzz_u8(&in);
            }
            break;
        }
        case 1: {                       /* post a message, ring */
            uint8_t m = fuzz_u8(&in);
            uint32_t hdr = fuzz_u32(&in);
            unsigned np = fuzz_u8(&in) % 8;
            uint32_t length = 4 + 4 * np;

            if (!(m & 0x80)) {
                /* message_id [7:0], type 0 [9:8], protocol_id [17:10] */
                hdr = (hdr & ~0x3ffffu) | msgs[m % G_N_ELEMENTS(msgs)][1] |
                      (uint32_t)msgs[m % G_N_ELEMENTS(msgs)][0] << 10;
            }
            if (m & 0x40) {
                length = fuzz_u32(&in);
            } else if (m & 0x20) {
                length += fuzz_u8(&in) % 4;       /* not a multiple of 4 */
            }
            scmi_put32(ch + CH_STATUS, 0);
            scmi_put32(ch + CH_FLAGS, 0);
            scmi_put32(ch + CH_LENGTH, length);
            scmi_put32(ch + CH_HEADER, hdr);
            for (unsigned i = 0; i < np && CH_PAYLOAD + 4 * i + 4 <= chsize;
                 i++) {
                uint32_t v = fuzz_u32(&in);

                /* domain ids and states, mostly plausible */
                if (!(m & 0x10)) {
                    v = i == 2 ? (v & 1 ? OFF : ON) : v % (num + 1);
                }
                scmi_put32(ch + CH_PAYLOAD + 4 * i, v);
            }
            doorbell(&p, ch, chsize);
            break;
        }
        case 2:                         /* the channel as it is */
            doorbell(&p, ch, chsize);
            break;
        case 3:
            if (op == 0xff) {
                h.in_reset = true;
                scmi_platform_reset(&p);
                h.in_reset = false;
                scmi_shmem_reset(ch, chsize);
            }
            break;
        }
        check_state(&p, &h);
    }
    g_free(ch);
    return 0;
}
