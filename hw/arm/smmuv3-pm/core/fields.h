/*
 * arm-smmuv3-pm core: register field helpers
 *
 * The core is plain C + GLib and is built both inside QEMU and on its own
 * for the unit tests.  Inside QEMU we use QEMU's own hw/registerfields.h;
 * on its own we provide the same REG32/REG64/FIELD/FIELD_EX/FIELD_DP
 * vocabulary so that register definitions read identically in both worlds.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMUV3_PM_CORE_FIELDS_H
#define SMMUV3_PM_CORE_FIELDS_H

#include <stdint.h>
#include <assert.h>

#ifdef QEMU_OSDEP_H
#include "hw/registerfields.h"
#else

static inline uint32_t extract32(uint32_t value, int start, int length)
{
    assert(start >= 0 && length > 0 && length <= 32 - start);
    return (value >> start) & (~0U >> (32 - length));
}

static inline uint64_t extract64(uint64_t value, int start, int length)
{
    assert(start >= 0 && length > 0 && length <= 64 - start);
    return (value >> start) & (~0ULL >> (64 - length));
}

static inline uint32_t deposit32(uint32_t value, int start, int length,
                                 uint32_t fieldval)
{
    uint32_t mask = (~0U >> (32 - length)) << start;

    assert(start >= 0 && length > 0 && length <= 32 - start);
    return (value & ~mask) | ((fieldval << start) & mask);
}

static inline uint64_t deposit64(uint64_t value, int start, int length,
                                 uint64_t fieldval)
{
    uint64_t mask = (~0ULL >> (64 - length)) << start;

    assert(start >= 0 && length > 0 && length <= 64 - start);
    return (value & ~mask) | ((fieldval << start) & mask);
}

#define MAKE_64BIT_MASK(shift, length) \
    (((~0ULL) >> (64 - (length))) << (shift))

#define REG32(reg, addr)                                  \
    enum { A_ ## reg = (addr) };                          \
    enum { R_ ## reg = (addr) / 4 };

#define REG64(reg, addr)                                  \
    enum { A_ ## reg = (addr) };                          \
    enum { R_ ## reg = (addr) / 8 };

#define FIELD(reg, field, shift, length)                                  \
    enum { R_ ## reg ## _ ## field ## _SHIFT = (shift)};                  \
    enum { R_ ## reg ## _ ## field ## _LENGTH = (length)};                \
    enum { R_ ## reg ## _ ## field ## _MASK =                             \
                                        MAKE_64BIT_MASK(shift, length)};

#define FIELD_EX32(storage, reg, field)                                   \
    extract32((storage), R_ ## reg ## _ ## field ## _SHIFT,               \
              R_ ## reg ## _ ## field ## _LENGTH)
#define FIELD_EX64(storage, reg, field)                                   \
    extract64((storage), R_ ## reg ## _ ## field ## _SHIFT,               \
              R_ ## reg ## _ ## field ## _LENGTH)
#define FIELD_DP32(storage, reg, field, val)                              \
    deposit32((storage), R_ ## reg ## _ ## field ## _SHIFT,               \
              R_ ## reg ## _ ## field ## _LENGTH, (val))
#define FIELD_DP64(storage, reg, field, val)                              \
    deposit64((storage), R_ ## reg ## _ ## field ## _SHIFT,               \
              R_ ## reg ## _ ## field ## _LENGTH, (val))

#endif /* QEMU_OSDEP_H */
#endif /* SMMUV3_PM_CORE_FIELDS_H */
