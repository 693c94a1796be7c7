/*
 * arm-scmi-power core: messages and what every protocol shares
 *
 * The platform's state, one message in flight, the message tables a
 * protocol describes itself with, and the helpers its handlers use.  The
 * bottom layer of the SCMI core (LAYERS): the protocols (base.c,
 * power.c) build on it, the platform (platform.c) dispatches to them.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef ARM_SCMI_CORE_MESSAGE_H
#define ARM_SCMI_CORE_MESSAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <glib.h>

#include "hw/misc/power-domain-provider/core/domain-set.h"
#include "scmi.h"

#define SCMI_MAX_DOMAINS DOMAIN_SET_MAX
/* A domain's name goes to the agent as it is (POWER_DOMAIN_ATTRIBUTES) */
G_STATIC_ASSERT(DOMAIN_NAME_SIZE == SCMI_NAME_SIZE);

typedef struct ScmiPlatform ScmiPlatform;

/* What the platform needs from its host */
typedef struct ScmiHostOps {
    /* A request the agent got wrong: -d guest_errors in QEMU */
    void (*guest_error)(void *opaque, const char *msg);
    /* Domain @domain is now powered (@on) or off */
    void (*power_changed)(void *opaque, unsigned domain, bool on);
} ScmiHostOps;

typedef struct ScmiConfig {
    DomainSet domains;
    char vendor[SCMI_NAME_SIZE];
    char sub_vendor[SCMI_NAME_SIZE];
    uint32_t impl_version;
} ScmiConfig;

/*
 * The messages the platform knows, for the request counters: every
 * message of both protocols' tables, implemented or not.
 */
typedef enum ScmiMsgIndex {
    SCMI_M_BASE_PROTOCOL_VERSION,
    SCMI_M_BASE_PROTOCOL_ATTRIBUTES,
    SCMI_M_BASE_PROTOCOL_MESSAGE_ATTRIBUTES,
    SCMI_M_BASE_DISCOVER_VENDOR,
    SCMI_M_BASE_DISCOVER_SUB_VENDOR,
    SCMI_M_BASE_DISCOVER_IMPLEMENTATION_VERSION,
    SCMI_M_BASE_DISCOVER_LIST_PROTOCOLS,
    SCMI_M_BASE_DISCOVER_AGENT,
    SCMI_M_BASE_NOTIFY_ERRORS,
    SCMI_M_BASE_SET_DEVICE_PERMISSIONS,
    SCMI_M_BASE_SET_PROTOCOL_PERMISSIONS,
    SCMI_M_BASE_RESET_AGENT_CONFIGURATION,
    SCMI_M_POWER_PROTOCOL_VERSION,
    SCMI_M_POWER_PROTOCOL_ATTRIBUTES,
    SCMI_M_POWER_PROTOCOL_MESSAGE_ATTRIBUTES,
    SCMI_M_POWER_DOMAIN_ATTRIBUTES,
    SCMI_M_POWER_STATE_SET,
    SCMI_M_POWER_STATE_GET,
    SCMI_M_POWER_STATE_NOTIFY,
    SCMI_M_POWER_STATE_CHANGE_REQUESTED_NOTIFY,
    SCMI_M_POWER_DOMAIN_NAME_GET,
    SCMI_M_UNKNOWN_MESSAGE,     /* an unknown message of a known protocol */
    SCMI_M_UNKNOWN_PROTOCOL,
    SCMI_M__COUNT,
} ScmiMsgIndex;

typedef struct ScmiStats {
    uint64_t requests[SCMI_M__COUNT];
    uint64_t responses[SCMI_STATUS_COUNT];  /* indexed by -status */
    /* doorbells that carried no usable message (channel error set) */
    uint64_t transport_errors;
    /* requests the agent got wrong (each one logged as a guest error) */
    uint64_t guest_errors;
    uint64_t power_on[SCMI_MAX_DOMAINS];    /* transitions to on, to off */
    uint64_t power_off[SCMI_MAX_DOMAINS];
} ScmiStats;

struct ScmiPlatform {
    ScmiConfig cfg;
    uint32_t state[SCMI_MAX_DOMAINS];       /* SCMI power state */
    ScmiStats stats;
    const ScmiHostOps *ops;
    void *opaque;
};

typedef struct ScmiProtocolDesc ScmiProtocolDesc;

/* One message: parameters in, return values (after the status) out */
typedef struct ScmiMsg {
    uint32_t header;
    const ScmiProtocolDesc *proto;  /* set by scmi_platform_handle() */
    const uint8_t *in;
    size_t in_len;
    uint8_t *out;
    size_t out_size;            /* room for return values */
    size_t out_len;             /* return values written */
} ScmiMsg;

/* Little-endian fields of parameters and return values */
static inline uint32_t scmi_get32(const uint8_t *p)
{
    return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline void scmi_put32(uint8_t *p, uint32_t v)
{
    p[0] = v;
    p[1] = v >> 8;
    p[2] = v >> 16;
    p[3] = v >> 24;
}

/* The message tables of the protocols (base.c, power.c) */
typedef ScmiStatus ScmiHandler(ScmiPlatform *p, ScmiMsg *m);
typedef struct ScmiMsgDesc {
    uint8_t id;
    ScmiMsgIndex index;
    size_t in_len;              /* exact parameter size */
    ScmiHandler *handler;       /* NULL: not implemented (NOT_SUPPORTED) */
} ScmiMsgDesc;

struct ScmiProtocolDesc {
    uint8_t id;
    const char *name;
    const ScmiMsgDesc *msgs;
    unsigned num_msgs;
};

const ScmiMsgDesc *scmi_find_msg(const ScmiProtocolDesc *proto,
                                 unsigned id);
/* Append a 32-bit return value / @n bytes; false when they do not fit */
bool scmi_out32(ScmiMsg *m, uint32_t v);
bool scmi_out_bytes(ScmiMsg *m, const void *buf, size_t n);
/* A request the agent got wrong, for the host's guest-error log */
void scmi_guest_error(ScmiPlatform *p, const char *fmt, ...)
    G_GNUC_PRINTF(2, 3);

/* Handlers of the messages every protocol has */
ScmiStatus scmi_common_message_attributes(ScmiPlatform *p, ScmiMsg *m);

/* Names for the counters and traces */
const char *scmi_msg_name(ScmiMsgIndex i);
const char *scmi_status_name(int32_t status);

/* The name of the message @m carries (for guest-error messages) */
const char *scmi_msg_name_of(const ScmiMsg *m);

#endif /* ARM_SCMI_CORE_MESSAGE_H */
