/*
 * arm-smmuv3-pm unit tests: a fake host that records what the core does
 *
 * Implements SmmuPmHostOps by recording every log message (with its kind),
 * pulsed interrupt, MSI write and translation_changed notification, so
 * that tests can assert on the core's side effects.  MSI writes succeed
 * unless msi_ok is cleared.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMUV3_PM_TESTS_FAKE_HOST_H
#define SMMUV3_PM_TESTS_FAKE_HOST_H

#include <glib.h>
#include <string.h>

#include "hw/arm/smmuv3-pm/core/base/host.h"

typedef struct FakeLog {
    SmmuPmLogKind kind;
    char *msg;
} FakeLog;

typedef struct FakeMsi {
    uint64_t addr;
    uint32_t data;
    uint32_t attr;
} FakeMsi;

typedef struct FakeHost {
    GArray *logs;                       /* FakeLog */
    GArray *msis;                       /* FakeMsi */
    unsigned irq_pulses[SMMU_PM_IRQ__MAX];
    unsigned translation_changed;
    unsigned kicks;                     /* SmmuPmHostOps.kick calls */
    bool msi_ok;                        /* what send_msi returns */
    bool verbose;                       /* echo log messages */
} FakeHost;

static void fake_log_clear(gpointer p)
{
    FakeLog *l = p;

    g_free(l->msg);
}

static void fake_host_log(void *opaque, SmmuPmLogKind kind, const char *msg)
{
    FakeHost *h = opaque;
    FakeLog l = { kind, g_strdup(msg) };

    if (h->verbose) {
        g_test_message("log(%d): %s", kind, msg);
    }
    g_array_append_val(h->logs, l);
}

static void fake_host_pulse_irq(void *opaque, SmmuPmIrq line)
{
    FakeHost *h = opaque;

    g_assert_cmpint(line, >=, 0);
    g_assert_cmpint(line, <, SMMU_PM_IRQ__MAX);
    h->irq_pulses[line]++;
}

static bool fake_host_send_msi(void *opaque, uint64_t addr, uint32_t data,
                               uint32_t memattr_sh)
{
    FakeHost *h = opaque;
    FakeMsi m = { addr, data, memattr_sh };

    g_array_append_val(h->msis, m);
    return h->msi_ok;
}

static void fake_host_translation_changed(void *opaque)
{
    FakeHost *h = opaque;

    h->translation_changed++;
}

static const SmmuPmHostOps fake_host_ops = {
    .log = fake_host_log,
    .pulse_irq = fake_host_pulse_irq,
    .send_msi = fake_host_send_msi,
    .translation_changed = fake_host_translation_changed,
};

static inline void fake_host_init(FakeHost *h)
{
    memset(h, 0, sizeof(*h));
    h->logs = g_array_new(FALSE, TRUE, sizeof(FakeLog));
    g_array_set_clear_func(h->logs, fake_log_clear);
    h->msis = g_array_new(FALSE, TRUE, sizeof(FakeMsi));
    h->msi_ok = true;
    h->verbose = g_test_verbose();
}

/* Forget everything recorded so far (msi_ok is kept) */
static inline void fake_host_clear(FakeHost *h)
{
    g_array_set_size(h->logs, 0);
    g_array_set_size(h->msis, 0);
    memset(h->irq_pulses, 0, sizeof(h->irq_pulses));
    h->translation_changed = 0;
}

static inline void fake_host_destroy(FakeHost *h)
{
    g_array_unref(h->logs);
    g_array_unref(h->msis);
}

static inline const FakeLog *fake_host_log_at(const FakeHost *h, unsigned i)
{
    return &g_array_index(h->logs, FakeLog, i);
}

static inline unsigned fake_host_count_logs(const FakeHost *h,
                                            SmmuPmLogKind kind)
{
    unsigned n = 0;

    for (unsigned i = 0; i < h->logs->len; i++) {
        n += fake_host_log_at(h, i)->kind == kind;
    }
    return n;
}

/* Is there a message of @kind containing @needle (NULL: any message)? */
static inline bool fake_host_logged(const FakeHost *h, SmmuPmLogKind kind,
                                    const char *needle)
{
    for (unsigned i = 0; i < h->logs->len; i++) {
        const FakeLog *l = fake_host_log_at(h, i);

        if (l->kind == kind && (!needle || strstr(l->msg, needle))) {
            return true;
        }
    }
    return false;
}

static inline const FakeMsi *fake_host_msi_at(const FakeHost *h, unsigned i)
{
    g_assert_cmpuint(i, <, h->msis->len);
    return &g_array_index(h->msis, FakeMsi, i);
}

#endif /* SMMUV3_PM_TESTS_FAKE_HOST_H */
