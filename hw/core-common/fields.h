/*
 * Register and structure field helpers shared by the project's
 * simulator-independent cores (the SMMU, the SCMI platform, the PPUs)
 *
 * A core is plain C + GLib: its own files never include QEMU headers, so
 * they get the REG32/REG64/FIELD/FIELD_EX/FIELD_DP vocabulary of QEMU's
 * hw/registerfields.h from here.  A QEMU binding that includes a core
 * header has already included qemu/osdep.h (QEMU requires it first in every
 * file); for it this header defers to hw/registerfields.h, whose
 * extract/deposit helpers (qemu/bitops.h) would otherwise be defined twice.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef CORE_COMMON_FIELDS_H
#define CORE_COMMON_FIELDS_H

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
#endif /* CORE_COMMON_FIELDS_H */
