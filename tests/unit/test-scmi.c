/*
 * arm-scmi-power core: the SCMI platform, message by message
 *
 * Every command goes through the shared-memory channel as an agent
 * posts it.  Expected values are written out from Arm DEN 0056 (channel
 * layout, header fields, status codes, message formats), not taken from
 * the core's own definitions, so that a wrong definition is caught.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <glib.h>
#include <string.h>

#include "platform.h"
#include "shmem.h"
#include "fake-provider.h"

/* DEN 0056 shared memory layout */
#define CH_STATUS       0x04    /* bit 0 free, bit 1 error */
#define CH_FLAGS        0x10
#define CH_LENGTH       0x14
#define CH_HEADER       0x18
#define CH_PAYLOAD      0x1c
#define CH_SIZE         0x100

/* Header: message_id [7:0], type [9:8], protocol_id [17:10], token [27:18] */
#define HDR(proto, msg, token) \
    ((uint32_t)(msg) | (uint32_t)(proto) << 10 | (uint32_t)(token) << 18)

/* Status codes */
enum {
    SUCCESS = 0, NOT_SUPPORTED = -1, INVALID_PARAMETERS = -2,
    NOT_FOUND = -4, PROTOCOL_ERROR = -10,
};

#define BASE  0x10
#define POWER 0x11
#define ON    0x00000000u
#define OFF   0x40000000u

typedef struct Env {
    FakeProvider h;             /* what the platform reported */
    ScmiPlatform p;
    uint8_t ch[CH_SIZE];
    /* the last response */
    ScmiShmemResult res;
    uint32_t resp_len;
    int32_t status;
    uint32_t val[16];
} Env;

static const ScmiHostOps env_ops = {
    .guest_error = fake_provider_guest_error,
    .power_changed = fake_provider_power_changed,
};

static uint32_t get32(const uint8_t *b)
{
    return b[0] | b[1] << 8 | b[2] << 16 | (uint32_t)b[3] << 24;
}

static void put32(uint8_t *b, uint32_t v)
{
    b[0] = v;
    b[1] = v >> 8;
    b[2] = v >> 16;
    b[3] = v >> 24;
}

static Env *env_new(unsigned num, const char *names, const char *states)
{
    Env *e = g_new0(Env, 1);
    ScmiConfig cfg;
    g_autofree char *err = NULL;

    g_assert_true(scmi_config_parse(&cfg, num, names, states, &err));
    g_assert_null(err);
    fake_provider_init(&e->h, &cfg.domains);
    scmi_platform_init(&e->p, &cfg, &env_ops, &e->h);
    scmi_shmem_reset(e->ch, sizeof(e->ch));
    return e;
}

static void env_free(Env *e)
{
    /* every logged guest error is counted, and only those */
    fake_provider_finish(&e->h, e->p.stats.guest_errors);
    g_free(e);
}

/*
 * Post a command as the agent does (channel busy, flags, length, header,
 * parameters), ring the doorbell, check the channel came back free with
 * the same header, and decode the response.  Returns the status.
 */
static int32_t call(Env *e, uint32_t header, const uint32_t *params,
                    unsigned nparams)
{
    put32(e->ch + CH_STATUS, 0);
    put32(e->ch + CH_FLAGS, 0);
    put32(e->ch + CH_LENGTH, 4 + 4 * nparams);
    put32(e->ch + CH_HEADER, header);
    for (unsigned i = 0; i < nparams; i++) {
        put32(e->ch + CH_PAYLOAD + 4 * i, params[i]);
    }
    memset(e->val, 0, sizeof(e->val));
    e->res = scmi_shmem_doorbell(&e->p, e->ch, sizeof(e->ch),
                                 &(ScmiShmemInfo){ 0 });
    g_assert_cmpint(e->res, ==, SCMI_SHMEM_RESPONDED);
    g_assert_cmphex(get32(e->ch + CH_STATUS), ==, 0x1);
    g_assert_cmphex(get32(e->ch + CH_HEADER), ==, header);
    e->resp_len = get32(e->ch + CH_LENGTH);
    g_assert_cmpuint(e->resp_len, >=, 8);
    g_assert_cmpuint(e->resp_len % 4, ==, 0);
    e->status = (int32_t)get32(e->ch + CH_PAYLOAD);
    for (unsigned i = 0; i < (e->resp_len - 8) / 4 && i < 16; i++) {
        e->val[i] = get32(e->ch + CH_PAYLOAD + 4 + 4 * i);
    }
    return e->status;
}

#define CALL(e, proto, msg, ...) \
    call((e), HDR(proto, msg, 0), (const uint32_t[]){ 0, __VA_ARGS__ } + 1, \
         sizeof((const uint32_t[]){ 0, __VA_ARGS__ }) / 4 - 1)

/* Return values after the status, as bytes (names) */
static const char *resp_bytes(Env *e, unsigned off)
{
    return (const char *)e->ch + CH_PAYLOAD + 4 + off;
}

/* An error response is the status alone: header + status = 8 bytes */
static void assert_error(Env *e, int32_t status)
{
    g_assert_cmpint(e->status, ==, status);
    g_assert_cmpuint(e->resp_len, ==, 8);
}

/* ---- Base protocol ----------------------------------------------------- */

static void test_base_discovery(void)
{
    Env *e = env_new(1, NULL, NULL);

    /* PROTOCOL_VERSION: 2.0 = major 2 in [31:16] */
    g_assert_cmpint(CALL(e, BASE, 0x0), ==, SUCCESS);
    g_assert_cmpuint(e->resp_len, ==, 12);
    g_assert_cmphex(e->val[0], ==, 0x00020000);
    /* PROTOCOL_ATTRIBUTES: [7:0] protocols besides base, [15:8] agents */
    g_assert_cmpint(CALL(e, BASE, 0x1), ==, SUCCESS);
    g_assert_cmphex(e->val[0], ==, (1 << 8) | 1);
    /* DISCOVER_VENDOR, DISCOVER_SUB_VENDOR: 16-byte NUL-terminated */
    g_assert_cmpint(CALL(e, BASE, 0x3), ==, SUCCESS);
    g_assert_cmpuint(e->resp_len, ==, 8 + 16);
    g_assert_cmpstr(resp_bytes(e, 0), ==, "QEMU");
    g_assert_cmpint(CALL(e, BASE, 0x4), ==, SUCCESS);
    g_assert_cmpuint(e->resp_len, ==, 8 + 16);
    g_assert_cmpstr(resp_bytes(e, 0), ==, "arm-smmuv3-pm");
    /* DISCOVER_IMPLEMENTATION_VERSION */
    g_assert_cmpint(CALL(e, BASE, 0x5), ==, SUCCESS);
    g_assert_cmpuint(e->resp_len, ==, 12);
    g_assert_cmphex(e->val[0], ==, 0x00010000);
    g_assert_cmpint(e->h.nerrors, ==, 0);
    env_free(e);
}

static void test_base_list_protocols(void)
{
    Env *e = env_new(1, NULL, NULL);

    /* skip 0: one protocol, 0x11, in the low byte of a zero-padded word */
    g_assert_cmpint(CALL(e, BASE, 0x6, 0), ==, SUCCESS);
    g_assert_cmpuint(e->resp_len, ==, 8 + 4 + 4);
    g_assert_cmpuint(e->val[0], ==, 1);
    g_assert_cmphex(e->val[1], ==, 0x00000011);
    /* skip 1: none left, no list words */
    g_assert_cmpint(CALL(e, BASE, 0x6, 1), ==, SUCCESS);
    g_assert_cmpuint(e->resp_len, ==, 8 + 4);
    g_assert_cmpuint(e->val[0], ==, 0);
    g_assert_cmpint(e->h.nerrors, ==, 0);
    /* skip beyond the total: INVALID_PARAMETERS */
    CALL(e, BASE, 0x6, 2);
    assert_error(e, INVALID_PARAMETERS);
    g_assert_cmpint(e->h.nerrors, ==, 1);
    env_free(e);
}

static void test_base_discover_agent(void)
{
    Env *e = env_new(1, NULL, NULL);

    /* agent 0 is the platform; the caller (0xffffffff) is the OS, 1 */
    g_assert_cmpint(CALL(e, BASE, 0x7, 0), ==, SUCCESS);
    g_assert_cmpuint(e->resp_len, ==, 8 + 4 + 16);
    g_assert_cmpuint(e->val[0], ==, 0);
    g_assert_cmpstr(resp_bytes(e, 4), ==, "platform");
    g_assert_cmpint(CALL(e, BASE, 0x7, 1), ==, SUCCESS);
    g_assert_cmpuint(e->val[0], ==, 1);
    g_assert_cmpstr(resp_bytes(e, 4), ==, "OSPM");
    g_assert_cmpint(CALL(e, BASE, 0x7, 0xffffffff), ==, SUCCESS);
    g_assert_cmpuint(e->val[0], ==, 1);
    g_assert_cmpstr(resp_bytes(e, 4), ==, "OSPM");
    g_assert_cmpint(e->h.nerrors, ==, 0);
    CALL(e, BASE, 0x7, 2);
    assert_error(e, NOT_FOUND);
    g_assert_cmpint(e->h.nerrors, ==, 1);
    env_free(e);
}

static void test_message_attributes(void)
{
    Env *e = env_new(1, NULL, NULL);
    static const unsigned base_impl[] = { 0, 1, 2, 3, 4, 5, 6, 7 };
    static const unsigned base_not[] = { 8, 9, 0xa, 0xb, 0x10, 0xff };
    static const unsigned power_impl[] = { 0, 1, 2, 3, 4, 5 };
    static const unsigned power_not[] = { 6, 7, 8, 0x10, 0xff };

    for (unsigned i = 0; i < G_N_ELEMENTS(base_impl); i++) {
        g_assert_cmpint(CALL(e, BASE, 0x2, base_impl[i]), ==, SUCCESS);
        g_assert_cmpuint(e->resp_len, ==, 12);
        g_assert_cmphex(e->val[0], ==, 0);
    }
    for (unsigned i = 0; i < G_N_ELEMENTS(power_impl); i++) {
        g_assert_cmpint(CALL(e, POWER, 0x2, power_impl[i]), ==, SUCCESS);
        g_assert_cmphex(e->val[0], ==, 0);
    }
    /* Not implemented: NOT_FOUND, and asking is not an error */
    for (unsigned i = 0; i < G_N_ELEMENTS(base_not); i++) {
        CALL(e, BASE, 0x2, base_not[i]);
        assert_error(e, NOT_FOUND);
    }
    for (unsigned i = 0; i < G_N_ELEMENTS(power_not); i++) {
        CALL(e, POWER, 0x2, power_not[i]);
        assert_error(e, NOT_FOUND);
    }
    g_assert_cmpint(e->h.nerrors, ==, 0);
    env_free(e);
}

static void test_base_not_implemented(void)
{
    Env *e = env_new(1, NULL, NULL);

    CALL(e, BASE, 0x8, 1);                      /* NOTIFY_ERRORS */
    assert_error(e, NOT_SUPPORTED);
    CALL(e, BASE, 0x9, 1, 0, 0);                /* SET_DEVICE_PERMISSIONS */
    assert_error(e, NOT_SUPPORTED);
    CALL(e, BASE, 0xa, 1, 0, 0x11, 0);          /* SET_PROTOCOL_PERMISSIONS */
    assert_error(e, NOT_SUPPORTED);
    CALL(e, BASE, 0xb, 1, 0);                   /* RESET_AGENT_CONFIGURATION */
    assert_error(e, NOT_SUPPORTED);
    CALL(e, BASE, 0x42);                        /* no such message */
    assert_error(e, NOT_SUPPORTED);
    g_assert_cmpint(e->h.nerrors, ==, 5);
    env_free(e);
}

/* ---- Power domain management protocol ---------------------------------- */

static void test_power_discovery(void)
{
    Env *e = env_new(3, "smmu0,gpu,dsp", "on,off,on");

    g_assert_cmpint(CALL(e, POWER, 0x0), ==, SUCCESS);
    g_assert_cmphex(e->val[0], ==, 0x00030000);
    /* PROTOCOL_ATTRIBUTES: domains [15:0]; no statistics area */
    g_assert_cmpint(CALL(e, POWER, 0x1), ==, SUCCESS);
    g_assert_cmpuint(e->resp_len, ==, 8 + 16);
    g_assert_cmphex(e->val[0], ==, 3);
    g_assert_cmphex(e->val[1], ==, 0);
    g_assert_cmphex(e->val[2], ==, 0);
    g_assert_cmphex(e->val[3], ==, 0);
    /*
     * POWER_DOMAIN_ATTRIBUTES: bit 29 synchronous POWER_STATE_SET; not
     * bit 31 (notifications), 30 (async), 28 (change requested
     * notifications), 27 (extended name); then the 16-byte name
     */
    static const char *const names[] = { "smmu0", "gpu", "dsp" };
    for (unsigned d = 0; d < 3; d++) {
        g_assert_cmpint(CALL(e, POWER, 0x3, d), ==, SUCCESS);
        g_assert_cmpuint(e->resp_len, ==, 8 + 4 + 16);
        g_assert_cmphex(e->val[0], ==, 1u << 29);
        g_assert_cmpstr(resp_bytes(e, 4), ==, names[d]);
    }
    /* POWER_STATE_GET: the initial states */
    g_assert_cmpint(CALL(e, POWER, 0x5, 0), ==, SUCCESS);
    g_assert_cmpuint(e->resp_len, ==, 12);
    g_assert_cmphex(e->val[0], ==, ON);
    g_assert_cmpint(CALL(e, POWER, 0x5, 1), ==, SUCCESS);
    g_assert_cmphex(e->val[0], ==, OFF);
    g_assert_cmpint(CALL(e, POWER, 0x5, 2), ==, SUCCESS);
    g_assert_cmphex(e->val[0], ==, ON);
    g_assert_cmpint(e->h.nerrors, ==, 0);
    g_assert_cmpint(e->h.changes, ==, 0);
    env_free(e);
}

static void test_power_state_set(void)
{
    Env *e = env_new(2, "smmu0,gpu", NULL);

    /* off: a change, reported once */
    g_assert_cmpint(CALL(e, POWER, 0x4, 0, 0, OFF), ==, SUCCESS);
    g_assert_cmpuint(e->resp_len, ==, 8);
    g_assert_cmpint(e->h.changes, ==, 1);
    g_assert_cmpuint(e->h.last_domain, ==, 0);
    g_assert_false(e->h.last_on);
    g_assert_cmpint(CALL(e, POWER, 0x5, 0), ==, SUCCESS);
    g_assert_cmphex(e->val[0], ==, OFF);
    g_assert_cmpint(CALL(e, POWER, 0x5, 1), ==, SUCCESS);
    g_assert_cmphex(e->val[0], ==, ON);
    /* off again: no change */
    g_assert_cmpint(CALL(e, POWER, 0x4, 0, 0, OFF), ==, SUCCESS);
    g_assert_cmpint(e->h.changes, ==, 1);
    /* on */
    g_assert_cmpint(CALL(e, POWER, 0x4, 0, 0, ON), ==, SUCCESS);
    g_assert_cmpint(e->h.changes, ==, 2);
    g_assert_true(e->h.last_on);
    g_assert_cmpint(CALL(e, POWER, 0x5, 0), ==, SUCCESS);
    g_assert_cmphex(e->val[0], ==, ON);
    g_assert_cmpuint(e->p.stats.power_off[0], ==, 1);
    g_assert_cmpuint(e->p.stats.power_on[0], ==, 1);
    g_assert_cmpint(e->h.nerrors, ==, 0);
    env_free(e);
}

static void test_power_errors(void)
{
    Env *e = env_new(2, NULL, NULL);

    /* no domain 2: NOT_FOUND for each message that names a domain */
    CALL(e, POWER, 0x3, 2);
    assert_error(e, NOT_FOUND);
    CALL(e, POWER, 0x4, 0, 2, OFF);
    assert_error(e, NOT_FOUND);
    CALL(e, POWER, 0x5, 0xffffffff);
    assert_error(e, NOT_FOUND);
    g_assert_cmpint(e->h.nerrors, ==, 3);
    /* asynchronous: not supported, nothing changes */
    CALL(e, POWER, 0x4, 1, 0, OFF);
    assert_error(e, NOT_SUPPORTED);
    /* reserved flag bits */
    CALL(e, POWER, 0x4, 2, 0, OFF);
    assert_error(e, INVALID_PARAMETERS);
    /* states other than on and off */
    CALL(e, POWER, 0x4, 0, 1, 0x00000001);
    assert_error(e, INVALID_PARAMETERS);
    CALL(e, POWER, 0x4, 0, 1, 0x40000001);
    assert_error(e, INVALID_PARAMETERS);
    CALL(e, POWER, 0x4, 0, 1, 0x80000000);
    assert_error(e, INVALID_PARAMETERS);
    g_assert_cmpint(e->h.changes, ==, 0);
    g_assert_cmpint(CALL(e, POWER, 0x5, 0), ==, SUCCESS);
    g_assert_cmphex(e->val[0], ==, ON);
    g_assert_cmpint(CALL(e, POWER, 0x5, 1), ==, SUCCESS);
    g_assert_cmphex(e->val[0], ==, ON);
    /* optional messages not implemented */
    CALL(e, POWER, 0x6, 0, 1);                  /* POWER_STATE_NOTIFY */
    assert_error(e, NOT_SUPPORTED);
    CALL(e, POWER, 0x7, 0, 1);      /* POWER_STATE_CHANGE_REQUESTED_NOTIFY */
    assert_error(e, NOT_SUPPORTED);
    CALL(e, POWER, 0x8, 0);                     /* POWER_DOMAIN_NAME_GET */
    assert_error(e, NOT_SUPPORTED);
    g_assert_cmpint(e->h.nerrors, ==, 3 + 5 + 3);
    env_free(e);
}

/* ---- Message format and transport ------------------------------------- */

static void test_malformed(void)
{
    Env *e = env_new(1, NULL, NULL);

    /* unknown protocol (clock, 0x14): NOT_SUPPORTED */
    CALL(e, 0x14, 0x0);
    assert_error(e, NOT_SUPPORTED);
    /* parameters too short, too long: PROTOCOL_ERROR */
    CALL(e, POWER, 0x5);
    assert_error(e, PROTOCOL_ERROR);
    CALL(e, POWER, 0x5, 0, 0);
    assert_error(e, PROTOCOL_ERROR);
    CALL(e, POWER, 0x4, 0, 0);
    assert_error(e, PROTOCOL_ERROR);
    CALL(e, BASE, 0x0, 0);
    assert_error(e, PROTOCOL_ERROR);
    g_assert_cmpint(e->h.changes, ==, 0);
    /* not a command (type 3, a notification): PROTOCOL_ERROR */
    call(e, HDR(BASE, 0x0, 0) | 3 << 8, NULL, 0);
    assert_error(e, PROTOCOL_ERROR);
    g_assert_cmpint(e->h.nerrors, ==, 6);
    /* the token and the reserved bits come back as they were sent */
    g_assert_cmpint(call(e, HDR(BASE, 0x0, 0x3ff), NULL, 0), ==, SUCCESS);
    g_assert_cmphex(e->val[0], ==, 0x00020000);
    env_free(e);
}

static void test_transport_errors(void)
{
    Env *e = env_new(1, NULL, NULL);
    ScmiShmemInfo info;
    static const uint32_t bad_lengths[] = { 0, 3, CH_SIZE - CH_HEADER + 1,
                                            0xffffffff };

    /* at reset the channel is free, with no error */
    g_assert_cmphex(get32(e->ch + CH_STATUS), ==, 0x1);
    /* a doorbell with the channel free: nothing to do, nothing written */
    put32(e->ch + CH_LENGTH, 8);
    put32(e->ch + CH_HEADER, HDR(POWER, 0x4, 0));
    g_assert_cmpint(scmi_shmem_doorbell(&e->p, e->ch, sizeof(e->ch), &info),
                    ==, SCMI_SHMEM_NO_MESSAGE);
    g_assert_cmphex(get32(e->ch + CH_STATUS), ==, 0x1);
    g_assert_cmpuint(get32(e->ch + CH_LENGTH), ==, 8);
    g_assert_cmpint(e->h.nerrors, ==, 1);
    /* lengths without a header or beyond the channel: channel error */
    for (unsigned i = 0; i < G_N_ELEMENTS(bad_lengths); i++) {
        put32(e->ch + CH_STATUS, 0);
        put32(e->ch + CH_LENGTH, bad_lengths[i]);
        g_assert_cmpint(scmi_shmem_doorbell(&e->p, e->ch, sizeof(e->ch),
                                            &info), ==,
                        SCMI_SHMEM_BAD_LENGTH);
        g_assert_cmphex(get32(e->ch + CH_STATUS), ==, 0x3);
    }
    g_assert_cmpint(e->h.nerrors, ==, 1 + G_N_ELEMENTS(bad_lengths));
    g_assert_cmpuint(e->p.stats.transport_errors, ==,
                     1 + G_N_ELEMENTS(bad_lengths));
    /* the longest length that fits is accepted (a protocol error here) */
    put32(e->ch + CH_STATUS, 0);
    put32(e->ch + CH_LENGTH, CH_SIZE - CH_HEADER);
    put32(e->ch + CH_HEADER, HDR(BASE, 0x0, 1));
    g_assert_cmpint(scmi_shmem_doorbell(&e->p, e->ch, sizeof(e->ch), &info),
                    ==, SCMI_SHMEM_RESPONDED);
    g_assert_cmpint(info.status, ==, PROTOCOL_ERROR);
    g_assert_cmphex(get32(e->ch + CH_STATUS), ==, 0x1);
    /* the agent clears the error when it posts: a good message works */
    g_assert_cmpint(CALL(e, BASE, 0x0), ==, SUCCESS);
    g_assert_cmphex(get32(e->ch + CH_STATUS), ==, 0x1);
    env_free(e);
}

static void test_counters(void)
{
    Env *e = env_new(1, NULL, NULL);

    CALL(e, BASE, 0x0);
    CALL(e, BASE, 0x0);
    CALL(e, POWER, 0x4, 0, 0, OFF);
    CALL(e, POWER, 0x5, 5);
    CALL(e, POWER, 0x42);
    CALL(e, 0x15, 0x0);
    g_assert_cmpuint(e->p.stats.requests[SCMI_M_BASE_PROTOCOL_VERSION], ==, 2);
    g_assert_cmpuint(e->p.stats.requests[SCMI_M_POWER_STATE_SET], ==, 1);
    g_assert_cmpuint(e->p.stats.requests[SCMI_M_POWER_STATE_GET], ==, 1);
    g_assert_cmpuint(e->p.stats.requests[SCMI_M_UNKNOWN_MESSAGE], ==, 1);
    g_assert_cmpuint(e->p.stats.requests[SCMI_M_UNKNOWN_PROTOCOL], ==, 1);
    g_assert_cmpuint(e->p.stats.responses[0], ==, 3);      /* SUCCESS */
    g_assert_cmpuint(e->p.stats.responses[1], ==, 2);      /* NOT_SUPPORTED */
    g_assert_cmpuint(e->p.stats.responses[4], ==, 1);      /* NOT_FOUND */
    g_assert_cmpstr(scmi_msg_name(SCMI_M_POWER_STATE_SET), ==,
                    "power.POWER_STATE_SET");
    g_assert_cmpstr(scmi_status_name(-10), ==, "PROTOCOL_ERROR");
    g_assert_cmpstr(scmi_status_name(-11), ==, "?");
    g_assert_cmpint(scmi_msg_index(0x11, 0x4), ==, SCMI_M_POWER_STATE_SET);
    g_assert_cmpint(scmi_msg_index(0x11, 0x9), ==, SCMI_M_UNKNOWN_MESSAGE);
    g_assert_cmpint(scmi_msg_index(0x12, 0x0), ==, SCMI_M_UNKNOWN_PROTOCOL);
    env_free(e);
}

static void test_reset(void)
{
    Env *e = env_new(2, NULL, "off,on");

    CALL(e, POWER, 0x4, 0, 0, ON);
    CALL(e, POWER, 0x4, 0, 1, OFF);
    g_assert_cmpint(e->h.changes, ==, 2);
    e->h.changes = 0;
    scmi_platform_reset(&e->p);
    /* every domain reported, in its initial state */
    g_assert_cmpint(e->h.changes, ==, 2);
    g_assert_cmpuint(e->h.last_domain, ==, 1);
    g_assert_true(e->h.last_on);
    g_assert_cmpint(CALL(e, POWER, 0x5, 0), ==, SUCCESS);
    g_assert_cmphex(e->val[0], ==, OFF);
    g_assert_cmpint(CALL(e, POWER, 0x5, 1), ==, SUCCESS);
    g_assert_cmphex(e->val[0], ==, ON);
    env_free(e);
}

/* ---- Configuration ----------------------------------------------------- */

static void assert_config_error(unsigned num, const char *names,
                                const char *states, const char *needle)
{
    ScmiConfig cfg;
    g_autofree char *err = NULL;

    g_assert_false(scmi_config_parse(&cfg, num, names, states, &err));
    g_assert_nonnull(err);
    if (!strstr(err, needle)) {
        g_error("'%s' does not contain '%s'", err, needle);
    }
}

static void test_config(void)
{
    ScmiConfig cfg;
    g_autofree char *err = NULL;

    g_assert_true(scmi_config_parse(&cfg, 3, NULL, NULL, &err));
    g_assert_cmpuint(cfg.domains.num, ==, 3);
    g_assert_cmpstr(cfg.domains.names[0], ==, "pd0");
    g_assert_cmpstr(cfg.domains.names[2], ==, "pd2");
    g_assert_true(cfg.domains.on_at_reset[0] && cfg.domains.on_at_reset[1] &&
                  cfg.domains.on_at_reset[2]);
    g_assert_true(scmi_config_parse(&cfg, 2, "a,bcdefghijklmno", "off",
                                    &err));
    g_assert_false(cfg.domains.on_at_reset[0] || cfg.domains.on_at_reset[1]);
    g_assert_cmpstr(cfg.domains.names[1], ==, "bcdefghijklmno");

    assert_config_error(0, NULL, NULL, "'num-domains': valid values are 1 to 32");
    assert_config_error(33, NULL, NULL, "valid values are 1 to 32");
    assert_config_error(2, "a", NULL, "'domain-names' lists 1 name(s)");
    assert_config_error(2, "a,b,c", NULL, "lists 3 name(s)");
    assert_config_error(1, "abcdefghijklmnop", NULL, "1 to 15 printable");
    assert_config_error(2, "a,", NULL, "invalid domain name ''");
    assert_config_error(1, "a b", NULL, "invalid domain name 'a b'");
    assert_config_error(2, "a,a", NULL, "'a' appears twice");
    assert_config_error(1, NULL, "standby", "valid values are on, off");
    assert_config_error(3, NULL, "on,off", "lists 2 state(s)");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/scmi/base/discovery", test_base_discovery);
    g_test_add_func("/scmi/base/list-protocols", test_base_list_protocols);
    g_test_add_func("/scmi/base/discover-agent", test_base_discover_agent);
    g_test_add_func("/scmi/base/not-implemented", test_base_not_implemented);
    g_test_add_func("/scmi/message-attributes", test_message_attributes);
    g_test_add_func("/scmi/power/discovery", test_power_discovery);
    g_test_add_func("/scmi/power/state-set", test_power_state_set);
    g_test_add_func("/scmi/power/errors", test_power_errors);
    g_test_add_func("/scmi/malformed", test_malformed);
    g_test_add_func("/scmi/transport-errors", test_transport_errors);
    g_test_add_func("/scmi/counters", test_counters);
    g_test_add_func("/scmi/reset", test_reset);
    g_test_add_func("/scmi/config", test_config);
    return g_test_run();
}
