/*
 * arm-smmuv3-pm qtest: the Stall model, end to end
 *
 * The first smmu-dma-master is a master that can stall
 * ("dma-can-stall=on"); the test plays the driver of an SMMU with
 * stall-model=stall and a CD with S = 1.  A transfer to an unmapped IOVA
 * is held (STATUS STALLED) and recorded with Stall = 1 and a STAG; the
 * driver's answer -- CMD_RESUME retry after mapping the page, terminate
 * with an abort or RAZ/WI, CMD_STALL_TERM, clearing SMMUEN, or losing
 * power -- reaches the master, which completes or fails the transfer
 * accordingly.  The second master cannot stall: the same fault
 * terminates it at once with Stall = 0 (IHI 0070, 3.12).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qobject/qdict.h"
#include "qobject/qlist.h"
#include "smmu-env.h"

#define IOVA            0x700000ULL     /* not mapped until a test maps it */
#define IOVA2           0x800000ULL
#define MEMTX_DECODE_ERROR 2

typedef struct StallEnv {
    Env e;
    EnvS1 s;
} StallEnv;

/* Stalls on, CD.S = 1 for both masters' StreamIDs, SMMUEN = 1 */
static void stall_start(StallEnv *t, const char *props)
{
    Env *e = &t->e;
    g_autofree char *all = g_strdup_printf("stall-model=stall%s%s",
                                           *props ? "," : "", props);

    env_start_masters(e, all, "dma-can-stall=on");
    env_s1_setup(e, &t->s, 12, 0, 0);
    t->s.cd.s = true;
    sb_cd_write(&e->sb, &t->s.cdtab, 0, &t->s.cd);
    env_enable(e, sb_strtab_linear(&e->sb, 8), EVTQ_LOG2);
    sb_ste_write(&e->sb, &e->st, SID, &t->s.ste);
    sb_ste_write(&e->sb, &e->st, SID2, &t->s.ste);
}

static void stall_stop(StallEnv *t)
{
    env_stop(&t->e);
}

/* Start a 64-byte read (or write) at @iova; returns STATUS at once */
static int start(StallEnv *t, uint64_t iova, bool write)
{
    uint8_t buf[64];

    memset(buf, 0x5a, sizeof(buf));
    return write ? dmam_write(t->e.dm, iova, buf, sizeof(buf),
                              DMAM_NO_PASID, 0)
                 : dmam_read(t->e.dm, iova, buf, sizeof(buf),
                             DMAM_NO_PASID, 0);
}

/* The stall event of @iova: Stall = 1; returns its STAG */
static uint16_t expect_stall_event(StallEnv *t, uint32_t sid, uint64_t iova,
                                   bool write)
{
    uint64_t rec[4];
    SbEvent ev;

    env_event_pop(&t->e, rec);
    sb_event_decode(rec, &ev);
    g_assert_cmpuint(ev.type, ==, SB_EVT_F_TRANSLATION);
    g_assert_cmphex(ev.sid, ==, sid);
    g_assert_cmphex(ev.input_addr, ==, iova);
    g_assert_cmpint(ev.rnw, ==, !write);
    g_assert_true(ev.stall);
    return ev.stag;
}

/* Wait until the master was held @n times in all (a retry held again) */
static void wait_stalls(StallEnv *t, uint32_t n)
{
    for (int i = 0; i < 1000; i++) {
        if (dmam_readl(t->e.dm, DMAM_STALLS) == n) {
            g_assert_cmpint(dmam_readl(t->e.dm, DMAM_STATUS), ==,
                            DMAM_STATUS_STALLED);
            return;
        }
    }
    g_error("smmu-dma-master: STALLS did not reach %u", n);
}

static void resume(StallEnv *t, uint32_t sid, uint16_t stag, bool retry,
                   bool abort)
{
    uint64_t c[2];

    sb_cmd_resume(c, sid, stag, retry, abort);
    env_cmd(&t->e, c);
}

/* Held, recorded, mapped, retried: the read completes with the data */
static void test_resume_retry(void)
{
    StallEnv t;
    uint8_t buf[64];
    uint16_t stag;

    stall_start(&t, "");
    g_assert_cmpint(start(&t, IOVA + 0x40, false), ==, DMAM_STATUS_STALLED);
    g_assert_cmpuint(dmam_readl(t.e.dm, DMAM_STALLS), ==, 1);
    stag = expect_stall_event(&t, SID, IOVA + 0x40, false);
    env_expect_no_event(&t.e);
    /* Nothing answered yet: it stays held */
    g_assert_cmpint(dmam_readl(t.e.dm, DMAM_STATUS), ==, DMAM_STATUS_STALLED);

    /* The driver maps the page, then retries */
    env_fill(&t.e, t.e.data + 0x40, 7);
    g_assert_true(sb_pgt_map(t.s.pt, IOVA, t.e.data, 0x1000, &env_pte_rw));
    resume(&t, SID, stag, true, false);
    g_assert_cmpint(dmam_wait(t.e.dm), ==, DMAM_STATUS_DONE);
    g_assert_cmpuint(dmam_readl(t.e.dm, DMAM_COMPLETED), ==, 1);
    g_assert_cmpuint(dmam_readl(t.e.dm, DMAM_FAULTED), ==, 0);
    dmam_buf_read(t.e.dm, buf, sizeof(buf));
    {
        uint8_t want[64];

        qtest_memread(t.e.qts, t.e.data + 0x40, want, sizeof(want));
        g_assert_cmpmem(buf, sizeof(buf), want, sizeof(want));
    }
    env_expect_no_event(&t.e);
    stall_stop(&t);
}

/* A retry that faults again stalls again, with a new event */
static void test_retry_stalls_again(void)
{
    StallEnv t;
    uint16_t stag;

    stall_start(&t, "");
    g_assert_cmpint(start(&t, IOVA, true), ==, DMAM_STATUS_STALLED);
    stag = expect_stall_event(&t, SID, IOVA, true);
    resume(&t, SID, stag, true, false);
    wait_stalls(&t, 2);
    stag = expect_stall_event(&t, SID, IOVA, true);
    resume(&t, SID, stag, false, true);
    g_assert_cmpint(dmam_wait(t.e.dm), ==, DMAM_STATUS_FAULTED);
    stall_stop(&t);
}

/* Terminated: Ab = 1 is a bus error; Ab = 0 completes as RAZ/WI */
static void test_resume_terminate(void)
{
    StallEnv t;
    uint8_t buf[64], zero[64] = { 0 };
    uint16_t stag;

    stall_start(&t, "");
    g_assert_cmpint(start(&t, IOVA, false), ==, DMAM_STATUS_STALLED);
    stag = expect_stall_event(&t, SID, IOVA, false);
    resume(&t, SID, stag, false, true);
    g_assert_cmpint(dmam_wait(t.e.dm), ==, DMAM_STATUS_FAULTED);
    g_assert_cmphex(dmam_result(t.e.dm), ==, MEMTX_DECODE_ERROR);
    g_assert_cmpuint(dmam_readl(t.e.dm, DMAM_FAULTED), ==, 1);

    /* RAZ/WI: the held read returns zeros, and the transfer completes */
    memset(buf, 0xee, sizeof(buf));
    dmam_buf_write(t.e.dm, buf, sizeof(buf));
    g_assert_cmpint(dmam_read(t.e.dm, IOVA2, buf, sizeof(buf),
                              DMAM_NO_PASID, 0), ==, DMAM_STATUS_STALLED);
    stag = expect_stall_event(&t, SID, IOVA2, false);
    resume(&t, SID, stag, false, false);
    g_assert_cmpint(dmam_wait(t.e.dm), ==, DMAM_STATUS_DONE);
    dmam_buf_read(t.e.dm, buf, sizeof(buf));
    g_assert_cmpmem(buf, sizeof(buf), zero, sizeof(zero));
    stall_stop(&t);
}

/* A STAG of another StreamID resumes nothing; the right one does */
static void test_resume_wrong_sid(void)
{
    StallEnv t;
    uint16_t stag;

    stall_start(&t, "");
    g_assert_cmpint(start(&t, IOVA, false), ==, DMAM_STATUS_STALLED);
    stag = expect_stall_event(&t, SID, IOVA, false);
    resume(&t, SID2, stag, false, true);
    g_assert_cmpint(dmam_readl(t.e.dm, DMAM_STATUS), ==, DMAM_STATUS_STALLED);
    resume(&t, SID, stag, false, true);
    g_assert_cmpint(dmam_wait(t.e.dm), ==, DMAM_STATUS_FAULTED);
    stall_stop(&t);
}

/* CMD_STALL_TERM and SMMUEN = 0 terminate what is held */
static void test_stall_term_and_disable(void)
{
    StallEnv t;
    uint64_t c[2];

    stall_start(&t, "");
    g_assert_cmpint(start(&t, IOVA, false), ==, DMAM_STATUS_STALLED);
    expect_stall_event(&t, SID, IOVA, false);
    sb_cmd_stall_term(c, SID);
    env_cmd(&t.e, c);
    g_assert_cmpint(dmam_wait(t.e.dm), ==, DMAM_STATUS_FAULTED);

    g_assert_cmpint(start(&t, IOVA, false), ==, DMAM_STATUS_STALLED);
    expect_stall_event(&t, SID, IOVA, false);
    env_set_cr0(&t.e, CR0_CMDQEN | CR0_EVENTQEN);
    g_assert_cmpint(dmam_wait(t.e.dm), ==, DMAM_STATUS_FAULTED);
    g_assert_cmpuint(dmam_readl(t.e.dm, DMAM_FAULTED), ==, 2);
    stall_stop(&t);
}

/* The master that cannot stall: terminated at once, Stall = 0 */
static void test_master_cannot_stall(void)
{
    StallEnv t;
    uint64_t rec[4];
    SbEvent ev;

    stall_start(&t, "");
    env_use_master(&t.e, 1);
    env_expect_fault(&t.e, IOVA, DMAM_NO_PASID, false, 0);
    env_event_pop(&t.e, rec);
    sb_event_decode(rec, &ev);
    g_assert_cmpuint(ev.type, ==, SB_EVT_F_TRANSLATION);
    g_assert_cmphex(ev.sid, ==, SID2);
    g_assert_false(ev.stall);
    g_assert_cmpuint(dmam_readl(t.e.dm, DMAM_STALLS), ==, 0);
    stall_stop(&t);
}

/*
 * The event queue is off when the transaction stalls: nothing recorded,
 * nothing lost; enabling the queue retries it, and its event appears
 */
static void test_eventq_off(void)
{
    StallEnv t;
    uint16_t stag;

    stall_start(&t, "");
    env_set_cr0(&t.e, CR0_CMDQEN | CR0_SMMUEN);
    g_assert_cmpint(start(&t, IOVA, false), ==, DMAM_STATUS_STALLED);
    env_expect_no_event(&t.e);
    env_set_cr0(&t.e, CR0_CMDQEN | CR0_EVENTQEN | CR0_SMMUEN);
    wait_stalls(&t, 2);
    stag = expect_stall_event(&t, SID, IOVA, false);
    resume(&t, SID, stag, false, true);
    g_assert_cmpint(dmam_wait(t.e.dm), ==, DMAM_STATUS_FAULTED);
    stall_stop(&t);
}

/* IDR0.STALL_MODEL and IDR5.STALL_MAX advertise what the model does */
static void test_id_registers(void)
{
    StallEnv t;

    stall_start(&t, "");
    g_assert_cmphex((env_rd(&t.e, R_IDR0) >> 24) & 3, ==, 0);
    g_assert_cmpuint(env_rd(&t.e, 0x14) >> 16, ==, 256);
    stall_stop(&t);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("/smmuv3-pm/stall/resume-retry", test_resume_retry);
    qtest_add_func("/smmuv3-pm/stall/retry-stalls-again",
                   test_retry_stalls_again);
    qtest_add_func("/smmuv3-pm/stall/resume-terminate",
                   test_resume_terminate);
    qtest_add_func("/smmuv3-pm/stall/resume-wrong-sid",
                   test_resume_wrong_sid);
    qtest_add_func("/smmuv3-pm/stall/stall-term-and-disable",
                   test_stall_term_and_disable);
    qtest_add_func("/smmuv3-pm/stall/master-cannot-stall",
                   test_master_cannot_stall);
    qtest_add_func("/smmuv3-pm/stall/eventq-off", test_eventq_off);
    qtest_add_func("/smmuv3-pm/stall/id-registers", test_id_registers);
    return g_test_run();
}
