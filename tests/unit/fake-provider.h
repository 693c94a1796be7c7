/*
 * Power-domain providers' unit tests: a fake host for a provider's core
 *
 * The providers' cores (the SCMI platform, the PCK-600 PPUs, ...) report
 * to their host through callbacks of the same kinds: a guest error, a
 * domain's power changed, an interrupt output moved, a transition to be
 * completed later.  FakeProvider records each of them; a test points the
 * core's own host-ops table at the fake_provider_* callbacks (which take
 * the FakeProvider as opaque) and asserts on what was recorded.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef TESTS_UNIT_FAKE_PROVIDER_H
#define TESTS_UNIT_FAKE_PROVIDER_H

#include <glib.h>
#include <stdint.h>
#include <string.h>

#include "hw/misc/power-domain-provider/core/domain-set.h"

typedef struct FakeProvider {
    GString *errors;            /* guest errors, one per line */
    int nerrors;
    int changes;                /* power_changed calls */
    unsigned last_domain;
    bool last_on;
    bool on[DOMAIN_SET_MAX];    /* each domain's output */
    bool irq[DOMAIN_SET_MAX];   /* each interrupt output */
    int irq_changes;
    int scheduled;              /* schedule calls */
    unsigned sched_domain;
    uint64_t sched_delay;
} FakeProvider;

/* Outputs at @domains' reset levels, nothing recorded yet */
static inline void fake_provider_init(FakeProvider *f,
                                      const DomainSet *domains)
{
    memset(f, 0, sizeof(*f));
    f->errors = g_string_new("");
    memcpy(f->on, domains->on_at_reset, sizeof(f->on));
}

/*
 * Every guest error the core counted (@core_count) was logged, and only
 * those; frees the log
 */
static inline void fake_provider_finish(FakeProvider *f,
                                        uint64_t core_count)
{
    g_assert_cmpuint(core_count, ==, f->nerrors);
    g_string_free(f->errors, true);
    f->errors = NULL;
}

static inline void fake_provider_guest_error(void *opaque, const char *msg)
{
    FakeProvider *f = opaque;

    g_string_append_printf(f->errors, "%s\n", msg);
    f->nerrors++;
}

static inline void fake_provider_power_changed(void *opaque,
                                               unsigned domain, bool on)
{
    FakeProvider *f = opaque;

    g_assert_cmpuint(domain, <, DOMAIN_SET_MAX);
    f->changes++;
    f->last_domain = domain;
    f->last_on = on;
    f->on[domain] = on;
}

/* A core reports an interrupt output only when its level moves */
static inline void fake_provider_irq_changed(void *opaque, unsigned domain,
                                             bool level)
{
    FakeProvider *f = opaque;

    g_assert_cmpuint(domain, <, DOMAIN_SET_MAX);
    g_assert_cmpint(f->irq[domain], !=, level);
    f->irq[domain] = level;
    f->irq_changes++;
}

static inline void fake_provider_schedule(void *opaque, unsigned domain,
                                          uint64_t delay_ns)
{
    FakeProvider *f = opaque;

    f->scheduled++;
    f->sched_domain = domain;
    f->sched_delay = delay_ns;
}

#endif /* TESTS_UNIT_FAKE_PROVIDER_H */
