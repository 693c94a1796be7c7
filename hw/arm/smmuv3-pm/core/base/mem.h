/*
 * arm-smmuv3-pm core: the SMMU's own memory accesses
 *
 * Every structure the SMMU reads or writes in memory (STEs, CDs, table
 * descriptors, commands, event records) is a run of little-endian
 * doublewords; these helpers do the host access and the byte order once.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMUV3_PM_CORE_MEM_H
#define SMMUV3_PM_CORE_MEM_H

#include <stdbool.h>
#include <stdint.h>

typedef struct SmmuPmCore SmmuPmCore;

/* Read @n doublewords at @addr into host order; false on a bus abort */
bool smmu_pm_mem_read64s(SmmuPmCore *core, uint64_t addr, uint64_t *out,
                         unsigned n);

/* Write @n host-order doublewords to @addr; false on a bus abort */
bool smmu_pm_mem_write64s(SmmuPmCore *core, uint64_t addr,
                          const uint64_t *in, unsigned n);

#endif /* SMMUV3_PM_CORE_MEM_H */
