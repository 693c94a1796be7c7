/*
 * arm-smmuv3-pm qtest: migration in the middle of SMMU activity
 *
 * Each case is a script a driver would run.  It is played twice: on one
 * QEMU (the reference), and migrated to a new QEMU at each of the
 * script's checkpoints, with work in flight.  Everything the script
 * observes -- registers, event records and PRI queue entries byte for
 * byte, MSI words, the wired lines at the GIC, the DMA master's outcome
 * and data, the PPU's registers -- is written down as one text line, and
 * at the end the SMMU's "stats" and "pm-report" (and the PPU's "stats");
 * the two records must be equal line for line.  The scripts also assert
 * the values the architecture prescribes at the points that matter, so a
 * record that is wrong the same way in both runs fails too.
 *
 * The cases (issue 15): commands the SMMU holds (a queue stopped on a
 * command error, an ATC_INV whose CMD_SYNC is still to come, commands
 * left between two bounded runs), events unread with the queue
 * overflowed, stalled transactions (an answer still undelivered too),
 * Page Requests unread or unanswered, the SMMU's power domain off, and
 * power transitions in flight (a PPU transition, the SMMU's own power-up
 * latency).
 *
 * What does not migrate, on purpose: the TLB, walk and configuration
 * caches (an SMMU may drop cached entries at any time; the destination
 * starts with them empty).  No script relies on an entry being cached
 * across a checkpoint, and the stats compare lookups (hits + misses)
 * instead of their split.  The qtest accelerator's virtual clock is not
 * in the migration stream either: the script keeps the time it stepped
 * to and sets the destination's clock to it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include <libfdt.h>
#include "qemu/bswap.h"
#include "qobject/qbool.h"
#include "qobject/qdict.h"
#include "qobject/qlist.h"
#include "qobject/qnum.h"
#include "qobject/qstring.h"
#include "smmu-env.h"
#include "qtest-util.h"

#define SMMU_PATH           "/machine/peripheral/smmu0"
#define PPU_PATH            "/machine/peripheral/ppu0"

/* Registers not in smmu-env.h (IHI 0070, 6.3) */
#define R_GBPA              0x44
#define R_PRIQ_BASE         0xc0
#define R_PRIQ_PROD         0x100c8
#define R_PRIQ_CONS         0x100cc
#define CR0_PRIQEN          (1u << 1)
#define IRQ_CTRL_GERROR     (1u << 0)
#define IRQ_CTRL_PRIQ       (1u << 1)
#define IRQ_CTRL_EVENTQ     (1u << 2)
#define CERROR_ILL          1u
#define CERROR_ATC_INV_SYNC 3u
#define CONS_ERR_SHIFT      24
#define Q_INDEX_MASK        0xfffffu

/* Event types (IHI 0070, 7.3) */
#define EVT_C_BAD_STE       0x04
#define EVT_F_TRANSLATION   0x10

/* The script's addresses: IOVA maps to e->data, the others to nothing */
#define IOVA                0x300000ULL
#define IOVA_UNMAPPED       0x700000ULL
#define PAGE                0x1000ULL
#define DMA_LEN             64
#define MEMTX_DECODE_ERROR  2

/* smmu-dma-master Page Requests (docs/user.md) */
#define PRI_REQ_READ        (1u << 16)
#define PRI_REQ_WRITE       (1u << 17)
#define PRI_REQ_LAST        (1u << 31)
#define PRI_RESP_VALID      (1u << 31)
#define PRI_RESP_PASID      (1u << 30)
#define PRIQ_LOG2           3

/* The PPU (DEN 0051E): PWPR/PWSR of each domain's 4 KiB block */
#define PPU_COMPATIBLE      "allwinner,sun60i-a733-pck-600"
#define PPU_BLOCK           0x1000
#define PPU_PWPR            0x000
#define PPU_PWSR            0x008
#define PPU_OFF             0x0
#define PPU_ON              0x8
#define PD_SMMU             7
#define PPU_LATENCY         50000
#define SMMU_ON_LATENCY     30000
#define PPU_DEVICE          "-device arm-pck600-ppu,id=ppu0," \
                            "transition-latency-ns=50000"

/* Polls of something the main loop completes (a bottom half) */
#define POLLS               100000

typedef struct Run {
    Env e;
    EnvS1 s;
    bool migrate;               /* migrate at every checkpoint */
    unsigned checkpoints;       /* passed */
    unsigned migrations;
    int64_t now;                /* the virtual time the script stepped to */
    GString *log;               /* what the script observed, a line each */
    uint64_t msi;               /* a word of RAM that MSIs target */
    uint64_t priq;
    uint64_t ppu;               /* 0: no PPU */
} Run;

typedef void Script(Run *r);

/* ---- The record ---------------------------------------------------------- */

static void G_GNUC_PRINTF(2, 3) note(Run *r, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    g_string_append_vprintf(r->log, fmt, ap);
    va_end(ap);
    g_string_append_c(r->log, '\n');
}

static uint32_t note_reg(Run *r, const char *name, uint32_t off)
{
    uint32_t v = env_rd(&r->e, off);

    note(r, "%s=0x%08x", name, v);
    return v;
}

/* The registers a driver's queue and error handling look at */
static void note_regs(Run *r, bool pri)
{
    static const struct {
        const char *name;
        uint32_t off;
    } regs[] = {
        { "CR0", R_CR0 }, { "CR0ACK", R_CR0ACK }, { "GBPA", R_GBPA },
        { "IRQ_CTRL", R_IRQ_CTRL }, { "IRQ_CTRLACK", R_IRQ_CTRLACK },
        { "GERROR", R_GERROR }, { "GERRORN", R_GERRORN },
        { "STRTAB_BASE", R_STRTAB_BASE }, { "CMDQ_BASE", R_CMDQ_BASE },
        { "CMDQ_PROD", R_CMDQ_PROD }, { "CMDQ_CONS", R_CMDQ_CONS },
        { "EVENTQ_BASE", R_EVENTQ_BASE },
        { "EVENTQ_PROD", R_EVENTQ_PROD }, { "EVENTQ_CONS", R_EVENTQ_CONS },
    };

    for (int i = 0; i < G_N_ELEMENTS(regs); i++) {
        note_reg(r, regs[i].name, regs[i].off);
    }
    if (pri) {
        note_reg(r, "PRIQ_PROD", R_PRIQ_PROD);
        note_reg(r, "PRIQ_CONS", R_PRIQ_CONS);
    }
}

/* The SMMU's wired lines latched at the GIC; cleared for the next look */
static void note_irqs(Run *r)
{
    static const char *const names[SMMU_DT_NUM_IRQS] = {
        [SMMU_DT_IRQ_EVENTQ] = "eventq", [SMMU_DT_IRQ_PRIQ] = "priq",
        [SMMU_DT_IRQ_CMDQ_SYNC] = "cmdq-sync",
        [SMMU_DT_IRQ_GERROR] = "gerror",
    };

    for (int line = 0; line < SMMU_DT_NUM_IRQS; line++) {
        note(r, "irq.%s=%d", names[line], env_irq_pending(&r->e, line));
    }
    env_irq_reset(&r->e);
}

static uint32_t note_msi(Run *r)
{
    uint32_t v = qtest_readl(r->e.qts, r->msi);

    note(r, "msi=0x%08x", v);
    return v;
}

static void note_bytes(Run *r, const char *name, const void *buf, size_t len)
{
    g_autofree char *hex = g_malloc(len * 2 + 1);

    for (size_t i = 0; i < len; i++) {
        sprintf(hex + i * 2, "%02x", ((const uint8_t *)buf)[i]);
    }
    note(r, "%s=%s", name, hex);
}

/* The first DMA master: its registers and the start of its buffer */
static void note_master(Run *r)
{
    static const struct {
        const char *name;
        uint32_t off;
    } regs[] = {
        { "STATUS", DMAM_STATUS }, { "RESULT", DMAM_RESULT },
        { "COMPLETED", DMAM_COMPLETED }, { "FAULTED", DMAM_FAULTED },
        { "STALLS", DMAM_STALLS }, { "PRI_RESP", DMAM_PRI_RESP },
        { "PRI_COUNT", DMAM_PRI_COUNT },
    };
    uint8_t buf[DMA_LEN];

    for (int i = 0; i < G_N_ELEMENTS(regs); i++) {
        note(r, "master.%s=0x%x", regs[i].name,
             dmam_readl(&r->e.masters[0], regs[i].off));
    }
    dmam_buf_read(&r->e.masters[0], buf, sizeof(buf));
    note_bytes(r, "master.buf", buf, sizeof(buf));
}

static gint compare_keys(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every leaf of @o as "path=value", keys sorted, lists by index */
static void note_qobject(Run *r, const char *path, QObject *o)
{
    switch (qobject_type(o)) {
    case QTYPE_QDICT: {
        QDict *d = qobject_to(QDict, o);
        g_autoptr(GPtrArray) keys = g_ptr_array_new();

        for (const QDictEntry *ent = qdict_first(d); ent;
             ent = qdict_next(d, ent)) {
            g_ptr_array_add(keys, (gpointer)qdict_entry_key(ent));
        }
        g_ptr_array_sort(keys, compare_keys);
        for (guint i = 0; i < keys->len; i++) {
            g_autofree char *sub = g_strdup_printf("%s.%s", path,
                                                   (char *)keys->pdata[i]);

            note_qobject(r, sub, qdict_get(d, keys->pdata[i]));
        }
        break;
    }
    case QTYPE_QLIST: {
        QListEntry *ent;
        unsigned i = 0;

        QLIST_FOREACH_ENTRY(qobject_to(QList, o), ent) {
            g_autofree char *sub = g_strdup_printf("%s[%u]", path, i++);

            note_qobject(r, sub, qlist_entry_obj(ent));
        }
        break;
    }
    case QTYPE_QNUM: {
        g_autofree char *s = qnum_to_string(qobject_to(QNum, o));

        note(r, "%s=%s", path, s);
        break;
    }
    case QTYPE_QSTRING:
        note(r, "%s=%s", path, qstring_get_str(qobject_to(QString, o)));
        break;
    case QTYPE_QBOOL:
        note(r, "%s=%d", path, qbool_get_bool(qobject_to(QBool, o)));
        break;
    default:
        note(r, "%s=null", path);
        break;
    }
}

static uint64_t take_counter(QDict *d, const char *key)
{
    uint64_t v = qdict_get_int(d, key);

    qdict_del(d, key);
    return v;
}

/*
 * The SMMU's counters.  The caches start empty on the destination, so
 * hits, misses, walks and what they read (walk and configuration
 * accesses, walk-cache lookups, cycles) differ there; the lookups do not
 * (TLB, micro-TLB, configuration cache), per StreamID too.
 */
static void note_counters(Run *r, const char *path, QDict *st)
{
    static const char *const cache_bound[] = {
        "walks", "walk_accesses", "cfg_accesses", "walkcache_hits",
        "walkcache_misses", "cycles",
    };
    uint64_t tlb = take_counter(st, "tlb_hits") +
                   take_counter(st, "tlb_misses");
    uint64_t utlb = take_counter(st, "utlb_hits") +
                    take_counter(st, "utlb_misses");

    note(r, "%s.tlb_lookups=%" PRIu64, path, tlb);
    note(r, "%s.utlb_lookups=%" PRIu64, path, utlb);
    if (qdict_haskey(st, "cfg_hits")) {
        uint64_t cfg = take_counter(st, "cfg_hits") +
                       take_counter(st, "cfg_misses");

        note(r, "%s.cfg_lookups=%" PRIu64, path, cfg);
    }
    for (size_t i = 0; i < G_N_ELEMENTS(cache_bound); i++) {
        if (qdict_haskey(st, cache_bound[i])) {
            take_counter(st, cache_bound[i]);
        }
    }
}

static void note_stats(Run *r)
{
    QDict *st = qom_get_dict(r->e.qts, SMMU_PATH, "stats");
    QDict *by_sid = qdict_get_qdict(st, "by_sid");

    note_counters(r, "stats", st);
    for (const QDictEntry *ent = by_sid ? qdict_first(by_sid) : NULL; ent;
         ent = qdict_next(by_sid, ent)) {
        g_autofree char *path = g_strdup_printf("stats.by_sid.%s",
                                                qdict_entry_key(ent));

        note_counters(r, path, qobject_to(QDict, qdict_entry_value(ent)));
    }
    note_qobject(r, "stats", QOBJECT(st));
    qobject_unref(st);
}

/* What the PM checker concluded, and the SMMU's power state */
static QDict *report(Run *r)
{
    return pm_report_get(r->e.qts, SMMU_PATH);
}

static void note_power(Run *r)
{
    QDict *rep = report(r);
    QDict *power = qdict_get_qdict(rep, "power");

    note(r, "power.state=%s requested=%s", qdict_get_str(power, "state"),
         qdict_get_str(power, "requested"));
    qobject_unref(rep);
}

static const char *power_state(Run *r)
{
    QDict *rep = report(r);
    const char *state = qdict_get_str(qdict_get_qdict(rep, "power"),
                                      "state");
    const char *ret = !strcmp(state, "on") ? "on" : "off";

    qobject_unref(rep);
    return ret;
}

static void note_final(Run *r)
{
    QDict *rep = report(r);

    note_master(r);
    note_stats(r);
    note_qobject(r, "pm-report", QOBJECT(rep));
    qobject_unref(rep);
    if (r->ppu) {
        QDict *st = qom_get_dict(r->e.qts, PPU_PATH, "stats");

        note_qobject(r, "ppu.stats", QOBJECT(st));
        qobject_unref(st);
    }
}

/* ---- Checkpoints and time ------------------------------------------------ */

/*
 * A point where the migrated run moves to a new QEMU.  Nothing is
 * drained or waited for first: what is in flight stays in flight.
 */
static void checkpoint(Run *r)
{
    r->checkpoints++;
    note(r, "-- checkpoint %u", r->checkpoints);
    if (!r->migrate) {
        return;
    }
    env_migrate(&r->e);
    if (r->now) {
        qtest_clock_set(r->e.qts, r->now);
    }
    r->migrations++;
}

static void step(Run *r, int64_t ns)
{
    r->now = qtest_clock_step(r->e.qts, ns);
}

static void vm_pause(Run *r)
{
    qtest_qmp_assert_success(r->e.qts, "{'execute': 'stop'}");
}

static void vm_resume(Run *r)
{
    qtest_qmp_assert_success(r->e.qts, "{'execute': 'cont'}");
}

/* ---- The driver's part --------------------------------------------------- */

/*
 * A stage-1 stream for the first master (IOVA -> e->data, ASID 1), the
 * queues and the stream table up (event queue of 2^@evtq_log2 entries),
 * wired lines edge-triggered at the GIC, a word for MSIs
 */
static void setup_s1(Run *r, unsigned evtq_log2, bool stall)
{
    Env *e = &r->e;

    env_s1_setup(e, &r->s, 12, 0, 0);
    r->s.cd.s = stall;
    g_assert_true(sb_pgt_map(r->s.pt, IOVA, e->data, PAGE, &env_pte_rw));
    sb_cd_write(&e->sb, &r->s.cdtab, 0, &r->s.cd);
    env_enable(e, sb_strtab_linear(&e->sb, 8), evtq_log2);
    sb_ste_write(&e->sb, &e->st, SID, &r->s.ste);
    env_irq_reset(e);
    r->msi = sb_alloc(&e->sb, 64, 64);
}

static void set_irq_ctrl(Run *r, uint32_t v)
{
    smmu_drv_write_sync(&r->e.drv, R_IRQ_CTRL, R_IRQ_CTRLACK, v);
}

/* Move IOVA's page to @pa in the page table, no invalidation */
static void remap(Run *r, uint64_t pa)
{
    sb_pgt_unmap(r->s.pt, IOVA, PAGE);
    g_assert_true(sb_pgt_map(r->s.pt, IOVA, pa, PAGE, &env_pte_rw));
}

/* A DMA read of @iova that must complete with the bytes at @pa */
static void dma_read(Run *r, uint64_t iova, uint64_t pa)
{
    uint8_t got[DMA_LEN], want[DMA_LEN];

    memset(got, 0, sizeof(got));
    g_assert_cmpint(dmam_read(r->e.dm, iova, got, sizeof(got),
                              DMAM_NO_PASID, 0), ==, DMAM_STATUS_DONE);
    note_bytes(r, "dma", got, sizeof(got));
    qtest_memread(r->e.qts, pa, want, sizeof(want));
    g_assert_cmpmem(got, sizeof(got), want, sizeof(want));
}

/* An 8-byte DMA at @iova that the SMMU must terminate */
static void dma_fault(Run *r, uint64_t iova, bool write)
{
    uint8_t buf[8] = { 0 };
    int st = write ? dmam_write(r->e.dm, iova, buf, 8, DMAM_NO_PASID, 0)
                   : dmam_read(r->e.dm, iova, buf, 8, DMAM_NO_PASID, 0);

    note(r, "dma.status=%d", st);
    g_assert_cmpint(st, ==, DMAM_STATUS_FAULTED);
}

/* Write @n commands at CMDQ_PROD and publish them with one PROD write */
static void push_cmds(Run *r, uint64_t (*cmds)[2], unsigned n)
{
    SmmuDrv *d = &r->e.drv;

    for (unsigned i = 0; i < n; i++) {
        uint32_t idx = d->cmdq_prod & ((1u << d->cmdq_log2) - 1);

        sb_write_words(&r->e.sb, d->cmdq + 16 * idx, cmds[i], 2);
        d->cmdq_prod = sb_queue_inc(d->cmdq_prod, d->cmdq_log2);
    }
    env_wr(&r->e, R_CMDQ_PROD, d->cmdq_prod);
}

/* The next event record, all 32 bytes written down; decoded into @ev */
static void pop_event(Run *r, SbEvent *ev)
{
    uint64_t rec[4];

    env_event_pop(&r->e, rec);
    note_bytes(r, "event", rec, sizeof(rec));
    sb_event_decode(rec, ev);
}

/* ---- Running a script twice ---------------------------------------------- */

static char *play(Script *script, bool migrate, unsigned *checkpoints,
                  unsigned *migrations)
{
    Run r = { .migrate = migrate, .log = g_string_new("") };

    script(&r);
    note_final(&r);
    env_stop(&r.e);
    *checkpoints = r.checkpoints;
    *migrations = r.migrations;
    return g_string_free(r.log, false);
}

/* The two records, line by line; the first difference fails the test */
static void compare_records(const char *ref, const char *mig)
{
    g_auto(GStrv) a = g_strsplit(ref, "\n", -1);
    g_auto(GStrv) b = g_strsplit(mig, "\n", -1);
    guint i;

    for (i = 0; a[i] && b[i]; i++) {
        if (strcmp(a[i], b[i])) {
            g_test_message("line %u differs (unmigrated, then migrated)",
                           i + 1);
            g_assert_cmpstr(a[i], ==, b[i]);
        }
    }
    g_assert_cmpstr(a[i], ==, b[i]);        /* both ended */
    g_test_message("%u lines equal", i);
}

static void test_script(gconstpointer data)
{
    Script *script = (Script *)data;
    unsigned ref_points, none, points, migrations;
    g_autofree char *ref = play(script, false, &ref_points, &none);
    g_autofree char *mig = play(script, true, &points, &migrations);

    /* the migrated run moved at every checkpoint the reference passed */
    g_assert_cmpuint(ref_points, >, 0);
    g_assert_cmpuint(migrations, ==, ref_points);
    compare_records(ref, mig);
}

/* ---- 1. Commands the SMMU holds ------------------------------------------ */

/*
 * The queue is stopped on the illegal command at @bad: the driver puts
 * CFGI_STE in its place and acknowledges the error, the queue goes on
 */
static void fix_and_acknowledge(Run *r, uint32_t bad)
{
    Env *e = &r->e;
    uint64_t c[2];

    sb_cmd_cfgi_ste(c, SID, true);
    sb_write_words(&e->sb, e->drv.cmdq +
                   16 * (bad & ((1u << CMDQ_LOG2) - 1)), c, 2);
    env_wr(e, R_GERRORN, env_rd(e, R_GERROR));
    g_assert_cmphex(note_reg(r, "CMDQ_CONS", R_CMDQ_CONS) & Q_INDEX_MASK,
                    ==, e->drv.cmdq_prod);
    g_assert_cmphex(env_gerror_active(e), ==, 0);
}

/*
 * An illegal command stops the queue with a TLBI_NH_VA and a CMD_SYNC
 * (MSI) behind it (a first error, acknowledged, leaves GERROR and
 * GERRORN both set, so that the active error is GERROR 0, GERRORN 1).
 * On the destination the TLB holds IOVA again, the page moves, and the
 * stale translation is still used; the driver replaces the illegal
 * command and acknowledges the error: the queue drains there, the MSI
 * lands and the TLBI takes effect.
 */
static void script_cmdq_error(Run *r)
{
    const SbTlbiAddr at = { .addr = IOVA };
    Env *e = &r->e;
    uint64_t cmds[3][2] = { { 0x7f, 0 } };      /* no such opcode */
    uint64_t pa2;
    uint32_t bad;

    env_start(e, "msi=on");
    setup_s1(r, EVTQ_LOG2, false);
    set_irq_ctrl(r, IRQ_CTRL_GERROR);
    pa2 = e->data + PAGE;
    env_fill(e, e->data, 1);
    env_fill(e, pa2, 2);
    dma_read(r, IOVA, e->data);
    bad = e->drv.cmdq_prod;
    push_cmds(r, cmds, 1);
    fix_and_acknowledge(r, bad);

    bad = e->drv.cmdq_prod;
    sb_cmd_tlbi_nh_va(cmds[1], 0, 1, &at);
    sb_cmd_sync(cmds[2], SB_SYNC_CS_IRQ, 3, 0xf, 0x5a5a0001, r->msi);
    push_cmds(r, cmds, 3);
    g_assert_cmphex(note_reg(r, "CMDQ_CONS", R_CMDQ_CONS), ==,
                    CERROR_ILL << CONS_ERR_SHIFT | bad);
    g_assert_cmphex(note_reg(r, "GERROR", R_GERROR), ==, 0);
    g_assert_cmphex(note_reg(r, "GERRORN", R_GERRORN), ==, GERROR_CMDQ_ERR);
    g_assert_cmphex(note_msi(r), ==, 0);
    note_irqs(r);
    checkpoint(r);

    note_regs(r, false);
    dma_read(r, IOVA, e->data);
    remap(r, pa2);
    dma_read(r, IOVA, e->data);                 /* the TLBI has not run */
    fix_and_acknowledge(r, bad);
    g_assert_cmphex(note_msi(r), ==, 0x5a5a0001);
    dma_read(r, IOVA, pa2);
    note_irqs(r);
    note_regs(r, false);
}

/*
 * An ATC invalidation that no endpoint acknowledges is consumed, and its
 * failure is owed to the next CMD_SYNC (IHI 0070, 4.5.4), which comes
 * after the checkpoint: it must still end in CERROR_ATC_INV_SYNC
 */
static void script_cmdq_atc_inv(Run *r)
{
    Env *e = &r->e;
    uint64_t c[2];
    uint32_t start;

    env_start(e, "ats=on");
    env_enable(e, sb_strtab_linear(&e->sb, 8), EVTQ_LOG2);
    env_irq_reset(e);
    start = e->drv.cmdq_prod;
    sb_cmd_atc_inv(c, SID, false, 0, 0, 52, true);
    env_cmd_push(e, c);
    g_assert_cmphex(note_reg(r, "CMDQ_CONS", R_CMDQ_CONS), ==, start + 1);
    checkpoint(r);

    sb_cmd_sync(c, SB_SYNC_CS_NONE, 0, 0, 0, 0);
    env_cmd_push(e, c);
    g_assert_cmphex(note_reg(r, "CMDQ_CONS", R_CMDQ_CONS), ==,
                    CERROR_ATC_INV_SYNC << CONS_ERR_SHIFT | (start + 1));
    g_assert_cmphex(env_gerror_active(e), ==, GERROR_CMDQ_ERR);
    /* acknowledged, the CMD_SYNC is retried and completes */
    env_wr(e, R_GERRORN, env_rd(e, R_GERROR));
    g_assert_cmphex(note_reg(r, "CMDQ_CONS", R_CMDQ_CONS) & Q_INDEX_MASK,
                    ==, start + 2);
    g_assert_cmphex(env_gerror_active(e), ==, 0);
    note_regs(r, false);
}

#define BIG_LOG2        12
#define BIG_COMMANDS    3000
#define BIG_TLBI_AT     2000
#define RUN_BUDGET      1024        /* SMMU_PM_RUN_BUDGET */

/* A 2^BIG_LOG2-entry queue of CFGI_STEs, one TLBI and a final CMD_SYNC */
static uint64_t big_queue(Run *r)
{
    const SbTlbiAddr at = { .addr = IOVA };
    g_autofree uint64_t *q = g_new0(uint64_t, 2 * BIG_COMMANDS);
    Env *e = &r->e;
    uint64_t base = sb_alloc(&e->sb, 16u << BIG_LOG2, 16u << BIG_LOG2);

    for (unsigned i = 0; i < BIG_COMMANDS; i++) {
        uint64_t *c = q + 2 * i;

        if (i == BIG_TLBI_AT) {
            sb_cmd_tlbi_nh_va(c, 0, 1, &at);
        } else if (i == BIG_COMMANDS - 1) {
            sb_cmd_sync(c, SB_SYNC_CS_IRQ, 3, 0xf, 0x5a5a0002, r->msi);
        } else {
            sb_cmd_cfgi_ste(c, i & 0xff, true);
        }
        c[0] = cpu_to_le64(c[0]);
        c[1] = cpu_to_le64(c[1]);
    }
    qtest_bufwrite(e->qts, base, q, 16 * BIG_COMMANDS);
    return base;
}

/*
 * One PROD write makes 3000 commands available while the VM is paused:
 * the write's own run consumes SMMU_PM_RUN_BUDGET of them and the rest
 * wait for the bottom half, which runs only while the VM does.  The
 * checkpoint catches them there; the destination (paused too) still
 * holds them, and consumes them once it runs: the TLBI among them takes
 * effect and the final CMD_SYNC's MSI lands.
 */
static void script_cmdq_between_runs(Run *r)
{
    Env *e = &r->e;
    uint64_t q, pa2;

    env_start(e, "msi=on");
    setup_s1(r, EVTQ_LOG2, false);
    pa2 = e->data + PAGE;
    env_fill(e, e->data, 3);
    env_fill(e, pa2, 4);
    q = big_queue(r);
    env_set_cr0(e, CR0_EVENTQEN | CR0_SMMUEN);
    env_wrq(e, R_CMDQ_BASE, sb_queue_base_reg(q, BIG_LOG2, false));
    env_wr(e, R_CMDQ_PROD, 0);
    env_wr(e, R_CMDQ_CONS, 0);
    env_set_cr0(e, CR0_CMDQEN | CR0_EVENTQEN | CR0_SMMUEN);

    vm_pause(r);
    env_wr(e, R_CMDQ_PROD, BIG_COMMANDS);
    g_assert_cmphex(note_reg(r, "CMDQ_CONS", R_CMDQ_CONS), ==, RUN_BUDGET);
    checkpoint(r);

    /* still paused: the rest is still owed, and the TLBI has not run */
    g_assert_cmphex(note_reg(r, "CMDQ_CONS", R_CMDQ_CONS), ==, RUN_BUDGET);
    dma_read(r, IOVA, e->data);
    remap(r, pa2);
    dma_read(r, IOVA, e->data);
    g_assert_cmphex(note_msi(r), ==, 0);
    vm_resume(r);
    for (int i = 0; qtest_readl(e->qts, r->msi) != 0x5a5a0002; i++) {
        g_assert_cmpint(i, <, POLLS);
    }
    g_assert_cmphex(note_reg(r, "CMDQ_CONS", R_CMDQ_CONS), ==, BIG_COMMANDS);
    g_assert_cmphex(env_gerror_active(e), ==, 0);
    dma_read(r, IOVA, pa2);
    note_regs(r, false);
}

/* ---- 2. Events unread, the queue overflowed ------------------------------ */

/* Fault @n: F_TRANSLATION of the first master, C_BAD_STE of the second */
static void event_fault(Run *r, unsigned n)
{
    env_use_master(&r->e, n % 3 == 2);
    dma_fault(r, IOVA_UNMAPPED + n * PAGE, n & 1);
    env_use_master(&r->e, 0);
}

static void expect_event(Run *r, unsigned n)
{
    SbEvent ev;

    pop_event(r, &ev);
    if (n % 3 == 2) {
        g_assert_cmpuint(ev.type, ==, EVT_C_BAD_STE);
        g_assert_cmphex(ev.sid, ==, SID2);
    } else {
        g_assert_cmpuint(ev.type, ==, EVT_F_TRANSLATION);
        g_assert_cmphex(ev.sid, ==, SID);
        g_assert_cmphex(ev.input_addr, ==, IOVA_UNMAPPED + n * PAGE);
        g_assert_cmpint(ev.rnw, ==, !(n & 1));
    }
}

/*
 * A 4-entry event queue: six faults record four events and lose two
 * (OVFLG toggles), none read at the checkpoint.  On the destination a
 * seventh is lost as well (still full), the guest reads the four records
 * and acknowledges the overflow, and the next fault is recorded.
 */
static void script_events(Run *r)
{
    Env *e = &r->e;

    env_start(e, "");
    setup_s1(r, 2, false);
    set_irq_ctrl(r, IRQ_CTRL_EVENTQ | IRQ_CTRL_GERROR);
    for (unsigned n = 0; n < 6; n++) {
        event_fault(r, n);
    }
    /* four records: index 0 with the wrap bit, overflowed */
    g_assert_cmphex(note_reg(r, "EVENTQ_PROD", R_EVENTQ_PROD), ==,
                    Q_OVFLG | 4);
    g_assert_cmphex(note_reg(r, "EVENTQ_CONS", R_EVENTQ_CONS), ==, 0);
    note_irqs(r);
    checkpoint(r);

    note_regs(r, false);
    event_fault(r, 6);
    g_assert_cmphex(note_reg(r, "EVENTQ_PROD", R_EVENTQ_PROD), ==,
                    Q_OVFLG | 4);
    for (unsigned n = 0; n < 4; n++) {
        expect_event(r, n);
    }
    env_expect_no_event(e);
    g_assert_cmphex(note_reg(r, "EVENTQ_CONS", R_EVENTQ_CONS), ==,
                    Q_OVFLG | 4);
    event_fault(r, 7);
    g_assert_cmphex(note_reg(r, "EVENTQ_PROD", R_EVENTQ_PROD), ==,
                    Q_OVFLG | 5);
    expect_event(r, 7);
    note_irqs(r);
    note_regs(r, false);
}

/* ---- 3. Stalled transactions --------------------------------------------- */

/* Start a 64-byte access at @iova that the SMMU must hold */
static void start_held(Run *r, uint64_t iova, bool write)
{
    uint8_t buf[DMA_LEN];

    memset(buf, 0x5a, sizeof(buf));
    g_assert_cmpint(write ? dmam_write(r->e.dm, iova, buf, sizeof(buf),
                                       DMAM_NO_PASID, 0)
                          : dmam_read(r->e.dm, iova, buf, sizeof(buf),
                                      DMAM_NO_PASID, 0),
                    ==, DMAM_STATUS_STALLED);
}

/* Its event: Stall = 1; returns the STAG */
static uint16_t stall_event(Run *r, uint64_t iova, bool write)
{
    SbEvent ev;

    pop_event(r, &ev);
    g_assert_cmpuint(ev.type, ==, EVT_F_TRANSLATION);
    g_assert_true(ev.stall);
    g_assert_cmphex(ev.input_addr, ==, iova);
    g_assert_cmpint(ev.rnw, ==, !write);
    return ev.stag;
}

static void resume(Run *r, uint16_t stag, bool retry, bool abort)
{
    uint64_t c[2];

    sb_cmd_resume(c, SID, stag, retry, abort);
    env_cmd(&r->e, c);
}

/*
 * Three transactions held across a checkpoint, answered on the
 * destination with CMD_RESUME: retry after mapping the page (the read
 * completes with the data; its event is still unread at the
 * checkpoint), abort (the write fails with a decode error), and
 * terminate as RAZ/WI given while the VM is paused, so that the answer
 * itself is still on its way to the master at the checkpoint.
 */
static void script_stall(Run *r)
{
    Env *e = &r->e;
    uint64_t page = IOVA_UNMAPPED;
    uint8_t got[DMA_LEN], want[DMA_LEN];
    uint16_t stag;

    env_start_masters(e, "stall-model=stall", "dma-can-stall=on");
    setup_s1(r, EVTQ_LOG2, true);
    env_fill(e, e->data + 0x40, 5);

    start_held(r, page + 0x40, false);
    note_master(r);
    checkpoint(r);
    note_master(r);
    stag = stall_event(r, page + 0x40, false);
    g_assert_true(sb_pgt_map(r->s.pt, page, e->data, PAGE, &env_pte_rw));
    resume(r, stag, true, false);
    g_assert_cmpint(dmam_wait(e->dm), ==, DMAM_STATUS_DONE);
    note_master(r);
    dmam_buf_read(e->dm, got, sizeof(got));
    qtest_memread(e->qts, e->data + 0x40, want, sizeof(want));
    g_assert_cmpmem(got, sizeof(got), want, sizeof(want));

    start_held(r, page + PAGE, true);
    stag = stall_event(r, page + PAGE, true);
    checkpoint(r);
    resume(r, stag, false, true);
    g_assert_cmpint(dmam_wait(e->dm), ==, DMAM_STATUS_FAULTED);
    g_assert_cmphex(dmam_result(e->dm), ==, MEMTX_DECODE_ERROR);
    note_master(r);

    start_held(r, page + 2 * PAGE, false);
    stag = stall_event(r, page + 2 * PAGE, false);
    vm_pause(r);
    resume(r, stag, false, false);
    g_assert_cmpint(dmam_readl(e->dm, DMAM_STATUS), ==, DMAM_STATUS_STALLED);
    checkpoint(r);
    g_assert_cmpint(dmam_readl(e->dm, DMAM_STATUS), ==, DMAM_STATUS_STALLED);
    vm_resume(r);
    g_assert_cmpint(dmam_wait(e->dm), ==, DMAM_STATUS_DONE);
    note_master(r);
    memset(want, 0, sizeof(want));
    dmam_buf_read(e->dm, got, sizeof(got));
    g_assert_cmpmem(got, sizeof(got), want, sizeof(want));
    env_expect_no_event(e);
    note_regs(r, false);
}

/* ---- 4. Page Requests ---------------------------------------------------- */

static void page_request(Run *r, uint64_t addr, uint32_t pasid,
                         uint32_t prgi, uint32_t flags)
{
    dmam_page_request(r->e.dm, addr, pasid, 0, prgi | flags);
}

/* PRI queue entry @n, both doublewords written down; returns dw[1] */
static uint64_t read_priq(Run *r, unsigned n, uint64_t *dw0)
{
    uint64_t dw[2];

    qtest_memread(r->e.qts, r->priq + 16 * n, dw, sizeof(dw));
    note_bytes(r, "priq", dw, sizeof(dw));
    *dw0 = le64_to_cpu(dw[0]);
    return le64_to_cpu(dw[1]);
}

static void pri_respond(Run *r, bool ssv, uint32_t ssid, uint16_t prgi,
                        unsigned resp)
{
    uint64_t c[2];

    sb_cmd_pri_resp(c, SID, ssv, ssid, prgi, resp);
    env_cmd(&r->e, c);
}

/* The report holds one violation: off-with-prg-unanswered, with @detail */
static void expect_prg_unanswered(Run *r, const char *detail)
{
    QDict *rep = report(r);
    QDict *rule = pm_report_rule(rep, "off-with-prg-unanswered");

    g_assert_cmpuint(qdict_get_int(rule, "count"), ==, 1);
    g_assert_cmpstr(qdict_get_str(qdict_get_qdict(rule, "first"), "detail"),
                    ==, detail);
    g_assert_cmpuint(pm_report_total(rep), ==, 1);
    qobject_unref(rep);
}

/*
 * Group 1 (PASID 0x33, Last) read by the driver and group 2 (two
 * requests) unread at the first checkpoint; the destination reads group
 * 2 and denies group 1; group 2 is still unanswered at the second
 * checkpoint, and a power-off then leaves it owed: the checker names it
 * (off-with-prg-unanswered), which needs its record of the owed groups
 * from before both migrations.
 */
static void script_pri(Run *r)
{
    Env *e = &r->e;
    uint64_t dw0, dw1;

    env_start(e, "ats=on,pri=on");
    env_enable(e, sb_strtab_linear(&e->sb, 8), EVTQ_LOG2);
    env_irq_reset(e);
    r->priq = sb_queue_alloc(&e->sb, PRIQ_LOG2, 16);
    env_wrq(e, R_PRIQ_BASE, sb_queue_base_reg(r->priq, PRIQ_LOG2, false));
    env_set_cr0(e, CR0_CMDQEN | CR0_EVENTQEN | CR0_PRIQEN | CR0_SMMUEN);
    set_irq_ctrl(r, IRQ_CTRL_PRIQ);

    page_request(r, 0x4567089, 0x33, 1, PRI_REQ_READ | PRI_REQ_LAST);
    dw1 = read_priq(r, 0, &dw0);
    g_assert_cmphex(dw0, ==, SID | 0x33ULL << 32 | 1ULL << 60 | 1ULL << 62 |
                    1ULL << 63);
    g_assert_cmphex(dw1, ==, 0x4567000ULL | 1);
    env_wr(e, R_PRIQ_CONS, 1);
    page_request(r, 0x5000, DMAM_NO_PASID, 2, PRI_REQ_READ);
    page_request(r, 0x6000, DMAM_NO_PASID, 2, PRI_REQ_WRITE | PRI_REQ_LAST);
    g_assert_cmphex(note_reg(r, "PRIQ_PROD", R_PRIQ_PROD), ==, 3);
    note_irqs(r);
    checkpoint(r);

    note_regs(r, true);
    dw1 = read_priq(r, 1, &dw0);
    g_assert_cmphex(dw0, ==, SID | 1ULL << 60);
    g_assert_cmphex(dw1, ==, 0x5000ULL | 2);
    dw1 = read_priq(r, 2, &dw0);
    g_assert_cmphex(dw0, ==, SID | 1ULL << 61 | 1ULL << 62);
    g_assert_cmphex(dw1, ==, 0x6000ULL | 2);
    env_wr(e, R_PRIQ_CONS, 3);
    pri_respond(r, true, 0x33, 1, 0);                   /* Deny */
    g_assert_cmphex(dmam_readl(e->dm, DMAM_PRI_RESP), ==,
                    PRI_RESP_VALID | PRI_RESP_PASID | 1 << 16 | 0x1);
    note_master(r);
    checkpoint(r);

    smmu_drv_suspend(&e->drv);
    qtest_set_irq_in(e->qts, SMMU_PATH, "power", 0, 0);
    expect_prg_unanswered(r, "1 group(s) read and not answered, first "
                          "StreamID 0x18 PRGI 0x2");
    g_assert_cmphex(dmam_readl(e->dm, DMAM_PRI_RESP) >> 16 & 0x1ff, ==, 1);
}

/* ---- 5 and 6. Power ------------------------------------------------------ */

static uint32_t ppu_rd(Run *r, uint32_t off)
{
    return qtest_readl(r->e.qts, r->ppu + PD_SMMU * PPU_BLOCK + off);
}

/* Linux's sun55i-pck600: the policy in PWPR, read back */
static void ppu_request(Run *r, bool on)
{
    uint64_t pwpr = r->ppu + PD_SMMU * PPU_BLOCK + PPU_PWPR;

    qtest_writel(r->e.qts, pwpr, (qtest_readl(r->e.qts, pwpr) & ~0xfu) |
                 (on ? PPU_ON : PPU_OFF));
    note(r, "ppu.PWPR=0x%x", qtest_readl(r->e.qts, pwpr));
}

static uint32_t note_pwsr(Run *r)
{
    uint32_t v = ppu_rd(r, PPU_PWSR);

    note(r, "ppu.PWSR=0x%x", v);
    return v;
}

/* The SMMU in PPU domain 7 (@props added), translating for the master */
static void start_in_ppu(Run *r, const char *props)
{
    g_autofree char *all = g_strdup_printf("power-controller=ppu0,"
                                           "power-domain=%d%s", PD_SMMU,
                                           props);
    g_autofree void *fdt = NULL;
    int node;

    env_start_with(&r->e, PPU_DEVICE, all);
    fdt = smmu_dt_fetch(r->e.qts);
    node = fdt_node_offset_by_compatible(fdt, -1, PPU_COMPATIBLE);
    g_assert_cmpint(node, >=, 0);
    r->ppu = smmu_dt_reg_address(fdt, node, 0, NULL);
    setup_s1(r, EVTQ_LOG2, false);
    env_fill(&r->e, r->e.data, 6);
    dma_read(r, IOVA, r->e.data);
}

/* After a power-up without retention: the reset values, no translation */
static void expect_reset_state(Run *r)
{
    note_regs(r, false);
    g_assert_cmphex(env_rd(&r->e, R_CR0), ==, 0);
    g_assert_cmphex(env_rd(&r->e, R_STRTAB_BASE), ==, 0);
    g_assert_cmphex(env_rd(&r->e, R_CMDQ_BASE), ==, 0);
    g_assert_cmphex(env_rd(&r->e, R_CMDQ_PROD), ==, 0);
    g_assert_cmphex(env_rd(&r->e, R_EVENTQ_BASE), ==, 0);
}

/*
 * The driver suspends, genpd switches the domain off and the driver
 * then reads a register anyway (access-while-off); migrated while off,
 * a master's DMA fails on the destination (dma-while-off), the domain
 * comes back, the SMMU is at its reset values and the driver's resume
 * makes DMA translate again.
 */
static void script_domain_off(Run *r)
{
    start_in_ppu(r, "");
    smmu_drv_suspend(&r->e.drv);
    ppu_request(r, false);
    step(r, PPU_LATENCY);
    g_assert_cmphex(note_pwsr(r), ==, PPU_OFF);
    g_assert_cmpstr(power_state(r), ==, "off");
    g_assert_cmphex(note_reg(r, "IDR0", R_IDR0), ==, 0);
    checkpoint(r);

    note_power(r);
    g_assert_cmpstr(power_state(r), ==, "off");
    dma_fault(r, IOVA, false);
    ppu_request(r, true);
    step(r, PPU_LATENCY);
    g_assert_cmphex(note_pwsr(r), ==, PPU_ON);
    g_assert_cmpstr(power_state(r), ==, "on");
    expect_reset_state(r);
    smmu_drv_resume(&r->e.drv);
    env_fill(&r->e, r->e.data, 7);
    dma_read(r, IOVA, r->e.data);
    note_regs(r, false);
}

/*
 * Two transitions caught half-way.  The PPU's: PWPR asks for OFF, PWSR
 * and the domain output follow PPU_LATENCY later; migrated 20 us in, the
 * SMMU must go off exactly at 50 us.  The SMMU's own power-up latency:
 * the domain is on again and the SMMU follows SMMU_ON_LATENCY later;
 * migrated 10 us in, it must come on exactly at 30 us, at its reset
 * values.
 */
static void script_in_flight(Run *r)
{
    start_in_ppu(r, ",power-on-latency-ns=30000");
    smmu_drv_suspend(&r->e.drv);
    ppu_request(r, false);
    step(r, 20000);
    g_assert_cmphex(note_pwsr(r), ==, PPU_ON);
    checkpoint(r);

    note_power(r);
    step(r, PPU_LATENCY - 20000 - 1);
    g_assert_cmphex(note_pwsr(r), ==, PPU_ON);
    g_assert_cmpstr(power_state(r), ==, "on");
    step(r, 1);
    g_assert_cmphex(note_pwsr(r), ==, PPU_OFF);
    g_assert_cmpstr(power_state(r), ==, "off");

    ppu_request(r, true);
    step(r, PPU_LATENCY);
    g_assert_cmphex(note_pwsr(r), ==, PPU_ON);
    step(r, 10000);
    note_power(r);
    g_assert_cmpstr(power_state(r), ==, "off");
    checkpoint(r);

    note_power(r);
    step(r, SMMU_ON_LATENCY - 10000 - 1);
    g_assert_cmpstr(power_state(r), ==, "off");
    step(r, 1);
    g_assert_cmpstr(power_state(r), ==, "on");
    note_power(r);
    expect_reset_state(r);
    smmu_drv_resume(&r->e.drv);
    dma_read(r, IOVA, r->e.data);
}

int main(int argc, char **argv)
{
    static const struct {
        const char *name;
        Script *script;
    } cases[] = {
        { "cmdq/stopped-on-error", script_cmdq_error },
        { "cmdq/atc-inv-before-sync", script_cmdq_atc_inv },
        { "cmdq/between-runs", script_cmdq_between_runs },
        { "events/unread-overflowed", script_events },
        { "stall/held", script_stall },
        { "pri/unread-and-unanswered", script_pri },
        { "power/domain-off", script_domain_off },
        { "power/in-flight", script_in_flight },
    };

    g_test_init(&argc, &argv, NULL);
    for (int i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autofree char *path = g_strdup_printf("/smmuv3-pm/migration/%s",
                                                cases[i].name);

        qtest_add_data_func(path, cases[i].script, test_script);
    }
    return g_test_run();
}
