/*
 * arm-smmuv3-pm unit tests: stream tables, STE/CD decoding, the
 * configuration cache (xlate/strtab.c, xlate/ste.c)
 *
 * Linear and 2-level stream tables (3.3.2, 5.1), C_BAD_STREAMID (beyond
 * LOG2SIZE, an invalid or too short L1STD; silent without CR2.RECINVSID),
 * F_STE_FETCH with its FetchAddr, every C_BAD_STE and C_BAD_CD condition
 * of the Non-secure world written by the spec's bit positions (5.2, 5.4)
 * through the builder's field helper, 2-level CD tables and
 * C_BAD_SUBSTREAMID, and configuration cache hits and misses.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "spec.h"

#define SID 0x45

static const SbPte pte_rw = { .af = true, .ap = 1, .sh = 3 };

static void expect_event(Env *e, unsigned type, uint32_t sid)
{
    uint64_t rec[4];

    spec_event_pop_raw(e, rec);
    g_assert_cmphex(EVR_TYPE(rec), ==, type);
    g_assert_cmphex(EVR_SID(rec), ==, sid);
    g_assert_cmpuint(env_events(e), ==, 0);
}

static SmmuPmTxnStatus txn(Env *e, uint32_t sid)
{
    return env_translate(e, sid, 0, false, 0x2000, false).status;
}

static void test_linear(void)
{
    SbSte byp = { .v = true, .config = SB_STE_CFG_BYPASS };
    uint64_t misses;
    Env e;

    env_init(&e, NULL);
    env_enable(&e, sb_strtab_linear(&e.sb, 7));
    sb_ste_write(&e.sb, &e.st, 127, &byp);
    g_assert_cmpint(txn(&e, 127), ==, SMMU_PM_TXN_OK);
    misses = e.core.stats.cfg_misses;
    g_assert_cmpint(txn(&e, 127), ==, SMMU_PM_TXN_OK);
    g_assert_cmpuint(e.core.stats.cfg_misses, ==, misses);
    g_assert_cmpuint(e.core.stats.cfg_hits, >=, 1);
    /* 128 is beyond LOG2SIZE 7 */
    g_assert_cmpint(txn(&e, 128), ==, SMMU_PM_TXN_ABORT);
    expect_event(&e, SPEC_EVT_C_BAD_STREAMID, 128);
    /* without CR2.RECINVSID (written while SMMUEN is 0): not recorded */
    env_wr(&e, A_CR0, SPEC_CR0_CMDQEN | SPEC_CR0_EVENTQEN, 4);
    env_wr(&e, A_CR2, 0, 4);
    env_wr(&e, A_CR0, SPEC_CR0_CMDQEN | SPEC_CR0_EVENTQEN | SPEC_CR0_SMMUEN,
           4);
    g_assert_cmpint(txn(&e, 128), ==, SMMU_PM_TXN_ABORT);
    g_assert_cmpuint(env_events(&e), ==, 0);
    /* an invalid STE is never cached: fixed in memory, used at once */
    g_assert_cmpint(txn(&e, 3), ==, SMMU_PM_TXN_ABORT);
    expect_event(&e, SPEC_EVT_C_BAD_STE, 3);
    sb_ste_write(&e.sb, &e.st, 3, &byp);
    g_assert_cmpint(txn(&e, 3), ==, SMMU_PM_TXN_OK);
    env_free(&e);
}

static void test_2lvl(void)
{
    SbSte byp = { .v = true, .config = SB_STE_CFG_BYPASS };
    SbStrtab st;
    Env e;

    env_init(&e, NULL);
    st = sb_strtab_2lvl(&e.sb, 12, 8);
    env_enable(&e, st);
    sb_ste_write(&e.sb, &e.st, 0x345, &byp);        /* L1STD 3, Span 9 */
    g_assert_cmpint(txn(&e, 0x345), ==, SMMU_PM_TXN_OK);
    g_assert_cmpint(txn(&e, 0x3ff), ==, SMMU_PM_TXN_ABORT);
    expect_event(&e, SPEC_EVT_C_BAD_STE, 0x3ff);
    /* L1STD of 0x4xx invalid (Span 0) */
    g_assert_cmpint(txn(&e, 0x445), ==, SMMU_PM_TXN_ABORT);
    expect_event(&e, SPEC_EVT_C_BAD_STREAMID, 0x445);
    /* Span 2: 2^(2-1) = 2 STEs, StreamIDs 0x500 and 0x501 only */
    {
        uint64_t l2 = sb_alloc(&e.sb, 2 * 64, 64);
        uint64_t w[8];

        sb_ste_encode(&byp, w);
        sb_write_words(&e.sb, l2 + 64, w, 8);
        sb_write64(&e.sb, sb_l1std_addr(&st, 0x500), sb_l1std_encode(2, l2));
        g_assert_cmpint(txn(&e, 0x501), ==, SMMU_PM_TXN_OK);
        g_assert_cmpint(txn(&e, 0x502), ==, SMMU_PM_TXN_ABORT);
        expect_event(&e, SPEC_EVT_C_BAD_STREAMID, 0x502);
        /* an L2 pointer to no memory: F_STE_FETCH at the STE */
        sb_write64(&e.sb, sb_l1std_addr(&st, 0x600),
                   sb_l1std_encode(9, 0x10000000ULL));
        g_assert_cmpint(txn(&e, 0x601), ==, SMMU_PM_TXN_ABORT);
        {
            uint64_t rec[4];

            spec_event_pop_raw(&e, rec);
            g_assert_cmphex(EVR_TYPE(rec), ==, SPEC_EVT_F_STE_FETCH);
            g_assert_cmphex(EVR_FETCH(rec), ==, 0x10000000ULL + 1 * 64);
        }
    }
    env_free(&e);
}

/* The L1 table itself in no memory: F_STE_FETCH at the L1STD */
static void test_l1_fetch_abort(void)
{
    SbStrtab st = { .base = 0x10000000ULL, .log2size = 12, .split = 8,
                    .two_level = true };
    uint64_t rec[4];
    Env e;

    env_init(&e, NULL);
    env_enable(&e, st);
    g_assert_cmpint(txn(&e, 0x345), ==, SMMU_PM_TXN_ABORT);
    spec_event_pop_raw(&e, rec);
    g_assert_cmphex(EVR_TYPE(rec), ==, SPEC_EVT_F_STE_FETCH);
    g_assert_cmphex(EVR_FETCH(rec), ==, 0x10000000ULL + 3 * 8);
    env_free(&e);
}

/* ---- C_BAD_STE ----------------------------------------------------------- */

typedef struct BadSte {
    const char *name;
    unsigned hi, lo;            /* the field, absolute bit numbers (5.2) */
    uint64_t val;
    const char *stage;          /* NULL: nested */
} BadSte;

static const BadSte bad_stes[] = {
    { "v0", 0, 0, 0, NULL },
    { "config-reserved", 3, 1, 1, NULL },
    { "config-s1-on-s2-only", 3, 1, 5, "s2" },
    { "config-s2-on-s1-only", 3, 1, 6, "s1" },
    { "s1fmt-reserved", 5, 4, 3, NULL },
    { "s1cdmax-too-big", 63, 59, 21, NULL },
    { "s1dss-reserved", 65, 64, 3, NULL },
    { "s1contextptr-beyond-oas", 51, 48, 0x4, NULL },
    { "strw-reserved", 95, 94, 1, NULL },
    { "strw-el2-with-s2", 95, 94, 2, NULL },
    { "s2aa64-0", 179, 179, 0, NULL },
    { "s2tg-reserved", 175, 174, 3, NULL },
    { "s2t0sz-too-small", 165, 160, 0, NULL },
    { "s2sl0-inconsistent", 167, 166, 3, NULL },
    { "s2endi", 180, 180, 1, NULL },
    { "s2s-without-stall", 185, 185, 1, NULL },
    { "s2ttb-beyond-s2ps", 243, 240, 0x4, NULL },
};

/* A nested STE (S1CDMax 1, so S1Fmt/S1DSS count) that is valid as is */
static void good_nested(Env *e, uint64_t w[8])
{
    SbPgtable *s2 = sb_pgt_new(&e->sb, 2, 12, 32, -1, 1, false);
    SbCdtab t = sb_cdtab_linear(&e->sb, 1);
    SbSte ste = { .v = true, .config = SB_STE_CFG_NESTED, .s2ps = 5,
                  .s2vmid = 1 };

    sb_pgt_fill_ste(s2, &ste);
    sb_ste_set_cdtab(&ste, &t);
    sb_ste_encode(&ste, w);
    sb_pgt_free(s2);
}

static void test_bad_ste(const void *p)
{
    const BadSte *k = p;
    SmmuPmConfig cfg;
    uint64_t w[8];
    Env e;

    spec_config(&cfg, k->stage ? k->stage : "nested", NULL, NULL, 1);
    env_init(&e, &cfg);
    env_enable(&e, sb_strtab_linear(&e.sb, 8));
    good_nested(&e, w);
    if (k->stage) {
        /* the other stage's fields must not be what makes it ILLEGAL */
        sb_field_set(w, 3, 1, k->val);
    } else {
        sb_ste_write_raw(&e.sb, &e.st, SID, w);
        g_assert_cmpint(txn(&e, SID), ==, SMMU_PM_TXN_ABORT);
        /* valid: the fault is the missing CD mapping, not C_BAD_STE */
        {
            uint64_t rec[4];

            spec_event_pop_raw(&e, rec);
            g_assert_cmphex(EVR_TYPE(rec), !=, SPEC_EVT_C_BAD_STE);
        }
        sb_field_set(w, k->hi, k->lo, k->val);
    }
    sb_ste_write_raw(&e.sb, &e.st, SID, w);
    {
        uint64_t c[2];

        sb_cmd_cfgi_ste(c, SID, true);
        env_cmd_push(&e, c);
    }
    g_assert_cmpint(txn(&e, SID), ==, SMMU_PM_TXN_ABORT);
    expect_event(&e, SPEC_EVT_C_BAD_STE, SID);
    g_assert_true(fake_host_logged(&e.host, SMMU_PM_LOG_GUEST_ERROR,
                                   "C_BAD_STE"));
    env_free(&e);
}

/* ---- CDs ------------------------------------------------------------------ */

typedef struct BadCd {
    const char *name;
    unsigned hi, lo;            /* absolute bit numbers (5.4) */
    uint64_t val;
} BadCd;

static const BadCd bad_cds[] = {
    { "v0", 31, 31, 0 },
    { "aa64-0", 41, 41, 0 },
    { "endi", 15, 15, 1 },
    { "s-without-stall", 44, 44, 1 },
    { "tg0-reserved", 7, 6, 3 },
    { "t0sz-too-small", 5, 0, 0 },
    { "t0sz-too-big", 5, 0, 63 },
    { "ttb0-beyond-ips", 119, 112, 0xff },
    /* TTB1 in use (EPD1 0) with a reserved TG1 */
    { "tg1-reserved", 30, 30, 0 },
};

/* An enabled SMMU and a 4K stage-1 table mapping VA 0x2000, in @cd */
static SbPgtable *s1_env(Env *e, SbCd *cd)
{
    SbPgtable *pt;

    env_init(e, NULL);
    env_enable(e, sb_strtab_linear(&e->sb, 8));
    pt = sb_pgt_new(&e->sb, 1, 12, 16, -1, 1, false);
    g_assert_true(sb_pgt_map(pt, 0x2000, 0x40000000, 0x1000, &pte_rw));
    sb_pgt_fill_cd(pt, cd);
    return pt;
}

static void test_bad_cd(const void *p)
{
    const BadCd *k = p;
    SbSte ste = { .v = true, .config = SB_STE_CFG_S1 };
    SbCd cd = { .v = true, .aa64 = true, .r = true, .a = true, .ips = 5,
                .epd1 = true, .asid = 1 };
    SbPgtable *pt;
    SbCdtab t;
    uint64_t w[8], c[2];
    Env e;

    pt = s1_env(&e, &cd);
    t = sb_cdtab_linear(&e.sb, 0);
    sb_ste_set_cdtab(&ste, &t);
    sb_ste_write(&e.sb, &e.st, SID, &ste);
    sb_cd_encode(&cd, w);
    sb_cd_write_raw(&e.sb, &t, 0, w);
    g_assert_cmpint(txn(&e, SID), ==, SMMU_PM_TXN_OK);
    sb_field_set(w, k->hi, k->lo, k->val);
    if (!strcmp(k->name, "tg1-reserved")) {
        sb_field_set(w, 23, 22, 0);             /* TG1 0b00 is reserved */
        sb_field_set(w, 21, 16, 16);
    }
    sb_cd_write_raw(&e.sb, &t, 0, w);
    sb_cmd_cfgi_cd(c, SID, 0, true);
    env_cmd_push(&e, c);
    g_assert_cmpint(txn(&e, SID), ==, SMMU_PM_TXN_ABORT);
    expect_event(&e, SPEC_EVT_C_BAD_CD, SID);
    sb_pgt_free(pt);
    env_free(&e);
}

/* 2-level CD tables: an invalid L1CD is C_BAD_SUBSTREAMID */
static void test_cd_2lvl(void)
{
    SbSte ste = { .v = true, .config = SB_STE_CFG_S1, .s1dss = 0 };
    SbCd cd = { .v = true, .aa64 = true, .r = true, .a = true, .ips = 5,
                .epd1 = true, .asid = 1 };
    SbPgtable *pt;
    SbCdtab t;
    uint64_t rec[4];
    Env e;

    pt = s1_env(&e, &cd);
    t = sb_cdtab_2lvl(&e.sb, 10, SB_S1FMT_2LVL_4K);
    sb_cd_write(&e.sb, &t, 0x85, &cd);          /* L1CD 2 */
    sb_ste_set_cdtab(&ste, &t);
    sb_ste_write(&e.sb, &e.st, SID, &ste);
    g_assert_cmpint(env_translate(&e, SID, 0x85, true, 0x2000,
                                  false).status, ==, SMMU_PM_TXN_OK);
    g_assert_cmpint(env_translate(&e, SID, 0x105, true, 0x2000,
                                  false).status, ==, SMMU_PM_TXN_ABORT);
    spec_event_pop_raw(&e, rec);
    g_assert_cmphex(EVR_TYPE(rec), ==, SPEC_EVT_C_BAD_SUBSTREAMID);
    g_assert_cmphex(EVR_SSID(rec), ==, 0x105);
    /* beyond S1CDMax 10 */
    g_assert_cmpint(env_translate(&e, SID, 0x400, true, 0x2000,
                                  false).status, ==, SMMU_PM_TXN_ABORT);
    spec_event_pop_raw(&e, rec);
    g_assert_cmphex(EVR_TYPE(rec), ==, SPEC_EVT_C_BAD_SUBSTREAMID);
    /* no SubstreamID with S1DSS 0b00 (terminate): F_STREAM_DISABLED */
    g_assert_cmpint(txn(&e, SID), ==, SMMU_PM_TXN_ABORT);
    expect_event(&e, SPEC_EVT_F_STREAM_DISABLED, SID);
    /* the L2 table in no memory: F_CD_FETCH at the CD */
    sb_write64(&e.sb, sb_l1cd_addr(&t, 0x1c5),
               sb_l1cd_encode(true, 0x10000000ULL));
    g_assert_cmpint(env_translate(&e, SID, 0x1c5, true, 0x2000,
                                  false).status, ==, SMMU_PM_TXN_ABORT);
    spec_event_pop_raw(&e, rec);
    g_assert_cmphex(EVR_TYPE(rec), ==, SPEC_EVT_F_CD_FETCH);
    g_assert_cmphex(EVR_FETCH(rec), ==, 0x10000000ULL + 5 * 64);
    sb_pgt_free(pt);
    env_free(&e);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/smmuv3-pm/strtab/linear", test_linear);
    g_test_add_func("/smmuv3-pm/strtab/2lvl", test_2lvl);
    g_test_add_func("/smmuv3-pm/strtab/l1-fetch-abort", test_l1_fetch_abort);
    for (unsigned i = 0; i < G_N_ELEMENTS(bad_stes); i++) {
        char *path = g_strdup_printf("/smmuv3-pm/strtab/c-bad-ste/%s",
                                     bad_stes[i].name);

        g_test_add_data_func(path, &bad_stes[i], test_bad_ste);
        g_free(path);
    }
    for (unsigned i = 0; i < G_N_ELEMENTS(bad_cds); i++) {
        char *path = g_strdup_printf("/smmuv3-pm/strtab/c-bad-cd/%s",
                                     bad_cds[i].name);

        g_test_add_data_func(path, &bad_cds[i], test_bad_cd);
        g_free(path);
    }
    g_test_add_func("/smmuv3-pm/strtab/cd-2lvl", test_cd_2lvl);
    return g_test_run();
}
