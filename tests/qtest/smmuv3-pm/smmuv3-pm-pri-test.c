/*
 * arm-smmuv3-pm qtest: Page Requests from a PCIe endpoint, end to end
 *
 * smmu-dma-master sends PCIe Page Requests (its PRI_REQ register) to an
 * SMMU with ats=on,pri=on; the test plays the driver: it reads the
 * 16-byte PRI queue entry from guest memory and answers with
 * CMD_PRI_RESP, and the endpoint must see that PRG Response (code, PRGI,
 * PASID).  With the PRI queue off the SMMU answers Response Failure
 * itself (IHI 0070, 8.2).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/bswap.h"
#include "smmu-env.h"

#define R_PRIQ_BASE     0xc0
#define R_PRIQ_PROD     0x100c8
#define R_PRIQ_CONS     0x100cc
#define CR0_PRIQEN      (1u << 1)
#define PRIQ_LOG2       3

#define PRI_REQ_READ    (1u << 16)
#define PRI_REQ_WRITE   (1u << 17)
#define PRI_REQ_LAST    (1u << 31)
#define PRI_RESP_VALID  (1u << 31)
#define PRI_RESP_PASID  (1u << 30)

typedef struct PriEnv {
    Env e;
    uint64_t priq;
} PriEnv;

/* ATS and PRI, queues on (PRI queue too), SMMUEN = 1 */
static void pri_start(PriEnv *t)
{
    Env *e = &t->e;

    env_start(e, "ats=on,pri=on");
    env_enable(e, sb_strtab_linear(&e->sb, 8), EVTQ_LOG2);
    t->priq = sb_queue_alloc(&e->sb, PRIQ_LOG2, 16);
    env_wrq(e, R_PRIQ_BASE, sb_queue_base_reg(t->priq, PRIQ_LOG2, false));
    env_set_cr0(e, CR0_CMDQEN | CR0_EVENTQEN | CR0_PRIQEN | CR0_SMMUEN);
}

/* Page Request for the page of @iova, PRGI @prgi, with PASID @pasid */
static void page_request(PriEnv *t, uint64_t iova, uint32_t pasid,
                         uint32_t prgi, uint32_t flags)
{
    dmam_page_request(t->e.dm, iova, pasid, DMAM_PRIV, prgi | flags);
}

/* A request reaches the queue; the driver's answer reaches the endpoint */
static void test_request_and_response(void)
{
    PriEnv t;
    uint64_t dw[2], c[2];

    pri_start(&t);
    page_request(&t, 0x4567000 + 0x89, 0x33, 0x1f3,
                 PRI_REQ_READ | PRI_REQ_WRITE | PRI_REQ_LAST);
    g_assert_cmpuint(env_rd(&t.e, R_PRIQ_PROD), ==, 1);
    qtest_memread(t.e.qts, t.priq, dw, sizeof(dw));
    /* StreamID, SubstreamID, Priv, Read, Write, Last, SSV */
    g_assert_cmphex(le64_to_cpu(dw[0]), ==, SID | 0x33ULL << 32 |
                    1ULL << 58 | 1ULL << 60 | 1ULL << 61 | 1ULL << 62 |
                    1ULL << 63);
    g_assert_cmphex(le64_to_cpu(dw[1]), ==, 0x4567000ULL | 0x1f3);
    g_assert_cmpuint(dmam_readl(t.e.dm, DMAM_PRI_RESP), ==, 0);
    env_wr(&t.e, R_PRIQ_CONS, 1);

    sb_cmd_pri_resp(c, SID, true, 0x33, 0x1f3, 2);      /* Success */
    env_cmd(&t.e, c);
    g_assert_cmphex(dmam_readl(t.e.dm, DMAM_PRI_RESP), ==,
                    PRI_RESP_VALID | PRI_RESP_PASID | 0x1f3 << 16 | 0x0);
    sb_cmd_pri_resp(c, SID, false, 0, 0x1f3, 0);        /* Deny */
    env_cmd(&t.e, c);
    g_assert_cmphex(dmam_readl(t.e.dm, DMAM_PRI_RESP), ==,
                    PRI_RESP_VALID | 0x1f3 << 16 | 0x1);
    g_assert_cmphex(dmam_readl(t.e.dm, DMAM_PRI_COUNT), ==, 1 | 2 << 16);
    env_stop(&t.e);
}

/* PRI queue off: the SMMU answers Response Failure, without PASID */
static void test_queue_off(void)
{
    PriEnv t;

    pri_start(&t);
    env_set_cr0(&t.e, CR0_CMDQEN | CR0_EVENTQEN | CR0_SMMUEN);
    page_request(&t, 0x1000, 0x33, 7, PRI_REQ_READ);   /* not Last */
    g_assert_cmpuint(dmam_readl(t.e.dm, DMAM_PRI_RESP), ==, 0);
    page_request(&t, 0x1000, 0x33, 7, PRI_REQ_READ | PRI_REQ_LAST);
    g_assert_cmphex(dmam_readl(t.e.dm, DMAM_PRI_RESP), ==,
                    PRI_RESP_VALID | 7 << 16 | 0xf);
    g_assert_cmpuint(env_rd(&t.e, R_PRIQ_PROD), ==, 0);
    env_stop(&t.e);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("/smmuv3-pm/pri/request-and-response",
                   test_request_and_response);
    qtest_add_func("/smmuv3-pm/pri/queue-off", test_queue_off);
    return g_test_run();
}
