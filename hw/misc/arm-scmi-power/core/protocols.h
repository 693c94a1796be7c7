/*
 * arm-scmi-power core: the protocols the platform implements
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef ARM_SCMI_CORE_PROTOCOLS_H
#define ARM_SCMI_CORE_PROTOCOLS_H

#include "message.h"

/* Base protocol 0x10 (base.c), power domain management 0x11 (power.c) */
extern const ScmiProtocolDesc scmi_base_protocol;
extern const ScmiProtocolDesc scmi_power_protocol;

#endif /* ARM_SCMI_CORE_PROTOCOLS_H */
