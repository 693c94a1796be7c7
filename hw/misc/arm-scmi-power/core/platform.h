/*
 * arm-scmi-power core: the SCMI platform (the firmware side)
 *
 * One agent (the OS), one channel, the base protocol and the power
 * domain management protocol.  The host (the QEMU device, or a unit
 * test) hands the platform the bytes of the shared-memory channel when
 * the agent rings the doorbell (shmem.c), or a decoded message
 * (scmi_platform_handle()); power-state changes and diagnostics go back
 * through ScmiHostOps.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef ARM_SCMI_CORE_PLATFORM_H
#define ARM_SCMI_CORE_PLATFORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <glib.h>

#include "message.h"

/*
 * Build a configuration from the device's properties: @num domains,
 * their @names (NULL: "pd0", "pd1", ...) and @states (NULL: all on), as
 * domain_set_parse() takes them.  Returns false with *@err naming the
 * property and its valid values.
 */
bool scmi_config_parse(ScmiConfig *cfg, unsigned num, const char *names,
                       const char *states, char **err);

void scmi_platform_init(ScmiPlatform *p, const ScmiConfig *cfg,
                        const ScmiHostOps *ops, void *opaque);
/* Every domain back to its initial state (power_changed for each) */
void scmi_platform_reset(ScmiPlatform *p);

/* Handle one command; returns its status, return values in @m->out */
ScmiStatus scmi_platform_handle(ScmiPlatform *p, ScmiMsg *m);

ScmiMsgIndex scmi_msg_index(unsigned protocol, unsigned message);

const ScmiProtocolDesc *scmi_find_protocol(unsigned id);
#endif /* ARM_SCMI_CORE_PLATFORM_H */
