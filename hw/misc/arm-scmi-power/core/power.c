/*
 * arm-scmi-power core: the power domain management protocol (0x11),
 * version 3.0
 *
 * Each domain is on (SCMI_POWER_STATE_ON) or off (SCMI_POWER_STATE_OFF);
 * POWER_STATE_SET is synchronous only.  No statistics shared memory, no
 * notifications, no extended names (POWER_DOMAIN_ATTRIBUTES says so, and
 * those optional messages answer NOT_SUPPORTED).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <string.h>
#include <glib.h>

#include "message.h"
#include "protocols.h"

static ScmiStatus power_version(ScmiPlatform *p, ScmiMsg *m)
{
    scmi_out32(m, SCMI_POWER_VERSION);
    return SCMI_SUCCESS;
}

static ScmiStatus power_attributes(ScmiPlatform *p, ScmiMsg *m)
{
    scmi_out32(m, FIELD_DP32(0, SCMI_POWER_ATTR, NUM_DOMAINS,
                             p->cfg.domains.num));
    scmi_out32(m, 0);           /* statistics address low */
    scmi_out32(m, 0);           /* statistics address high */
    scmi_out32(m, 0);           /* statistics length: none */
    return SCMI_SUCCESS;
}

/* The domain ID in @m's parameters at @off: false if there is none */
static bool find_domain(ScmiPlatform *p, ScmiMsg *m, size_t off,
                        uint32_t *domain)
{
    *domain = scmi_get32(m->in + off);
    if (*domain >= p->cfg.domains.num) {
        scmi_guest_error(p, "%s: no domain %u (domains 0 to %u)",
                         scmi_msg_name_of(m),
                         *domain, p->cfg.domains.num - 1);
        return false;
    }
    return true;
}

static ScmiStatus power_domain_attributes(ScmiPlatform *p, ScmiMsg *m)
{
    char name[SCMI_NAME_SIZE] = { 0 };
    uint32_t domain;

    if (!find_domain(p, m, 0, &domain)) {
        return SCMI_NOT_FOUND;
    }
    scmi_out32(m, FIELD_DP32(0, SCMI_PD_ATTR, SYNC, 1));
    g_strlcpy(name, p->cfg.domains.names[domain], sizeof(name));
    scmi_out_bytes(m, name, sizeof(name));
    return SCMI_SUCCESS;
}

static ScmiStatus power_state_set(ScmiPlatform *p, ScmiMsg *m)
{
    uint32_t flags = scmi_get32(m->in);
    uint32_t state = scmi_get32(m->in + 8);
    uint32_t domain;
    bool on;

    if (!find_domain(p, m, 4, &domain)) {
        return SCMI_NOT_FOUND;
    }
    if (flags & ~R_SCMI_PSS_FLAGS_ASYNC_MASK) {
        scmi_guest_error(p, "power.POWER_STATE_SET: reserved flags 0x%x set "
                         "(domain %u)", flags, domain);
        return SCMI_INVALID_PARAMETERS;
    }
    if (FIELD_EX32(flags, SCMI_PSS_FLAGS, ASYNC)) {
        scmi_guest_error(p, "power.POWER_STATE_SET: asynchronous request for "
                         "domain %u, which POWER_DOMAIN_ATTRIBUTES says is "
                         "synchronous only", domain);
        return SCMI_NOT_SUPPORTED;
    }
    if (state != SCMI_POWER_STATE_ON && state != SCMI_POWER_STATE_OFF) {
        scmi_guest_error(p, "power.POWER_STATE_SET: state 0x%08x for domain "
                         "%u is neither on (0x%08x) nor off (0x%08x)", state,
                         domain, SCMI_POWER_STATE_ON, SCMI_POWER_STATE_OFF);
        return SCMI_INVALID_PARAMETERS;
    }
    on = state == SCMI_POWER_STATE_ON;
    if (p->state[domain] != state) {
        p->state[domain] = state;
        if (on) {
            p->stats.power_on[domain]++;
        } else {
            p->stats.power_off[domain]++;
        }
        if (p->ops && p->ops->power_changed) {
            p->ops->power_changed(p->opaque, domain, on);
        }
    }
    return SCMI_SUCCESS;
}

static ScmiStatus power_state_get(ScmiPlatform *p, ScmiMsg *m)
{
    uint32_t domain;

    if (!find_domain(p, m, 0, &domain)) {
        return SCMI_NOT_FOUND;
    }
    scmi_out32(m, p->state[domain]);
    return SCMI_SUCCESS;
}

static const ScmiMsgDesc power_msgs[] = {
    { SCMI_PROTOCOL_VERSION, SCMI_M_POWER_PROTOCOL_VERSION, 0,
      power_version },
    { SCMI_PROTOCOL_ATTRIBUTES, SCMI_M_POWER_PROTOCOL_ATTRIBUTES, 0,
      power_attributes },
    { SCMI_PROTOCOL_MESSAGE_ATTRIBUTES,
      SCMI_M_POWER_PROTOCOL_MESSAGE_ATTRIBUTES, 4,
      scmi_common_message_attributes },
    { SCMI_POWER_DOMAIN_ATTRIBUTES, SCMI_M_POWER_DOMAIN_ATTRIBUTES, 4,
      power_domain_attributes },
    { SCMI_POWER_STATE_SET, SCMI_M_POWER_STATE_SET, 12, power_state_set },
    { SCMI_POWER_STATE_GET, SCMI_M_POWER_STATE_GET, 4, power_state_get },
    /* Optional, not implemented */
    { SCMI_POWER_STATE_NOTIFY, SCMI_M_POWER_STATE_NOTIFY, 8, NULL },
    { SCMI_POWER_STATE_CHANGE_REQUESTED_NOTIFY,
      SCMI_M_POWER_STATE_CHANGE_REQUESTED_NOTIFY, 8, NULL },
    { SCMI_POWER_DOMAIN_NAME_GET, SCMI_M_POWER_DOMAIN_NAME_GET, 4, NULL },
};

const ScmiProtocolDesc scmi_power_protocol = {
    .id = SCMI_PROTOCOL_POWER,
    .name = "power",
    .msgs = power_msgs,
    .num_msgs = G_N_ELEMENTS(power_msgs),
};
