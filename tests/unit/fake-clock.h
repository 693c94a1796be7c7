/*
 * arm-smmuv3-pm unit tests: a fake virtual clock and the one host timer
 *
 * The core reads the time through SmmuPmHostOps.now_ns and asks for one
 * timer through set_timer; tests move fake_clock.now and fire the timer
 * (smmu_pm_core_timer) themselves.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMUV3_PM_TESTS_FAKE_CLOCK_H
#define SMMUV3_PM_TESTS_FAKE_CLOCK_H

#include <stdbool.h>
#include <stdint.h>

#include "hw/arm/smmuv3-pm/core/base/host.h"

typedef struct FakeClock {
    uint64_t now;
    bool armed;                 /* the core asked for a timer ... */
    uint64_t deadline;          /* ... at this time */
} FakeClock;

static FakeClock fake_clock;

static uint64_t fake_clock_now(void *opaque)
{
    return fake_clock.now;
}

static void fake_clock_set_timer(void *opaque, uint64_t deadline)
{
    fake_clock.armed = true;
    fake_clock.deadline = deadline;
}

/* Give @ops the fake clock, at @now with no timer armed */
static inline void fake_clock_attach(SmmuPmHostOps *ops, uint64_t now)
{
    fake_clock = (FakeClock) { .now = now };
    ops->now_ns = fake_clock_now;
    ops->set_timer = fake_clock_set_timer;
}

#endif /* SMMUV3_PM_TESTS_FAKE_CLOCK_H */
