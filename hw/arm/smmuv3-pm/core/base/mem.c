/*
 * arm-smmuv3-pm core: the SMMU's own memory accesses
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <glib.h>

#include "hw/arm/smmuv3-pm/core/base/state.h"
#include "hw/arm/smmuv3-pm/core/base/mem.h"

/* Large enough for the biggest structure: an STE or a CD */
#define MEM_MAX_DWORDS 8

bool smmu_pm_mem_read64s(SmmuPmCore *c, uint64_t addr, uint64_t *out,
                         unsigned n)
{
    if (!c->host->dma_read(c->host_opaque, addr, out, n * 8)) {
        return false;
    }
    for (unsigned i = 0; i < n; i++) {
        out[i] = GUINT64_FROM_LE(out[i]);
    }
    return true;
}

bool smmu_pm_mem_write64s(SmmuPmCore *c, uint64_t addr, const uint64_t *in,
                          unsigned n)
{
    uint64_t le[MEM_MAX_DWORDS];

    g_assert(n <= MEM_MAX_DWORDS);
    for (unsigned i = 0; i < n; i++) {
        le[i] = GUINT64_TO_LE(in[i]);
    }
    return c->host->dma_write(c->host_opaque, addr, le, n * 8);
}
