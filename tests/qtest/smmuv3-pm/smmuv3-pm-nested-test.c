/*
 * arm-smmuv3-pm qtest: a nested translation ends the same from a cold TLB
 * as from a warm one, and the way the architecture says (issue 15)
 *
 * One nested stream (stage 1 + stage 2) reached with PASID 5, with a page
 * for every pair of stage-1 and stage-2 leaf permissions.  Every access
 * (read, write, instruction fetch; privileged or not) runs twice from the
 * same tables: cold, right after CMD_TLBI_S12_VMALL + CMD_SYNC (the access
 * must walk), and warm, after a privileged read has cached the combined
 * stage-1+2 entry (a second read must walk nothing).  Both runs must give
 * the same DMA status and RESULT, the same event record byte for byte (or
 * none) and the same leaf descriptors afterwards, and that outcome must be
 * the one computed here from the descriptors and the configuration:
 *
 *  - stage 1: Arm ARM AArch64.S1DirectBasePermissions (AP[2:1], UXN, PXN,
 *    no EL1 execution where EL0 can write, DBM counting as writable when
 *    CD.HD is set); stage 2: S2AP, XN[1], DBM with STE.S2HD;
 *  - stage 1's permission fault comes first, so stage 2 never sees an
 *    access that stage 1 refuses (IHI 0070, 7.3.22), and hardware makes a
 *    leaf dirty only for a write that its stage allows at the access's
 *    privilege (3.13.3; the Arm ARM's AArch64.S1Translate checks
 *    permissions before it updates the descriptor, and updates stage 1
 *    before stage 2 translates the output);
 *  - the faulting stage's configuration decides: CD.R/CD.S for stage 1,
 *    STE.S2R/S2S for stage 2; S ignores R; a master that cannot wait is
 *    terminated and recorded with Stall = 0 (5.5, 3.12).
 *
 * Matrix: 6 stage-1 x 4 stage-2 leaves x 3 accesses x 2 privileges x
 * HTTU off/on = 288 cases, with both stages recording; then, on the cases
 * that fault (for the others they decide nothing), every pair of stage
 * configurations among silent, record and stall (R = 0, S = 1), and the
 * stalling pairs again with a master that cannot wait.  The key cases
 * spell a few of those outcomes out by hand.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qtest-util.h"
#include "smmu-env.h"

#define PASID               5
#define VMID                7           /* env_s2_setup's */
#define VA_BASE             0x7000000ULL
#define IPA_BASE            0x3000000000ULL
#define PAGE                0x1000ULL
#define OFF                 0x40        /* where in its page an access goes */
#define LEN                 8
#define MEMTX_DECODE_ERROR  (1u << 1)
/* Leaf descriptor bit 7 (Arm ARM D8.3): stage 1 AP[2], stage 2 S2AP[1] */
#define DESC_AP2            (1ULL << 7)
#define DESC_S2AP_W         (1ULL << 7)

/* ---- The matrix ---------------------------------------------------------- */

typedef enum S1Kind {
    S1_RW, S1_RO, S1_RO_DBM, S1_EL1_RW, S1_RO_XN, S1_EL1_RO_DBM, S1_KINDS
} S1Kind;

typedef enum S2Kind {
    S2_RW, S2_RO, S2_RO_DBM, S2_XN, S2_KINDS
} S2Kind;

typedef enum AccKind {
    ACC_READ, ACC_WRITE, ACC_FETCH, ACC_KINDS
} AccKind;

typedef struct Kind {
    const char *name;
    SbPte pte;
} Kind;

/*
 * Stage 1 (AP[2:1]): EL0 and EL1 RW, both RO, RO + DBM, EL1 only, RO + XN,
 * EL1-only RO + DBM (writable-clean for EL1 alone: an EL0 write must
 * leave it clean)
 */
static const Kind s1_kinds[S1_KINDS] = {
    [S1_RW] = { "rw", { .af = true, .ap = 1, .sh = 3, .ng = true } },
    [S1_RO] = { "ro", { .af = true, .ap = 3, .sh = 3, .ng = true } },
    [S1_RO_DBM] = { "ro+dbm", { .af = true, .ap = 3, .sh = 3, .ng = true,
                                .dbm = true } },
    [S1_EL1_RW] = { "el1-rw", { .af = true, .ap = 0, .sh = 3, .ng = true } },
    [S1_RO_XN] = { "ro+xn", { .af = true, .ap = 3, .sh = 3, .ng = true,
                              .uxn = true, .pxn = true } },
    [S1_EL1_RO_DBM] = { "el1-ro+dbm", { .af = true, .ap = 2, .sh = 3,
                                        .ng = true, .dbm = true } },
};

/* Stage 2 (S2AP[1:0], XN[1:0]) */
static const Kind s2_kinds[S2_KINDS] = {
    [S2_RW] = { "rw", { .af = true, .s2ap = 3, .sh = 3, .memattr = 0xf } },
    [S2_RO] = { "ro", { .af = true, .s2ap = 1, .sh = 3, .memattr = 0xf } },
    [S2_RO_DBM] = { "ro+dbm", { .af = true, .s2ap = 1, .sh = 3,
                                .memattr = 0xf, .dbm = true } },
    [S2_XN] = { "xn", { .af = true, .s2ap = 3, .sh = 3, .memattr = 0xf,
                        .xn = 2 } },
};

static const char *const acc_names[ACC_KINDS] = { "read", "write", "fetch" };

typedef struct Access {
    S1Kind s1;
    S2Kind s2;
    AccKind acc;
    bool priv;
} Access;

/* What the STE and the CD say, and which master issues the access */
typedef struct Cfg {
    bool httu;              /* CD.HA/HD and STE.S2HA/S2HD */
    bool cd_r, cd_s;        /* stage-1 faults: record, stall */
    bool s2r, s2s;          /* stage-2 faults: record, stall */
    bool can_stall;         /* master 0 (dma-can-stall=on) or master 1 */
} Cfg;

/* ---- What the architecture gives ----------------------------------------- */

/* Stage 1, EL1&0 regime, PAN and WXN off, no table attributes */
static bool s1_permits(S1Kind k, bool hd, AccKind acc, bool priv)
{
    const SbPte *p = &s1_kinds[k].pte;
    unsigned ap = p->ap;
    bool uw;

    /* DBM under hardware dirty state: AP[2] counts as clear */
    if (p->dbm && hd) {
        ap &= 1;
    }
    uw = ap == 1;
    switch (acc) {
    case ACC_READ:
        return priv || (ap & 1);
    case ACC_WRITE:
        return priv ? !(ap & 2) : uw;
    default:
        /* what EL0 can write, EL1 cannot execute */
        return priv ? !p->pxn && !uw : !p->uxn;
    }
}

/* Stage 2 has no privilege; XN[1] forbids execution at EL0 and EL1 */
static bool s2_permits(S2Kind k, bool hd, AccKind acc)
{
    const SbPte *p = &s2_kinds[k].pte;

    switch (acc) {
    case ACC_READ:
        return p->s2ap & 1;
    case ACC_WRITE:
        return (p->s2ap & 2) || (p->dbm && hd);
    default:
        return !(p->xn & 2);
    }
}

typedef struct Expect {
    int stage;              /* 0: no fault; else the stage that refuses */
    bool s1_dirty, s2_dirty;
    bool recorded, stalled;
} Expect;

static Expect expect(const Cfg *c, const Access *a)
{
    bool write = a->acc == ACC_WRITE;
    bool r, s;
    Expect x = { 0 };

    if (!s1_permits(a->s1, c->httu, a->acc, a->priv)) {
        x.stage = 1;
    } else {
        /* stage 1 is updated before stage 2 translates its output */
        x.s1_dirty = write && s1_kinds[a->s1].pte.dbm && c->httu;
        if (!s2_permits(a->s2, c->httu, a->acc)) {
            x.stage = 2;
        } else {
            x.s2_dirty = write && !(s2_kinds[a->s2].pte.s2ap & 2) &&
                         s2_kinds[a->s2].pte.dbm && c->httu;
        }
    }
    if (x.stage) {
        r = x.stage == 1 ? c->cd_r : c->s2r;
        s = x.stage == 1 ? c->cd_s : c->s2s;
        x.recorded = r || s;
        x.stalled = s && c->can_stall;
    }
    return x;
}

/* ---- The environment ----------------------------------------------------- */

typedef struct Page {
    uint64_t va, ipa, pa;
    uint64_t s1_init, s2_init;  /* the leaf descriptors as built */
} Page;

typedef struct Nest {
    Env e;
    EnvS1 s;
    SbPgtable *s2pt;
    SbSte ste;
    Page page[S1_KINDS][S2_KINDS];
    /*
     * Check through "stats" that a cold run walks and that the warm-up
     * cached the entry (two QMP round trips a run, half the time of one)
     */
    bool check_tlb;
} Nest;

static void map_page(Nest *n, S1Kind k1, S2Kind k2)
{
    unsigned i = k1 * S2_KINDS + k2;
    Page *p = &n->page[k1][k2];

    p->va = VA_BASE + i * PAGE;
    p->ipa = IPA_BASE + i * PAGE;
    p->pa = n->e.data + i * PAGE;
    g_assert_true(sb_pgt_map(n->s.pt, p->va, p->ipa, PAGE,
                             &s1_kinds[k1].pte));
    g_assert_true(sb_pgt_map(n->s2pt, p->ipa, p->pa, PAGE,
                             &s2_kinds[k2].pte));
    p->s1_init = sb_pgt_read_raw(n->s.pt, p->va, 3);
    p->s2_init = sb_pgt_read_raw(n->s2pt, p->ipa, 3);
}

/* Write the CD and both masters' STEs for @c; drop every cached copy */
static void nest_configure(Nest *n, const Cfg *c)
{
    Env *e = &n->e;

    n->s.cd.r = c->cd_r;
    n->s.cd.s = c->cd_s;
    n->s.cd.ha = n->s.cd.hd = c->httu;
    n->ste.s2r = c->s2r;
    n->ste.s2s = c->s2s;
    n->ste.s2ha = n->ste.s2hd = c->httu;
    sb_cd_write(&e->sb, &n->s.cdtab, PASID, &n->s.cd);
    sb_ste_write(&e->sb, &e->st, SID, &n->ste);
    sb_ste_write(&e->sb, &e->st, SID2, &n->ste);
    env_invalidate_all(e);
    env_use_master(e, c->can_stall ? 0 : 1);
}

/*
 * Stalls on, hardware updates available, master 0 can wait.  The CD
 * table and the stage-1 tables sit in the builder's pool, which stage 2
 * maps 1:1, so their addresses are valid IPAs.
 */
static void nest_start(Nest *n)
{
    Env *e = &n->e;

    memset(n, 0, sizeof(*n));
    env_start_masters(e, "stage=nested,httu=ad,stall-model=stall",
                      "dma-can-stall=on");
    env_s1_setup(e, &n->s, 12, 4, 0);
    n->s2pt = env_s2_setup(e, &n->ste, 12, SB_STE_CFG_NESTED);
    sb_ste_set_cdtab(&n->ste, &n->s.cdtab);
    for (uint64_t off = 0; off < (32 << 20); off += 2 << 20) {
        g_assert_true(sb_pgt_map(n->s2pt, e->sb.base + off, e->sb.base + off,
                                 2 << 20, &env_pte_s2_rw));
    }
    for (int k1 = 0; k1 < S1_KINDS; k1++) {
        for (int k2 = 0; k2 < S2_KINDS; k2++) {
            map_page(n, k1, k2);
        }
    }
    env_enable(e, sb_strtab_linear(&e->sb, 8), EVTQ_LOG2);
}

static uint64_t walks(Nest *n)
{
    QDict *st = qom_get_dict(n->e.qts, SMMU_QOM_PATH, "stats");
    uint64_t v = qdict_get_int(st, "walks");

    qobject_unref(st);
    return v;
}

/* ---- One run ------------------------------------------------------------- */

typedef struct Outcome {
    int status;             /* STATUS when the doorbell returns */
    int final;              /* STATUS once the SMMU has answered */
    uint32_t result;        /* RESULT */
    bool data_ok;           /* the bytes moved between the master and PA */
    unsigned events;
    uint64_t rec[4];        /* the first event record */
    uint64_t s1_desc, s2_desc;
} Outcome;

static void fill(uint8_t *buf, uint8_t seed)
{
    for (int i = 0; i < LEN; i++) {
        buf[i] = seed + 13 * i;
    }
}

/* Both leaves as built, known bytes at PA, and nothing cached */
static void reset_page(Nest *n, const Page *p)
{
    uint8_t buf[LEN];
    uint64_t c[2];

    sb_pgt_write_raw(n->s.pt, p->va, 3, p->s1_init);
    sb_pgt_write_raw(n->s2pt, p->ipa, 3, p->s2_init);
    fill(buf, 0x11);
    qtest_memwrite(n->e.qts, p->pa + OFF, buf, LEN);
    sb_cmd_tlbi_s12_vmall(c, VMID);
    env_cmd(&n->e, c);
}

/*
 * A privileged read caches the combined entry; a second one proves it
 * (it walks nothing).  Every page is readable at EL1 through both stages.
 */
static bool warm_up(Nest *n, const Page *p)
{
    uint8_t buf[LEN];
    uint64_t w;

    if (dmam_read(n->e.dm, p->va, buf, LEN, PASID, DMAM_PRIV) !=
        DMAM_STATUS_DONE) {
        return false;
    }
    if (!n->check_tlb) {
        return true;
    }
    w = walks(n);
    if (dmam_read(n->e.dm, p->va + OFF, buf, LEN, PASID, DMAM_PRIV) !=
        DMAM_STATUS_DONE) {
        return false;
    }
    return walks(n) == w;
}

static int do_access(Nest *n, const Page *p, const Access *a, Outcome *o)
{
    unsigned attrs = (a->priv ? DMAM_PRIV : 0) |
                     (a->acc == ACC_FETCH ? DMAM_INSTR : 0);
    uint8_t out[LEN], in[LEN], mem[LEN];
    int st;

    fill(out, 0xc0);
    if (a->acc == ACC_WRITE) {
        st = dmam_write(n->e.dm, p->va + OFF, out, LEN, PASID, attrs);
    } else {
        st = dmam_read(n->e.dm, p->va + OFF, in, LEN, PASID, attrs);
    }
    qtest_memread(n->e.qts, p->pa + OFF, mem, LEN);
    if (a->acc == ACC_WRITE) {
        o->data_ok = !memcmp(mem, out, LEN);
    } else {
        o->data_ok = st == DMAM_STATUS_DONE && !memcmp(mem, in, LEN);
    }
    return st;
}

/* Answer a held access as a driver would: terminate it with an abort */
static void terminate_stall(Nest *n, const Outcome *o)
{
    uint64_t c[2];
    SbEvent ev;

    if (o->events) {
        sb_event_decode(o->rec, &ev);
        sb_cmd_resume(c, ev.sid, ev.stag, false, true);
    } else {
        sb_cmd_stall_term(c, n->e.dm == &n->e.masters[0] ? SID : SID2);
    }
    env_cmd(&n->e, c);
}

static void collect_events(Nest *n, Outcome *o)
{
    uint64_t rec[4];

    while (env_event_pending(&n->e)) {
        env_event_pop(&n->e, rec);
        if (!o->events++) {
            memcpy(o->rec, rec, sizeof(rec));
        }
    }
}

/* Run @a on its page, cold or warm; false if the TLB was not as meant */
static bool run(Nest *n, const Access *a, bool warm, Outcome *o)
{
    const Page *p = &n->page[a->s1][a->s2];
    uint64_t w;

    memset(o, 0, sizeof(*o));
    reset_page(n, p);
    if (warm && !warm_up(n, p)) {
        return false;
    }
    w = n->check_tlb ? walks(n) : 0;
    o->status = do_access(n, p, a, o);
    if (n->check_tlb && !warm && walks(n) == w) {
        return false;           /* a cold TLB must walk */
    }
    collect_events(n, o);
    if (o->status == DMAM_STATUS_STALLED) {
        terminate_stall(n, o);
        o->final = dmam_wait(n->e.dm);
        collect_events(n, o);
    } else {
        o->final = o->status;
    }
    o->result = dmam_result(n->e.dm);
    o->s1_desc = sb_pgt_read_raw(n->s.pt, p->va, 3);
    o->s2_desc = sb_pgt_read_raw(n->s2pt, p->ipa, 3);
    return true;
}

/* ---- Comparing and reporting --------------------------------------------- */

static const char *status_name(int st)
{
    static const char *const names[] = {
        "idle", "done", "faulted", "refused", "stalled",
    };

    return st >= 0 && st < ARRAY_SIZE(names) ? names[st] : "?";
}

static void describe_event(GString *s, const uint64_t rec[4])
{
    SbEvent ev;

    sb_event_decode(rec, &ev);
    g_string_append_printf(s, "%s S2=%d CLASS=%u IPA=0x%" PRIx64
                           " InputAddr=0x%" PRIx64 " Stall=%d STAG=%u"
                           " PnU=%d InD=%d RnW=%d SSV=%d SSID=%u SID=0x%x",
                           sb_event_name(ev.type), ev.s2, ev.class_, ev.ipa,
                           ev.input_addr, ev.stall, ev.stag, ev.pnu, ev.ind,
                           ev.rnw, ev.ssv, ev.ssid, ev.sid);
}

static void describe(GString *s, const Outcome *o)
{
    g_string_append_printf(s, "%s/%s result=%u data=%s s1=0x%" PRIx64
                           " s2=0x%" PRIx64 " events=%u",
                           status_name(o->status), status_name(o->final),
                           o->result, o->data_ok ? "ok" : "-", o->s1_desc,
                           o->s2_desc, o->events);
    if (o->events) {
        g_string_append(s, ": ");
        describe_event(s, o->rec);
    }
}

static bool same(const Outcome *a, const Outcome *b)
{
    return a->status == b->status && a->final == b->final &&
           a->result == b->result && a->data_ok == b->data_ok &&
           a->events == b->events && a->s1_desc == b->s1_desc &&
           a->s2_desc == b->s2_desc &&
           (!a->events || !memcmp(a->rec, b->rec, sizeof(a->rec)));
}

static void append_case(GString *s, const Cfg *c, const Access *a)
{
    g_string_append_printf(s, "httu=%s CD.R=%d CD.S=%d S2R=%d S2S=%d "
                           "master=%s | s1=%s s2=%s %s %s",
                           c->httu ? "on" : "off", c->cd_r, c->cd_s, c->s2r,
                           c->s2s, c->can_stall ? "stall" : "no-stall",
                           s1_kinds[a->s1].name, s2_kinds[a->s2].name,
                           acc_names[a->acc], a->priv ? "priv" : "unpriv");
}

/* The record @x says @a must leave */
static SbEvent expected_event(Nest *n, const Access *a, const Expect *x)
{
    const Page *p = &n->page[a->s1][a->s2];

    return (SbEvent) {
        .type = SB_EVT_F_PERMISSION,
        .sid = n->e.dm == &n->e.masters[0] ? SID : SID2,
        .ssv = true, .ssid = PASID,
        .stall = x->stalled,
        .pnu = a->priv, .ind = a->acc == ACC_FETCH,
        .rnw = a->acc != ACC_WRITE,
        .s2 = x->stage == 2, .class_ = SB_EVT_CLASS_IN,
        .input_addr = p->va + OFF,
        .ipa = x->stage == 2 ? p->ipa : 0,      /* IPA[55:12] */
    };
}

/* Where @o differs from what the architecture gives, or NULL */
static char *wrong(Nest *n, const Access *a, const Expect *x,
                   const Outcome *o)
{
    const Page *p = &n->page[a->s1][a->s2];
    int st = x->stalled ? DMAM_STATUS_STALLED :
             x->stage ? DMAM_STATUS_FAULTED : DMAM_STATUS_DONE;
    uint64_t want[4];
    SbEvent ev;

    if (o->status != st || o->final != (x->stage ? DMAM_STATUS_FAULTED
                                                 : DMAM_STATUS_DONE)) {
        return g_strdup_printf("status, want %s", status_name(st));
    }
    if (o->result != (x->stage ? MEMTX_DECODE_ERROR : 0) ||
        (!x->stage && !o->data_ok)) {
        return g_strdup("RESULT or data");
    }
    if (o->s1_desc != (p->s1_init & ~(x->s1_dirty ? DESC_AP2 : 0)) ||
        o->s2_desc != (p->s2_init | (x->s2_dirty ? DESC_S2AP_W : 0))) {
        return g_strdup_printf("descriptors, want s1 %s s2 %s",
                               x->s1_dirty ? "dirty" : "as built",
                               x->s2_dirty ? "dirty" : "as built");
    }
    if (o->events != x->recorded) {
        return g_strdup_printf("%u events, want %u", o->events, x->recorded);
    }
    if (o->events) {
        ev = expected_event(n, a, x);
        /* the STAG is the SMMU's choice: take it from the record */
        ev.stag = x->stalled ? sb_field_get(o->rec, 79, 64) : 0;
        sb_event_encode(&ev, want);
        if (memcmp(o->rec, want, sizeof(want))) {
            GString *s = g_string_new("event, want ");

            describe_event(s, want);
            return g_string_free(s, false);
        }
    }
    return NULL;
}

typedef struct Tally {
    unsigned cases, faulting, runs;
    unsigned bad;
    GString *report;
} Tally;

static void report(Tally *t, const Cfg *c, const Access *a, const char *what,
                   const Outcome *cold, const Outcome *warm)
{
    GString *s = t->report;

    t->bad++;
    append_case(s, c, a);
    g_string_append_printf(s, "\n  %s\n  cold: ", what);
    describe(s, cold);
    if (warm) {
        g_string_append(s, "\n  warm: ");
        describe(s, warm);
    }
    g_string_append_c(s, '\n');
}

/* @a cold and warm under @c: the same, and as expected */
static void check_case(Nest *n, const Cfg *c, const Access *a, Tally *t)
{
    Expect x = expect(c, a);
    Outcome cold, warm;
    g_autofree char *why = NULL;

    t->cases++;
    t->faulting += x.stage != 0;
    t->runs += 2;
    if (!run(n, a, false, &cold)) {
        report(t, c, a, "cold run did not walk", &cold, NULL);
        return;
    }
    if (!run(n, a, true, &warm)) {
        report(t, c, a, "warm-up did not cache the entry", &cold, NULL);
        return;
    }
    if (!same(&cold, &warm)) {
        report(t, c, a, "cold and warm differ", &cold, &warm);
        return;
    }
    why = wrong(n, a, &x, &cold);
    if (why) {
        report(t, c, a, why, &cold, NULL);
    }
}

static void tally_end(Tally *t, const char *what)
{
    g_test_message("%s: %u combinations (%u faulting), %u runs, %u wrong",
                   what, t->cases, t->faulting, t->runs, t->bad);
    if (t->bad) {
        g_test_message("%s", t->report->str);
    }
    g_string_free(t->report, true);
    g_assert_cmpuint(t->bad, ==, 0);
}

/* Every access of the matrix under @c; @faulting_only: those that fault */
static void check_all(Nest *n, const Cfg *c, bool faulting_only, Tally *t)
{
    nest_configure(n, c);
    for (int k1 = 0; k1 < S1_KINDS; k1++) {
        for (int k2 = 0; k2 < S2_KINDS; k2++) {
            for (int acc = 0; acc < ACC_KINDS; acc++) {
                for (int priv = 0; priv <= 1; priv++) {
                    Access a = { k1, k2, acc, priv };

                    if (!faulting_only || expect(c, &a).stage) {
                        check_case(n, c, &a, t);
                    }
                }
            }
        }
    }
}

/* ---- The matrix's tests -------------------------------------------------- */

/* Both stages record, neither stalls: every access */
static void test_matrix(const void *opaque)
{
    Cfg c = { .httu = GPOINTER_TO_INT(opaque), .cd_r = true, .s2r = true,
              .can_stall = true };
    Tally t = { .report = g_string_new("") };
    Nest n;

    nest_start(&n);
    n.check_tlb = true;
    check_all(&n, &c, false, &t);
    env_stop(&n.e);
    tally_end(&t, c.httu ? "httu on" : "httu off");
}

/*
 * A stage's fault configuration: terminate silently, record, or stall
 * (with R = 0, which S overrides; R = 1 with S = 1 decides nothing more)
 */
static const bool fault_r[3] = { false, true, false };
static const bool fault_s[3] = { false, false, true };

/*
 * Every other pair of those for CD.{R,S} and STE.{S2R,S2S} with the
 * master that can wait, and the stalling pairs again with the master that
 * cannot: the accesses that fault.  Cold and warm runs go as in
 * test_matrix, which checks their TLB states every time.
 */
static void test_fault_config(const void *opaque)
{
    bool httu = GPOINTER_TO_INT(opaque);
    Tally t = { .report = g_string_new("") };
    Nest n;

    nest_start(&n);
    for (int i1 = 0; i1 < 3; i1++) {
        for (int i2 = 0; i2 < 3; i2++) {
            Cfg c = { .httu = httu, .cd_r = fault_r[i1], .cd_s = fault_s[i1],
                      .s2r = fault_r[i2], .s2s = fault_s[i2],
                      .can_stall = true };

            if (i1 != 1 || i2 != 1) {       /* test_matrix's */
                check_all(&n, &c, true, &t);
            }
            if (c.cd_s || c.s2s) {
                c.can_stall = false;
                check_all(&n, &c, true, &t);
            }
        }
    }
    env_stop(&n.e);
    tally_end(&t, httu ? "httu on" : "httu off");
}

/* ---- Key cases, spelled out ---------------------------------------------- */

/*
 * @a under @c, cold then warm: both runs must end as @want says (no event
 * when @want is NULL) with the leaves as @s1_dirty and @s2_dirty say
 */
static void key_case(Nest *n, const Cfg *c, const Access *a, int status,
                     const SbEvent *want, bool s1_dirty, bool s2_dirty)
{
    nest_configure(n, c);
    for (int warm = 0; warm <= 1; warm++) {
        const Page *p = &n->page[a->s1][a->s2];
        Outcome o;

        g_assert_true(run(n, a, warm, &o));
        g_assert_cmpint(o.status, ==, status);
        g_assert_cmpint(o.final, ==, status == DMAM_STATUS_STALLED ?
                                     DMAM_STATUS_FAULTED : status);
        g_assert_true(status != DMAM_STATUS_DONE || o.data_ok);
        g_assert_cmpuint(o.events, ==, want != NULL);
        if (want) {
            uint64_t rec[4];
            SbEvent ev = *want;

            ev.input_addr = p->va + OFF;
            ev.ipa = ev.s2 ? p->ipa : 0;
            /* the STAG is the SMMU's choice: take it from the record */
            ev.stag = ev.stall ? sb_field_get(o.rec, 79, 64) : 0;
            sb_event_encode(&ev, rec);
            g_assert_cmpmem(o.rec, sizeof(rec), rec, sizeof(rec));
        }
        g_assert_cmphex(o.s1_desc, ==,
                        p->s1_init & ~(s1_dirty ? DESC_AP2 : 0));
        g_assert_cmphex(o.s2_desc, ==,
                        p->s2_init | (s2_dirty ? DESC_S2AP_W : 0));
    }
}

static const Cfg key_cfg = { .cd_r = true, .s2r = true, .can_stall = true };

/* A write stage 1 allows to a page stage 2 maps read-only */
static void key_s2_ro_write(Nest *n)
{
    Access a = { S1_RW, S2_RO, ACC_WRITE, false };

    key_case(n, &key_cfg, &a, DMAM_STATUS_FAULTED, &(SbEvent) {
        .type = SB_EVT_F_PERMISSION, .sid = SID, .ssv = true,
        .ssid = PASID, .rnw = false, .s2 = true, .class_ = SB_EVT_CLASS_IN,
    }, false, false);
}

/* An unprivileged fetch stage 1 allows from a page stage 2 makes XN */
static void key_s2_xn_fetch(Nest *n)
{
    Access a = { S1_RW, S2_XN, ACC_FETCH, false };

    key_case(n, &key_cfg, &a, DMAM_STATUS_FAULTED, &(SbEvent) {
        .type = SB_EVT_F_PERMISSION, .sid = SID, .ssv = true,
        .ssid = PASID, .rnw = true, .ind = true, .s2 = true,
        .class_ = SB_EVT_CLASS_IN,
    }, false, false);
}

/* STE.S2HD and a writable-clean stage-2 page: the write makes it dirty */
static void key_s2hd_write(Nest *n)
{
    Cfg c = key_cfg;
    Access a = { S1_RW, S2_RO_DBM, ACC_WRITE, false };

    c.httu = true;
    key_case(n, &c, &a, DMAM_STATUS_DONE, NULL, false, true);
}

/*
 * Stage 1 refuses first (IHI 0070, 7.3.22): a write to a page read-only
 * at both stages is a stage-1 fault without IPA, and a stage-2 page that
 * S2HD would make dirty stays clean
 */
static void key_s1_first(Nest *n)
{
    const SbEvent s1_fault = {
        .type = SB_EVT_F_PERMISSION, .sid = SID, .ssv = true,
        .ssid = PASID, .rnw = false, .pnu = true, .class_ = SB_EVT_CLASS_IN,
    };
    Cfg c = key_cfg;
    Access a = { S1_RO, S2_RO, ACC_WRITE, true };

    key_case(n, &c, &a, DMAM_STATUS_FAULTED, &s1_fault, false, false);
    c.httu = true;
    a.s2 = S2_RO_DBM;
    key_case(n, &c, &a, DMAM_STATUS_FAULTED, &s1_fault, false, false);
}

/*
 * The stage-2 fault follows the STE: with CD.S = 1 and STE.S2S = 0 it is
 * recorded and terminated, not stalled
 */
static void key_s2_no_stall(Nest *n)
{
    Cfg c = key_cfg;
    Access a = { S1_RW, S2_RO, ACC_WRITE, false };

    c.cd_s = true;
    key_case(n, &c, &a, DMAM_STATUS_FAULTED, &(SbEvent) {
        .type = SB_EVT_F_PERMISSION, .sid = SID, .ssv = true,
        .ssid = PASID, .rnw = false, .s2 = true, .class_ = SB_EVT_CLASS_IN,
    }, false, false);
}

/* ... and with STE.S2S = 1 it is held, recorded with Stall = 1 */
static void key_s2_stall(Nest *n)
{
    Cfg c = key_cfg;
    Access a = { S1_RW, S2_RO, ACC_WRITE, false };

    c.s2s = true;
    key_case(n, &c, &a, DMAM_STATUS_STALLED, &(SbEvent) {
        .type = SB_EVT_F_PERMISSION, .sid = SID, .ssv = true,
        .ssid = PASID, .rnw = false, .s2 = true, .class_ = SB_EVT_CLASS_IN,
        .stall = true,
    }, false, false);
}

/*
 * Stage 1 allows a write to its writable-clean page and makes it dirty
 * before stage 2 translates the output (Arm ARM AArch64.S1Translate), so
 * it stays dirty though stage 2 then refuses the write
 */
static void key_s1_dirty_s2_fault(Nest *n)
{
    Cfg c = key_cfg;
    Access a = { S1_RO_DBM, S2_RO, ACC_WRITE, false };

    c.httu = true;
    key_case(n, &c, &a, DMAM_STATUS_FAULTED, &(SbEvent) {
        .type = SB_EVT_F_PERMISSION, .sid = SID, .ssv = true,
        .ssid = PASID, .rnw = false, .s2 = true, .class_ = SB_EVT_CLASS_IN,
    }, true, false);
}

/* EL0 fetches from an EL1-only page (AP 0b00, UXN 0): execute-only */
static void key_el0_exec_only(Nest *n)
{
    Access a = { S1_EL1_RW, S2_RW, ACC_FETCH, false };

    key_case(n, &key_cfg, &a, DMAM_STATUS_DONE, NULL, false, false);
}

/*
 * An EL1-only writable-clean page (AP 0b10 + DBM) under CD.HD: an EL0
 * write is refused by stage 1 and leaves the page clean, since the dirty
 * state is set only by a write that is permitted once the page is dirty;
 * an EL1 write makes it dirty
 */
static void key_s1hd_el0_write(Nest *n)
{
    Cfg c = key_cfg;
    Access a = { S1_EL1_RO_DBM, S2_RW, ACC_WRITE, false };

    c.httu = true;
    key_case(n, &c, &a, DMAM_STATUS_FAULTED, &(SbEvent) {
        .type = SB_EVT_F_PERMISSION, .sid = SID, .ssv = true,
        .ssid = PASID, .rnw = false, .class_ = SB_EVT_CLASS_IN,
    }, false, false);
    a.priv = true;
    key_case(n, &c, &a, DMAM_STATUS_DONE, NULL, true, false);
}

/* The key cases, on one QEMU */
static void test_key(void)
{
    Nest n;

    nest_start(&n);
    n.check_tlb = true;
    key_s2_ro_write(&n);
    key_s2_xn_fetch(&n);
    key_s2hd_write(&n);
    key_s1_first(&n);
    key_s2_no_stall(&n);
    key_s2_stall(&n);
    key_s1_dirty_s2_fault(&n);
    key_el0_exec_only(&n);
    key_s1hd_el0_write(&n);
    env_stop(&n.e);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    if (!qtest_has_device("smmu-dma-master")) {
        g_test_skip("smmu-dma-master is not compiled in");
        return g_test_run();
    }
    for (int httu = 0; httu <= 1; httu++) {
        g_autofree char *m = g_strdup_printf(
            "/smmuv3-pm/nested/cold-warm/httu-%s", httu ? "on" : "off");
        g_autofree char *f = g_strdup_printf(
            "/smmuv3-pm/nested/cold-warm/fault-config/httu-%s",
            httu ? "on" : "off");

        qtest_add_data_func(m, GINT_TO_POINTER(httu), test_matrix);
        qtest_add_data_func(f, GINT_TO_POINTER(httu), test_fault_config);
    }
    qtest_add_func("/smmuv3-pm/nested/key", test_key);
    return g_test_run();
}
