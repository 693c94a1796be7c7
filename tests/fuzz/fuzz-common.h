/*
 * arm-smmuv3-pm fuzz harnesses: what every harness shares
 *
 * FuzzIn reads the input as a stream of little-endian fields; once the
 * input is exhausted every read returns zero and fuzz_more() is false,
 * so a decoder never reads out of bounds and always terminates.
 * FUZZ_CHECK() is an invariant: a violation prints its message and
 * abort()s, which libFuzzer records as a crash with the input.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMUV3_PM_TESTS_FUZZ_COMMON_H
#define SMMUV3_PM_TESTS_FUZZ_COMMON_H

#include <inttypes.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct FuzzIn {
    const uint8_t *p;
    size_t len;
    size_t pos;
} FuzzIn;

static inline bool fuzz_more(const FuzzIn *in)
{
    return in->pos < in->len;
}

static inline uint64_t fuzz_bytes(FuzzIn *in, unsigned n)
{
    uint64_t v = 0;

    for (unsigned i = 0; i < n; i++) {
        uint64_t b = in->pos < in->len ? in->p[in->pos++] : 0;

        v |= b << (8 * i);
    }
    return v;
}

static inline uint8_t fuzz_u8(FuzzIn *in)   { return fuzz_bytes(in, 1); }
static inline uint16_t fuzz_u16(FuzzIn *in) { return fuzz_bytes(in, 2); }
static inline uint32_t fuzz_u32(FuzzIn *in) { return fuzz_bytes(in, 4); }
static inline uint64_t fuzz_u64(FuzzIn *in) { return fuzz_bytes(in, 8); }

#define FUZZ_CHECK(cond, ...)                                               \
    do {                                                                    \
        if (!(cond)) {                                                      \
            fprintf(stderr, "fuzz invariant violated at %s:%d: %s: ",       \
                    __FILE__, __LINE__, #cond);                             \
            fprintf(stderr, __VA_ARGS__);                                   \
            fputc('\n', stderr);                                            \
            abort();                                                        \
        }                                                                   \
    } while (0)

/* Messages from the cores go nowhere unless FUZZ_VERBOSE is set */
static inline bool fuzz_verbose(void)
{
    static int v = -1;

    if (v < 0) {
        v = getenv("FUZZ_VERBOSE") != NULL;
    }
    return v;
}

#endif /* SMMUV3_PM_TESTS_FUZZ_COMMON_H */
