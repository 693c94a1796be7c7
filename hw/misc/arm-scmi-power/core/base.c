/*
 * arm-scmi-power core: the base protocol (0x10), version 2.0
 *
 * Discovery: versions, vendor strings, the list of the other protocols
 * (power domain management only) and the agents.  One agent, the OS,
 * whose agent ID is 1; agent 0 is the platform itself.  The optional
 * error notifications and the permission messages of trusted agents are
 * not implemented (NOT_SUPPORTED; PROTOCOL_MESSAGE_ATTRIBUTES says
 * NOT_FOUND).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <string.h>
#include <glib.h>

#include "message.h"
#include "protocols.h"

#define BASE_NUM_AGENTS 1
#define BASE_AGENT_ID_OSPM 1

/* The protocols other than base, in ascending order */
static const uint8_t base_protocols[] = { SCMI_PROTOCOL_POWER };

static ScmiStatus base_version(ScmiPlatform *p, ScmiMsg *m)
{
    scmi_out32(m, SCMI_BASE_VERSION);
    return SCMI_SUCCESS;
}

static ScmiStatus base_attributes(ScmiPlatform *p, ScmiMsg *m)
{
    uint32_t attr = 0;

    attr = FIELD_DP32(attr, SCMI_BASE_ATTR, NUM_PROTOCOLS,
                      G_N_ELEMENTS(base_protocols));
    attr = FIELD_DP32(attr, SCMI_BASE_ATTR, NUM_AGENTS, BASE_NUM_AGENTS);
    scmi_out32(m, attr);
    return SCMI_SUCCESS;
}

static ScmiStatus out_name(ScmiMsg *m, const char *name)
{
    char buf[SCMI_NAME_SIZE] = { 0 };

    g_strlcpy(buf, name, sizeof(buf));
    scmi_out_bytes(m, buf, sizeof(buf));
    return SCMI_SUCCESS;
}

static ScmiStatus base_vendor(ScmiPlatform *p, ScmiMsg *m)
{
    return out_name(m, p->cfg.vendor);
}

static ScmiStatus base_sub_vendor(ScmiPlatform *p, ScmiMsg *m)
{
    return out_name(m, p->cfg.sub_vendor);
}

static ScmiStatus base_impl_version(ScmiPlatform *p, ScmiMsg *m)
{
    scmi_out32(m, p->cfg.impl_version);
    return SCMI_SUCCESS;
}

/*
 * The protocols after the first @skip: their number, then their
 * identifiers one byte each, packed little-endian into 32-bit words
 * whose unused bytes are zero.
 */
static ScmiStatus base_list_protocols(ScmiPlatform *p, ScmiMsg *m)
{
    uint32_t skip = scmi_get32(m->in);
    uint32_t total = G_N_ELEMENTS(base_protocols);
    uint8_t list[G_N_ELEMENTS(base_protocols) + 3] = { 0 };
    uint32_t n;

    if (skip > total) {
        scmi_guest_error(p, "base.DISCOVER_LIST_PROTOCOLS: skip %u is more "
                         "than the %u protocol(s) implemented", skip, total);
        return SCMI_INVALID_PARAMETERS;
    }
    n = total - skip;
    memcpy(list, base_protocols + skip, n);
    scmi_out32(m, n);
    scmi_out_bytes(m, list, (n + 3) / 4 * 4);
    return SCMI_SUCCESS;
}

static ScmiStatus base_discover_agent(ScmiPlatform *p, ScmiMsg *m)
{
    uint32_t id = scmi_get32(m->in);

    switch (id) {
    case SCMI_AGENT_ID_PLATFORM:
        scmi_out32(m, id);
        return out_name(m, "platform");
    case BASE_AGENT_ID_OSPM:
    case SCMI_AGENT_ID_SELF:
        scmi_out32(m, BASE_AGENT_ID_OSPM);
        return out_name(m, "OSPM");
    default:
        scmi_guest_error(p, "base.DISCOVER_AGENT: no agent %u (agents: 0 "
                         "the platform, %d the OS)", id, BASE_AGENT_ID_OSPM);
        return SCMI_NOT_FOUND;
    }
}

static const ScmiMsgDesc base_msgs[] = {
    { SCMI_PROTOCOL_VERSION, SCMI_M_BASE_PROTOCOL_VERSION, 0, base_version },
    { SCMI_PROTOCOL_ATTRIBUTES, SCMI_M_BASE_PROTOCOL_ATTRIBUTES, 0,
      base_attributes },
    { SCMI_PROTOCOL_MESSAGE_ATTRIBUTES,
      SCMI_M_BASE_PROTOCOL_MESSAGE_ATTRIBUTES, 4,
      scmi_common_message_attributes },
    { SCMI_BASE_DISCOVER_VENDOR, SCMI_M_BASE_DISCOVER_VENDOR, 0,
      base_vendor },
    { SCMI_BASE_DISCOVER_SUB_VENDOR, SCMI_M_BASE_DISCOVER_SUB_VENDOR, 0,
      base_sub_vendor },
    { SCMI_BASE_DISCOVER_IMPLEMENTATION_VERSION,
      SCMI_M_BASE_DISCOVER_IMPLEMENTATION_VERSION, 0, base_impl_version },
    { SCMI_BASE_DISCOVER_LIST_PROTOCOLS, SCMI_M_BASE_DISCOVER_LIST_PROTOCOLS,
      4, base_list_protocols },
    { SCMI_BASE_DISCOVER_AGENT, SCMI_M_BASE_DISCOVER_AGENT, 4,
      base_discover_agent },
    /* Optional, not implemented */
    { SCMI_BASE_NOTIFY_ERRORS, SCMI_M_BASE_NOTIFY_ERRORS, 4, NULL },
    { SCMI_BASE_SET_DEVICE_PERMISSIONS, SCMI_M_BASE_SET_DEVICE_PERMISSIONS,
      12, NULL },
    { SCMI_BASE_SET_PROTOCOL_PERMISSIONS,
      SCMI_M_BASE_SET_PROTOCOL_PERMISSIONS, 16, NULL },
    { SCMI_BASE_RESET_AGENT_CONFIGURATION,
      SCMI_M_BASE_RESET_AGENT_CONFIGURATION, 8, NULL },
};

const ScmiProtocolDesc scmi_base_protocol = {
    .id = SCMI_PROTOCOL_BASE,
    .name = "base",
    .msgs = base_msgs,
    .num_msgs = G_N_ELEMENTS(base_msgs),
};
