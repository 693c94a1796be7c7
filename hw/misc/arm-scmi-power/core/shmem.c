/*
 * arm-scmi-power core: the shared-memory channel
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <string.h>
#include <glib.h>

#include "shmem.h"

void scmi_shmem_reset(uint8_t *mem, size_t size)
{
    memset(mem, 0, size);
    scmi_put32(mem + A_SCMI_SHMEM_STATUS,
               FIELD_DP32(0, SCMI_SHMEM_STATUS, FREE, 1));
}

ScmiShmemResult scmi_shmem_doorbell(ScmiPlatform *p, uint8_t *mem,
                                    size_t size, ScmiShmemInfo *info)
{
    uint32_t status = scmi_get32(mem + A_SCMI_SHMEM_STATUS);
    uint8_t out[SCMI_MAX_RETURN];
    ScmiMsg m = { 0 };

    g_assert(size >= SCMI_SHMEM_MIN_SIZE);

    memset(info, 0, sizeof(*info));
    info->header = scmi_get32(mem + A_SCMI_SHMEM_HEADER);
    info->length = scmi_get32(mem + A_SCMI_SHMEM_LENGTH);

    if (FIELD_EX32(status, SCMI_SHMEM_STATUS, FREE)) {
        p->stats.transport_errors++;
        scmi_guest_error(p, "doorbell rung with the channel free (status "
                         "0x%x): the agent marks it busy when it posts a "
                         "message", status);
        return SCMI_SHMEM_NO_MESSAGE;
    }
    if (info->length < 4 || info->length > size - A_SCMI_SHMEM_HEADER) {
        p->stats.transport_errors++;
        scmi_guest_error(p, "channel length %u does not cover a message "
                         "header or exceeds the %zu bytes of the channel",
                         info->length, size - A_SCMI_SHMEM_HEADER);
        scmi_put32(mem + A_SCMI_SHMEM_STATUS,
                   FIELD_DP32(FIELD_DP32(0, SCMI_SHMEM_STATUS, FREE, 1),
                              SCMI_SHMEM_STATUS, ERROR, 1));
        return SCMI_SHMEM_BAD_LENGTH;
    }

    m.header = info->header;
    m.in = mem + A_SCMI_SHMEM_PAYLOAD;
    m.in_len = info->length - 4;
    m.out = out;
    /* Room in the channel after the header and the status word */
    m.out_size = sizeof(out);
    info->status = scmi_platform_handle(p, &m);

    info->resp_length = 4 + 4 + m.out_len;
    scmi_put32(mem + A_SCMI_SHMEM_LENGTH, info->resp_length);
    scmi_put32(mem + A_SCMI_SHMEM_HEADER, info->header);
    scmi_put32(mem + A_SCMI_SHMEM_PAYLOAD, (uint32_t)info->status);
    memcpy(mem + A_SCMI_SHMEM_PAYLOAD + 4, out, m.out_len);
    scmi_put32(mem + A_SCMI_SHMEM_STATUS,
               FIELD_DP32(0, SCMI_SHMEM_STATUS, FREE, 1));
    return SCMI_SHMEM_RESPONDED;
}
