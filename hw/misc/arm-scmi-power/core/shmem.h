/*
 * arm-scmi-power core: the shared-memory channel (DEN 0056 "Shared
 * memory based transport"), agent-to-platform direction
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef ARM_SCMI_CORE_SHMEM_H
#define ARM_SCMI_CORE_SHMEM_H

#include "platform.h"

/* Longest return values of any message the platform implements */
#define SCMI_MAX_RETURN 64
/* Smallest channel: the layout up to the payload, status, return values */
#define SCMI_SHMEM_MIN_SIZE (A_SCMI_SHMEM_PAYLOAD + 4 + SCMI_MAX_RETURN)

typedef enum ScmiShmemResult {
    SCMI_SHMEM_RESPONDED,       /* command handled, response in the channel */
    SCMI_SHMEM_NO_MESSAGE,      /* the channel was free: nothing posted */
    SCMI_SHMEM_BAD_LENGTH,      /* unusable length: channel error set */
} ScmiShmemResult;

/* What a doorbell found and did, for the host's traces */
typedef struct ScmiShmemInfo {
    uint32_t header;
    uint32_t length;            /* the agent's length field */
    int32_t status;             /* SCMI_SHMEM_RESPONDED only */
    uint32_t resp_length;       /* the length field written back */
} ScmiShmemInfo;

/* The channel as the platform leaves it at reset: free, no error */
void scmi_shmem_reset(uint8_t *mem, size_t size);

/*
 * The agent rang the doorbell of the channel at @mem (@size bytes, at
 * least SCMI_SHMEM_MIN_SIZE): take the command it posted (channel busy,
 * length, header, parameters), handle it and write the response in its
 * place (same header, length, status and return values), then mark the
 * channel free again.  A length that does not cover a header or does not
 * fit the channel sets the channel error bit instead, with the channel
 * free.  The flags' completion-interrupt bit is ignored: on the SMC/HVC
 * transport the call returning is the completion.
 */
ScmiShmemResult scmi_shmem_doorbell(ScmiPlatform *p, uint8_t *mem,
                                    size_t size, ScmiShmemInfo *info);

#endif /* ARM_SCMI_CORE_SHMEM_H */
