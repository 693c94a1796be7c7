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
#include "protocols.h"

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

ScmiMsgIndex scmi_msg_index(unsigned protocol, unsigned message)
{
    const ScmiProtocolDesc *proto = scmi_find_protocol(protocol);
    const ScmiMsgDesc *d = proto ? scmi_find_msg(proto, message) : NULL;

    return !proto ? SCMI_M_UNKNOWN_PROTOCOL :
           d ? d->index : SCMI_M_UNKNOWN_MESSAGE;
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
