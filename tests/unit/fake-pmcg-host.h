/*
 * arm-smmuv3-pm unit tests: a fake host of the PMCG (SmmuPmPmcgOps)
 *
 * Records every log message (with its kind), every edge on the PMCG's
 * wired interrupt and every MSI write, so that tests can assert on the
 * PMCG's side effects.  MSI writes succeed unless msi_ok is cleared.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMUV3_PM_TESTS_FAKE_PMCG_HOST_H
#define SMMUV3_PM_TESTS_FAKE_PMCG_HOST_H

#include <glib.h>
#include <string.h>

#include "hw/arm/smmuv3-pm/core/pmcg/pmcg.h"

typedef struct FakePmcgLog {
    SmmuPmLogKind kind;
    char *msg;
} FakePmcgLog;

typedef struct FakePmcgMsi {
    uint64_t addr;
    uint32_t data;
    uint32_t attr;
} FakePmcgMsi;

typedef struct FakePmcgHost {
    GArray *logs;                       /* FakePmcgLog */
    GArray *msis;                       /* FakePmcgMsi */
    unsigned pulses;                    /* pulse_irq calls */
    bool msi_ok;                        /* what send_msi returns */
    bool verbose;                       /* echo log messages */
} FakePmcgHost;

static void fake_pmcg_log_clear(gpointer p)
{
    FakePmcgLog *l = p;

    g_free(l->msg);
}

static void fake_pmcg_host_log(void *opaque, SmmuPmLogKind kind,
                               const char *msg)
{
    FakePmcgHost *h = opaque;
    FakePmcgLog l = { kind, g_strdup(msg) };

    if (h->verbose) {
        g_test_message("log(%d): %s", kind, msg);
    }
    g_array_append_val(h->logs, l);
}

static void fake_pmcg_host_pulse_irq(void *opaque)
{
    FakePmcgHost *h = opaque;

    h->pulses++;
}

static bool fake_pmcg_host_send_msi(void *opaque, uint64_t addr,
                                    uint32_t data, uint32_t attr)
{
    FakePmcgHost *h = opaque;
    FakePmcgMsi m = { addr, data, attr };

    g_array_append_val(h->msis, m);
    return h->msi_ok;
}

static const SmmuPmPmcgOps fake_pmcg_ops = {
    .log = fake_pmcg_host_log,
    .pulse_irq = fake_pmcg_host_pulse_irq,
    .send_msi = fake_pmcg_host_send_msi,
};

static inline void fake_pmcg_host_init(FakePmcgHost *h)
{
    memset(h, 0, sizeof(*h));
    h->logs = g_array_new(FALSE, TRUE, sizeof(FakePmcgLog));
    g_array_set_clear_func(h->logs, fake_pmcg_log_clear);
    h->msis = g_array_new(FALSE, TRUE, sizeof(FakePmcgMsi));
    h->msi_ok = true;
    h->verbose = g_test_verbose();
}

static inline void fake_pmcg_host_destroy(FakePmcgHost *h)
{
    g_array_unref(h->logs);
    g_array_unref(h->msis);
}

static inline const FakePmcgLog *fake_pmcg_host_log_at(const FakePmcgHost *h,
                                                       unsigned i)
{
    g_assert_cmpuint(i, <, h->logs->len);
    return &g_array_index(h->logs, FakePmcgLog, i);
}

static inline unsigned fake_pmcg_host_count_logs(const FakePmcgHost *h,
                                                 SmmuPmLogKind kind)
{
    unsigned n = 0;

    for (unsigned i = 0; i < h->logs->len; i++) {
        n += fake_pmcg_host_log_at(h, i)->kind == kind;
    }
    return n;
}

/* Is there a message of @kind containing @needle (NULL: any message)? */
static inline bool fake_pmcg_host_logged(const FakePmcgHost *h,
                                         SmmuPmLogKind kind,
                                         const char *needle)
{
    for (unsigned i = 0; i < h->logs->len; i++) {
        const FakePmcgLog *l = fake_pmcg_host_log_at(h, i);

        if (l->kind == kind && (!needle || strstr(l->msg, needle))) {
            return true;
        }
    }
    return false;
}

static inline const FakePmcgMsi *fake_pmcg_host_msi_at(const FakePmcgHost *h,
                                                       unsigned i)
{
    g_assert_cmpuint(i, <, h->msis->len);
    return &g_array_index(h->msis, FakePmcgMsi, i);
}

#endif /* SMMUV3_PM_TESTS_FAKE_PMCG_HOST_H */
