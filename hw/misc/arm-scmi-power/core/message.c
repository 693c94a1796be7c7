/*
 * arm-scmi-power core: messages and what every protocol shares
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <stdarg.h>
#include <string.h>
#include <glib.h>

#include "message.h"

static const char *const msg_names[SCMI_M__COUNT] = {
    [SCMI_M_BASE_PROTOCOL_VERSION] = "base.PROTOCOL_VERSION",
    [SCMI_M_BASE_PROTOCOL_ATTRIBUTES] = "base.PROTOCOL_ATTRIBUTES",
    [SCMI_M_BASE_PROTOCOL_MESSAGE_ATTRIBUTES] =
        "base.PROTOCOL_MESSAGE_ATTRIBUTES",
    [SCMI_M_BASE_DISCOVER_VENDOR] = "base.DISCOVER_VENDOR",
    [SCMI_M_BASE_DISCOVER_SUB_VENDOR] = "base.DISCOVER_SUB_VENDOR",
    [SCMI_M_BASE_DISCOVER_IMPLEMENTATION_VERSION] =
        "base.DISCOVER_IMPLEMENTATION_VERSION",
    [SCMI_M_BASE_DISCOVER_LIST_PROTOCOLS] = "base.DISCOVER_LIST_PROTOCOLS",
    [SCMI_M_BASE_DISCOVER_AGENT] = "base.DISCOVER_AGENT",
    [SCMI_M_BASE_NOTIFY_ERRORS] = "base.NOTIFY_ERRORS",
    [SCMI_M_BASE_SET_DEVICE_PERMISSIONS] = "base.SET_DEVICE_PERMISSIONS",
    [SCMI_M_BASE_SET_PROTOCOL_PERMISSIONS] = "base.SET_PROTOCOL_PERMISSIONS",
    [SCMI_M_BASE_RESET_AGENT_CONFIGURATION] =
        "base.RESET_AGENT_CONFIGURATION",
    [SCMI_M_POWER_PROTOCOL_VERSION] = "power.PROTOCOL_VERSION",
    [SCMI_M_POWER_PROTOCOL_ATTRIBUTES] = "power.PROTOCOL_ATTRIBUTES",
    [SCMI_M_POWER_PROTOCOL_MESSAGE_ATTRIBUTES] =
        "power.PROTOCOL_MESSAGE_ATTRIBUTES",
    [SCMI_M_POWER_DOMAIN_ATTRIBUTES] = "power.POWER_DOMAIN_ATTRIBUTES",
    [SCMI_M_POWER_STATE_SET] = "power.POWER_STATE_SET",
    [SCMI_M_POWER_STATE_GET] = "power.POWER_STATE_GET",
    [SCMI_M_POWER_STATE_NOTIFY] = "power.POWER_STATE_NOTIFY",
    [SCMI_M_POWER_STATE_CHANGE_REQUESTED_NOTIFY] =
        "power.POWER_STATE_CHANGE_REQUESTED_NOTIFY",
    [SCMI_M_POWER_DOMAIN_NAME_GET] = "power.POWER_DOMAIN_NAME_GET",
    [SCMI_M_UNKNOWN_MESSAGE] = "unknown-message",
    [SCMI_M_UNKNOWN_PROTOCOL] = "unknown-protocol",
};

static const char *const status_names[SCMI_STATUS_COUNT] = {
    "SUCCESS", "NOT_SUPPORTED", "INVALID_PARAMETERS", "DENIED", "NOT_FOUND",
    "OUT_OF_RANGE", "BUSY", "COMMS_ERROR", "GENERIC_ERROR", "HARDWARE_ERROR",
    "PROTOCOL_ERROR",
};

const char *scmi_msg_name(ScmiMsgIndex i)
{
    return i < SCMI_M__COUNT ? msg_names[i] : "?";
}

const char *scmi_status_name(int32_t status)
{
    return status <= 0 && status > -SCMI_STATUS_COUNT ?
           status_names[-status] : "?";
}

const ScmiMsgDesc *scmi_find_msg(const ScmiProtocolDesc *proto, unsigned id)
{
    for (unsigned i = 0; i < proto->num_msgs; i++) {
        if (proto->msgs[i].id == id) {
            return &proto->msgs[i];
        }
    }
    return NULL;
}

const char *scmi_msg_name_of(const ScmiMsg *m)
{
    const ScmiMsgDesc *d = scmi_find_msg(m->proto,
                                         FIELD_EX32(m->header, SCMI_HDR,
                                                    MESSAGE_ID));

    return d ? scmi_msg_name(d->index) : "?";
}

bool scmi_out_bytes(ScmiMsg *m, const void *buf, size_t n)
{
    if (m->out_size - m->out_len < n) {
        return false;
    }
    memcpy(m->out + m->out_len, buf, n);
    m->out_len += n;
    return true;
}

bool scmi_out32(ScmiMsg *m, uint32_t v)
{
    uint8_t b[4];

    scmi_put32(b, v);
    return scmi_out_bytes(m, b, sizeof(b));
}

void scmi_guest_error(ScmiPlatform *p, const char *fmt, ...)
{
    g_autofree char *msg = NULL;
    va_list ap;

    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    p->stats.guest_errors++;
    if (p->ops && p->ops->guest_error) {
        p->ops->guest_error(p->opaque, msg);
    }
}

/*
 * PROTOCOL_MESSAGE_ATTRIBUTES, the same in every protocol: SUCCESS with
 * no attributes for a message the platform implements, NOT_FOUND for
 * any other (how an agent discovers optional messages: not an error).
 */
ScmiStatus scmi_common_message_attributes(ScmiPlatform *p, ScmiMsg *m)
{
    const ScmiMsgDesc *d = scmi_find_msg(m->proto, scmi_get32(m->in));

    if (!d || !d->handler) {
        return SCMI_NOT_FOUND;
    }
    scmi_out32(m, 0);
    return SCMI_SUCCESS;
}
