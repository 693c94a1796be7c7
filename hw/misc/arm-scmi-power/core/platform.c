/*
 * arm-scmi-power core: the SCMI platform: configuration, dispatch of a
 * command to its protocol's handler, counters
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <glib.h>

#include "platform.h"

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

const ScmiProtocolDesc *scmi_find_protocol(unsigned id)
{
    static const ScmiProtocolDesc *const protocols[] = {
        &scmi_base_protocol, &scmi_power_protocol,
    };

    for (unsigned i = 0; i < G_N_ELEMENTS(protocols); i++) {
        if (protocols[i]->id == id) {
            return protocols[i];
        }
    }
    return NULL;
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

ScmiMsgIndex scmi_msg_index(unsigned protocol, unsigned message)
{
    const ScmiProtocolDesc *proto = scmi_find_protocol(protocol);
    const ScmiMsgDesc *d = proto ? scmi_find_msg(proto, message) : NULL;

    return !proto ? SCMI_M_UNKNOWN_PROTOCOL :
           d ? d->index : SCMI_M_UNKNOWN_MESSAGE;
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

ScmiStatus scmi_platform_handle(ScmiPlatform *p, ScmiMsg *m)
{
    unsigned type = FIELD_EX32(m->header, SCMI_HDR, MESSAGE_TYPE);
    unsigned proto_id = FIELD_EX32(m->header, SCMI_HDR, PROTOCOL_ID);
    unsigned msg_id = FIELD_EX32(m->header, SCMI_HDR, MESSAGE_ID);
    const ScmiMsgDesc *d;
    ScmiStatus st;

    m->proto = scmi_find_protocol(proto_id);
    d = m->proto ? scmi_find_msg(m->proto, msg_id) : NULL;
    m->out_len = 0;
    p->stats.requests[scmi_msg_index(proto_id, msg_id)]++;

    if (type != SCMI_MSG_TYPE_COMMAND) {
        scmi_guest_error(p, "message 0x%x of protocol 0x%x has type %u: "
                         "an agent sends commands (type 0) only", msg_id,
                         proto_id, type);
        st = SCMI_PROTOCOL_ERROR;
    } else if (!m->proto) {
        scmi_guest_error(p, "protocol 0x%x is not implemented (message "
                         "0x%x)", proto_id, msg_id);
        st = SCMI_NOT_SUPPORTED;
    } else if (!d || !d->handler) {
        scmi_guest_error(p, "%s protocol: message 0x%x is not implemented",
                         m->proto->name, msg_id);
        st = SCMI_NOT_SUPPORTED;
    } else if (m->in_len != d->in_len) {
        scmi_guest_error(p, "%s: %zu bytes of parameters, expected %zu",
                         scmi_msg_name(d->index), m->in_len, d->in_len);
        st = SCMI_PROTOCOL_ERROR;
    } else {
        st = d->handler(p, m);
    }
    if (st != SCMI_SUCCESS) {
        m->out_len = 0;         /* an error carries its status only */
    }
    p->stats.responses[-st]++;
    return st;
}

/* ---- Configuration ----------------------------------------------------- */

bool scmi_config_parse(ScmiConfig *cfg, unsigned num, const char *names,
                       const char *states, char **err)
{
    memset(cfg, 0, sizeof(*cfg));
    if (!domain_set_parse(&cfg->domains, num, names, states, NULL, 0, err)) {
        return false;
    }
    g_strlcpy(cfg->vendor, "QEMU", SCMI_NAME_SIZE);
    g_strlcpy(cfg->sub_vendor, "arm-smmuv3-pm", SCMI_NAME_SIZE);
    cfg->impl_version = 0x00010000;
    return true;
}

/* ---- Life cycle -------------------------------------------------------- */

void scmi_platform_init(ScmiPlatform *p, const ScmiConfig *cfg,
                        const ScmiHostOps *ops, void *opaque)
{
    memset(p, 0, sizeof(*p));
    p->cfg = *cfg;
    p->ops = ops;
    p->opaque = opaque;
    for (unsigned i = 0; i < cfg->domains.num; i++) {
        p->state[i] = cfg->domains.on_at_reset[i] ? SCMI_POWER_STATE_ON :
                                                    SCMI_POWER_STATE_OFF;
    }
}

void scmi_platform_reset(ScmiPlatform *p)
{
    const DomainSet *set = &p->cfg.domains;

    for (unsigned i = 0; i < set->num; i++) {
        p->state[i] = set->on_at_reset[i] ? SCMI_POWER_STATE_ON :
                                            SCMI_POWER_STATE_OFF;
        if (p->ops && p->ops->power_changed) {
            p->ops->power_changed(p->opaque, i, set->on_at_reset[i]);
        }
    }
}
