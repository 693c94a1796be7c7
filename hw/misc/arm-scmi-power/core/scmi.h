/*
 * arm-scmi-power core: SCMI definitions (Arm DEN 0056)
 *
 * The message header, status codes, protocol and message identifiers,
 * the shared-memory channel layout and the power-state encoding of the
 * base protocol (0x10) and the power domain management protocol (0x11).
 * Plain C + GLib: built into QEMU and on its own for the unit tests.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef ARM_SCMI_CORE_SCMI_H
#define ARM_SCMI_CORE_SCMI_H

#include <stdint.h>

/* The REG32/FIELD vocabulary of every core (and hw/registerfields.h) */
#include "hw/core-common/fields.h"

/* Message header (DEN 0056 "Message header format") */
REG32(SCMI_HDR, 0)
    FIELD(SCMI_HDR, MESSAGE_ID, 0, 8)
    FIELD(SCMI_HDR, MESSAGE_TYPE, 8, 2)
    FIELD(SCMI_HDR, PROTOCOL_ID, 10, 8)
    FIELD(SCMI_HDR, TOKEN, 18, 10)
    FIELD(SCMI_HDR, RES0, 28, 4)

#define SCMI_MSG_TYPE_COMMAND           0
#define SCMI_MSG_TYPE_DELAYED_RESPONSE  2
#define SCMI_MSG_TYPE_NOTIFICATION      3

/* Status codes */
typedef enum ScmiStatus {
    SCMI_SUCCESS = 0,
    SCMI_NOT_SUPPORTED = -1,
    SCMI_INVALID_PARAMETERS = -2,
    SCMI_DENIED = -3,
    SCMI_NOT_FOUND = -4,
    SCMI_OUT_OF_RANGE = -5,
    SCMI_BUSY = -6,
    SCMI_COMMS_ERROR = -7,
    SCMI_GENERIC_ERROR = -8,
    SCMI_HARDWARE_ERROR = -9,
    SCMI_PROTOCOL_ERROR = -10,
} ScmiStatus;
#define SCMI_STATUS_COUNT 11            /* 0 .. -10 */

/* Protocols */
#define SCMI_PROTOCOL_BASE              0x10
#define SCMI_PROTOCOL_POWER             0x11

/* Messages every protocol has */
#define SCMI_PROTOCOL_VERSION           0x0
#define SCMI_PROTOCOL_ATTRIBUTES        0x1
#define SCMI_PROTOCOL_MESSAGE_ATTRIBUTES 0x2

/* Base protocol messages */
#define SCMI_BASE_DISCOVER_VENDOR       0x3
#define SCMI_BASE_DISCOVER_SUB_VENDOR   0x4
#define SCMI_BASE_DISCOVER_IMPLEMENTATION_VERSION 0x5
#define SCMI_BASE_DISCOVER_LIST_PROTOCOLS 0x6
#define SCMI_BASE_DISCOVER_AGENT        0x7
#define SCMI_BASE_NOTIFY_ERRORS         0x8
#define SCMI_BASE_SET_DEVICE_PERMISSIONS 0x9
#define SCMI_BASE_SET_PROTOCOL_PERMISSIONS 0xa
#define SCMI_BASE_RESET_AGENT_CONFIGURATION 0xb

/* Base protocol v2.0 */
#define SCMI_BASE_VERSION               0x20000
REG32(SCMI_BASE_ATTR, 0)
    FIELD(SCMI_BASE_ATTR, NUM_PROTOCOLS, 0, 8)
    FIELD(SCMI_BASE_ATTR, NUM_AGENTS, 8, 8)
/* BASE_DISCOVER_AGENT: 0 is the platform, this value the calling agent */
#define SCMI_AGENT_ID_PLATFORM          0
#define SCMI_AGENT_ID_SELF              0xffffffffu

/* Power domain management protocol messages */
#define SCMI_POWER_DOMAIN_ATTRIBUTES    0x3
#define SCMI_POWER_STATE_SET            0x4
#define SCMI_POWER_STATE_GET            0x5
#define SCMI_POWER_STATE_NOTIFY         0x6
#define SCMI_POWER_STATE_CHANGE_REQUESTED_NOTIFY 0x7
#define SCMI_POWER_DOMAIN_NAME_GET      0x8

/* Power domain management protocol v3.0 */
#define SCMI_POWER_VERSION              0x30000
REG32(SCMI_POWER_ATTR, 0)
    FIELD(SCMI_POWER_ATTR, NUM_DOMAINS, 0, 16)
REG32(SCMI_PD_ATTR, 0)
    FIELD(SCMI_PD_ATTR, EXTENDED_NAME, 27, 1)
    FIELD(SCMI_PD_ATTR, CHANGE_REQUESTED_NOTIFY, 28, 1)
    FIELD(SCMI_PD_ATTR, SYNC, 29, 1)
    FIELD(SCMI_PD_ATTR, ASYNC, 30, 1)
    FIELD(SCMI_PD_ATTR, STATE_NOTIFY, 31, 1)
REG32(SCMI_PSS_FLAGS, 0)
    FIELD(SCMI_PSS_FLAGS, ASYNC, 0, 1)
/* Power state: bit 30 state type (1: context lost), bits 27:0 state ID */
REG32(SCMI_POWER_STATE, 0)
    FIELD(SCMI_POWER_STATE, ID, 0, 28)
    FIELD(SCMI_POWER_STATE, TYPE, 30, 1)
#define SCMI_POWER_STATE_ON             0x00000000u
#define SCMI_POWER_STATE_OFF            0x40000000u

/* Names in messages: 16 bytes, NUL-terminated */
#define SCMI_NAME_SIZE                  16

/* Shared memory channel (DEN 0056 "Shared memory based transport") */
REG32(SCMI_SHMEM_RESERVED0, 0x00)
REG32(SCMI_SHMEM_STATUS, 0x04)
    FIELD(SCMI_SHMEM_STATUS, FREE, 0, 1)
    FIELD(SCMI_SHMEM_STATUS, ERROR, 1, 1)
REG32(SCMI_SHMEM_RESERVED1, 0x08)       /* 8 bytes, implementation defined */
REG32(SCMI_SHMEM_FLAGS, 0x10)
    FIELD(SCMI_SHMEM_FLAGS, INTR, 0, 1) /* completion interrupt wanted */
REG32(SCMI_SHMEM_LENGTH, 0x14)          /* header + payload, in bytes */
REG32(SCMI_SHMEM_HEADER, 0x18)
REG32(SCMI_SHMEM_PAYLOAD, 0x1c)

#endif /* ARM_SCMI_CORE_SCMI_H */
