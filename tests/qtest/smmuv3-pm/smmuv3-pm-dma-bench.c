/*
 * DMA translation benchmark: transfers per second through QEMU's IOMMUs
 *
 * The same burst of smmu-dma-master DMA writes (one doorbell, one
 * transfer per 4 KiB page) through four machines, each started by this
 * program with libqtest:
 *
 *   arm-smmuv3-pm               -device arm-smmuv3-pm (generic: timing off)
 *   arm-smmuv3-pm,model=mmu600  the MMU-600 preset
 *   arm-smmuv3                  QEMU's own SMMUv3, -M virt,iommu=smmuv3
 *   no IOMMU                    the master's DMA straight to RAM
 *
 * Behind an SMMU: stage 1, 4K granule, 48-bit VA (a 4-level walk), the
 * page tables, CD and stream table built here and the SMMU brought up by
 * the Linux driver's sequence (tests/common), the same IOVAs for both
 * SMMUs, with no RAM at those addresses (a bypassing SMMU faults) and
 * every IOVA page on a scattered physical page.  Without an IOMMU the
 * burst writes those physical pages directly.  Working sets: 16 pages,
 * which every TLB holds, and 4096, which none does (arm-smmuv3-pm: 1024
 * entries; arm-smmuv3: 256, flushed when full).  Only QEMU's address
 * translation differs between the machines: the vCPU does not run, and
 * one MMIO write runs 65536 transfers, so the qtest protocol's round trip
 * (printed) is a fraction of a percent of a burst.
 *
 * The cost of a burst is the CPU time of QEMU's main thread, which runs
 * the MMIO write and so every transfer (from /proc/PID/schedstat): on a
 * shared host the elapsed time (printed too) also counts the moments
 * another process had the CPU.  The machines run side by side and take
 * turns, a burst each, so that a busy moment slows them all alike; each
 * round starts them afresh.
 *
 * It prints figures and asserts nothing about speed; but every burst must
 * complete every transfer, and after the first burst of each workload
 * every transfer's bytes must be in guest memory at the page its IOVA
 * maps to, and nothing next to them: otherwise it exits 1.
 *
 *   QTEST_QEMU_BINARY=build/qemu-build/qemu-system-aarch64 \
 *     build/qemu-build/tests/qtest/smmuv3-pm/smmuv3-pm-dma-bench \
 *     [--rounds N] [--count N] [--min-ms N] [--configs pm,mmu600,...]
 *     [--workloads 1,2,3,4]
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "smmu-env.h"
#include "qtest-util.h"

#define PAGE                0x1000ull
#define MAX_PAGES           4096
#define IOVA_BASE           0x0000123400000000ull  /* no RAM: no bypass */
#define OFFSET              0x80        /* of each transfer in its page */
#define CHECK_TAIL          16          /* zero bytes after each transfer */
#define PERM_MUL            1657        /* odd: a permutation mod 2^n */
#define SMMU_QOM_PATH       "/machine/peripheral/smmu0"

#define MACHINE "-machine virt,gic-version=3%s -cpu max -net none -m 512M "
#define MASTERS "-device smmu-dma-master,addr=0x3 " \
                "-device smmu-dma-master,addr=0x4"

typedef struct Config {
    const char *key;            /* for --configs */
    const char *name;
    const char *machine_opts;   /* appended to -machine virt,... */
    const char *devices;
    bool smmu;                  /* stage 1 set up, IOVAs translated */
    bool stats;                 /* arm-smmuv3-pm: its "stats" counters */
} Config;

enum { CFG_PM, CFG_MMU600, CFG_UPSTREAM, CFG_NONE, NUM_CONFIGS };

static const Config configs[NUM_CONFIGS] = {
    [CFG_PM] = {
        "pm", "arm-smmuv3-pm (timing off)", "",
        "-device arm-smmuv3-pm,id=smmu0,primary-bus=pcie.0", true, true,
    },
    [CFG_MMU600] = {
        "mmu600", "arm-smmuv3-pm,model=mmu600", "",
        "-device arm-smmuv3-pm,id=smmu0,primary-bus=pcie.0,model=mmu600",
        true, true,
    },
    [CFG_UPSTREAM] = {
        "upstream", "arm-smmuv3 (iommu=smmuv3)", ",iommu=smmuv3", "", true,
        false,
    },
    [CFG_NONE] = { "none", "no IOMMU", "", "", false, false },
};

typedef struct Workload {
    uint32_t len;
    uint32_t pages;
    const char *what;
} Workload;

static const Workload workloads[] = {
    { 64, 16, "16 pages (every TLB holds them)" },
    { 64, MAX_PAGES, "4096 pages (no TLB holds them)" },
    { 4, 16, "16 pages (every TLB holds them)" },
    { 4, MAX_PAGES, "4096 pages (no TLB holds them)" },
};
#define NUM_WORKLOADS ARRAY_SIZE(workloads)

/*
 * ns per transfer of every timed burst, and the TLB's lookups.  @cpu_ns
 * is the time QEMU's main thread, which runs the doorbell's MMIO write
 * and so the whole burst, spent on a CPU: what the burst costs whatever
 * else the host runs.  @wall_ns is the time the program waited for it.
 */
typedef struct Result {
    GArray *cpu_ns;             /* double */
    GArray *wall_ns;
    uint64_t tlb_hits, tlb_misses;
} Result;

/* One of the machines of a round */
typedef struct Machine {
    bool running;
    const Config *cfg;
    Env e;
    uint64_t region;            /* the MAX_PAGES physical pages */
    char *schedstat;            /* /proc/<QEMU's pid>/schedstat */
    uint64_t tlb_hits, tlb_misses;  /* before the timed bursts */
} Machine;

typedef struct Bench {
    unsigned rounds;
    uint32_t count;             /* transfers per burst */
    unsigned min_ms;            /* timed per workload and round, at least */
    bool run[NUM_CONFIGS];      /* --configs */
    bool run_w[NUM_WORKLOADS];  /* --workloads */
    Result res[NUM_CONFIGS][NUM_WORKLOADS];
    GArray *round_trip_ns;      /* a 1-transfer burst: the protocol's cost */
    Machine m[NUM_CONFIGS];
} Bench;

static Bench bench;

/* A sanity failure: the figures would be of a broken path */
static void G_GNUC_PRINTF(1, 2) bench_fail(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    fprintf(stderr, "bench-dma: FAIL: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    for (int c = 0; c < NUM_CONFIGS; c++) {
        if (bench.m[c].running) {
            env_stop(&bench.m[c].e);
        }
    }
    exit(1);
}

/* Where IOVA page @i lives: scattered, as an allocator would leave it */
static uint64_t page_pa(uint64_t region, uint32_t i)
{
    return region + ((uint64_t)i * PERM_MUL % MAX_PAGES) * PAGE;
}

static void pattern(uint8_t *buf, size_t len, uint8_t seed)
{
    for (size_t i = 0; i < len; i++) {
        buf[i] = seed + i * 29;
    }
}

/* Stage 1 for the first master: IOVA page i at page_pa(i) */
static void setup_stage1(Env *e, uint64_t region)
{
    EnvS1 s;

    env_s1_setup(e, &s, 12, 0, 0);
    for (uint32_t i = 0; i < MAX_PAGES; i++) {
        if (!sb_pgt_map(s.pt, IOVA_BASE + i * PAGE, page_pa(region, i), PAGE,
                        &env_pte_rw)) {
            bench_fail("cannot map IOVA page %u", i);
        }
    }
    sb_cd_write(&e->sb, &s.cdtab, 0, &s.cd);
    env_enable(e, sb_strtab_linear(&e->sb, 8), EVTQ_LOG2);
    sb_ste_write(&e->sb, &e->st, SID, &s.ste);
    env_cfgi_ste(e, SID);
}

static void tlb_counts(Env *e, uint64_t *hits, uint64_t *misses)
{
    QDict *st = qom_get_dict(e->qts, SMMU_QOM_PATH, "stats");

    *hits = qdict_get_int(st, "tlb_hits");
    *misses = qdict_get_int(st, "tlb_misses");
    qobject_unref(st);
}

/*
 * The time QEMU's main thread has run, in ns (the first field of the
 * thread group leader's schedstat: QEMU's main loop thread, which handles
 * qtest and so the MMIO writes)
 */
static uint64_t qemu_cpu_ns(Machine *m)
{
    g_autofree char *text = NULL;

    if (!g_file_get_contents(m->schedstat, &text, NULL, NULL)) {
        bench_fail("cannot read %s", m->schedstat);
    }
    return g_ascii_strtoull(text, NULL, 10);
}

/*
 * One burst, which must complete every transfer: its cost per transfer
 * in QEMU's CPU time (*@cpu_ns) and in wall time (*@wall_ns)
 */
static void burst_once(Machine *m, uint32_t count, double *cpu_ns,
                       double *wall_ns)
{
    DmaMaster *dm = m->e.dm;
    uint64_t c0 = qemu_cpu_ns(m);
    int64_t t0 = g_get_monotonic_time();
    int status = dmam_burst_go(dm);
    int64_t t1 = g_get_monotonic_time();
    uint64_t c1 = qemu_cpu_ns(m);
    uint32_t done = dmam_burst_done(dm);

    if (status != DMAM_STATUS_DONE || done != count) {
        bench_fail("%s: burst STATUS %d, %u of %u transfers done, RESULT "
                   "0x%x, fault at 0x%" PRIx64, m->cfg->name, status, done,
                   count, dmam_result(dm), dmam_burst_fault_addr(dm));
    }
    *cpu_ns = (double)(c1 - c0) / count;
    *wall_ns = (t1 - t0) * 1000.0 / count;
}

/*
 * After the first burst: every page of the working set holds the
 * transfer's bytes at OFFSET and zeros after them
 */
static void check_landed(Machine *m, const Workload *w, uint8_t seed)
{
    const Config *cfg = m->cfg;
    uint32_t pages = MIN(w->pages, bench.count);
    uint32_t n = w->len + CHECK_TAIL;
    g_autofree uint8_t *want = g_malloc0(n);
    g_autofree uint8_t *got = g_malloc(n);

    pattern(want, w->len, seed);
    for (uint32_t i = 0; i < pages; i++) {
        uint64_t pa = cfg->smmu ? page_pa(m->region, i)
                                : m->region + i * PAGE;

        qtest_memread(m->e.qts, pa + OFFSET, got, n);
        if (memcmp(got, want, n)) {
            bench_fail("%s: %u-byte transfer %u did not land at PA 0x%"
                       PRIx64 " (read %02x %02x %02x %02x, want %02x %02x "
                       "%02x %02x)", cfg->name, w->len, i, pa + OFFSET,
                       got[0], got[1], got[2], got[3], want[0], want[1],
                       want[2], want[3]);
        }
    }
}

/*
 * Make @m ready for workload @w: its data pattern in the master's buffer,
 * the burst programmed, one burst run (which warms the TLB) and its data
 * checked; its TLB counters taken
 */
static void workload_prepare(Machine *m, const Workload *w, uint8_t seed)
{
    g_autofree uint8_t *buf = g_malloc(w->len);
    DmamBurst b = {
        .iova = (m->cfg->smmu ? IOVA_BASE : m->region) + OFFSET,
        .len = w->len, .count = bench.count, .stride = PAGE,
        .window = w->pages * PAGE, .pasid = DMAM_NO_PASID, .write = true,
    };
    double cpu, wall;

    qtest_memset(m->e.qts, m->region, 0, MAX_PAGES * PAGE);
    pattern(buf, w->len, seed);
    dmam_buf_write(m->e.dm, buf, w->len);
    dmam_burst_setup(m->e.dm, &b);
    burst_once(m, b.count, &cpu, &wall);
    check_landed(m, w, seed);
    if (m->cfg->stats) {
        tlb_counts(&m->e, &m->tlb_hits, &m->tlb_misses);
    }
}

/*
 * Workload @w on every machine, their bursts interleaved (one each in
 * turn), so that whatever else the host runs meanwhile slows them alike
 */
static void run_workload(unsigned w)
{
    const Workload *wl = &workloads[w];
    unsigned machines = 0, n = 0;
    int64_t start;

    for (int c = 0; c < NUM_CONFIGS; c++) {
        if (bench.m[c].running) {
            workload_prepare(&bench.m[c], wl, 0x11 * (w + 1));
            machines++;
        }
    }
    start = g_get_monotonic_time();
    do {
        for (int c = 0; c < NUM_CONFIGS; c++) {
            Result *r = &bench.res[c][w];
            double cpu, wall;

            if (bench.m[c].running) {
                burst_once(&bench.m[c], bench.count, &cpu, &wall);
                g_array_append_val(r->cpu_ns, cpu);
                g_array_append_val(r->wall_ns, wall);
            }
        }
        n++;
    } while (n < 3 || g_get_monotonic_time() - start <
                      (int64_t)bench.min_ms * 1000 * machines);
    for (int c = 0; c < NUM_CONFIGS; c++) {
        Machine *m = &bench.m[c];
        uint64_t hits, misses;

        if (m->running && m->cfg->stats) {
            tlb_counts(&m->e, &hits, &misses);
            bench.res[c][w].tlb_hits += hits - m->tlb_hits;
            bench.res[c][w].tlb_misses += misses - m->tlb_misses;
        }
    }
}

/* The doorbell and STATUS round trips alone: a 1-transfer burst */
static void measure_round_trip(Machine *m)
{
    DmamBurst b = {
        .iova = m->cfg->smmu ? IOVA_BASE : m->region, .len = 4, .count = 1,
        .pasid = DMAM_NO_PASID, .write = true,
    };

    dmam_burst_setup(m->e.dm, &b);
    for (int i = 0; i < 50; i++) {
        double cpu, wall;

        burst_once(m, 1, &cpu, &wall);
        g_array_append_val(bench.round_trip_ns, wall);
    }
}

static void machine_start(Machine *m, int c)
{
    g_autofree char *args = NULL;

    m->cfg = &configs[c];
    args = g_strdup_printf(MACHINE "%s " MASTERS, m->cfg->machine_opts,
                           m->cfg->devices);
    env_start_args(&m->e, args, m->cfg->smmu);
    m->running = true;
    m->schedstat = g_strdup_printf("/proc/%d/schedstat",
                                   (int)qtest_pid(m->e.qts));
    m->region = sb_alloc(&m->e.sb, MAX_PAGES * PAGE, 2 * 1024 * 1024);
    if (m->cfg->smmu) {
        setup_stage1(&m->e, m->region);
    }
    measure_round_trip(m);
}

static void machine_stop(Machine *m)
{
    /* a fault would have stopped a burst; still, none may be queued */
    if (m->cfg->smmu && env_event_pending(&m->e)) {
        bench_fail("%s: the SMMU recorded an event", m->cfg->name);
    }
    m->running = false;
    env_stop(&m->e);
    g_free(m->schedstat);
}

/* One round: every machine started afresh, every workload on them all */
static void run_round(void)
{
    for (int c = 0; c < NUM_CONFIGS; c++) {
        if (bench.run[c]) {
            machine_start(&bench.m[c], c);
        }
    }
    for (unsigned w = 0; w < NUM_WORKLOADS; w++) {
        if (bench.run_w[w]) {
            run_workload(w);
        }
    }
    for (int c = 0; c < NUM_CONFIGS; c++) {
        if (bench.m[c].running) {
            machine_stop(&bench.m[c]);
        }
    }
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return x < y ? -1 : x > y;
}

static double median(GArray *a)
{
    g_array_sort(a, cmp_double);
    return g_array_index(a, double, a->len / 2);
}

/* The median cost of configuration @c, or 0 if it did not run */
static double ratio_base(int c, unsigned w)
{
    return bench.run[c] ? median(bench.res[c][w].cpu_ns) : 0;
}

/* Throughput relative to a base of @base_ns (ns per transfer) */
static char *ratio(double base_ns, double ns)
{
    return base_ns ? g_strdup_printf("%.2fx", base_ns / ns) : g_strdup("-");
}

static void print_workload(unsigned w)
{
    const Workload *wl = &workloads[w];
    double up = ratio_base(CFG_UPSTREAM, w);
    double none = ratio_base(CFG_NONE, w);

    printf("\n%u-byte writes, one per page, %s\n", wl->len, wl->what);
    printf("  %-28s %12s %11s %13s %11s %11s %9s %9s\n", "configuration",
           "transfers/s", "ns/transfer", "vs arm-smmuv3", "vs no IOMMU",
           "ns min-max", "wall ns", "TLB hits");
    for (int c = 0; c < NUM_CONFIGS; c++) {
        Result *r = &bench.res[c][w];
        double ns;

        if (!bench.run[c]) {
            continue;
        }
        ns = median(r->cpu_ns);
        uint64_t lookups = r->tlb_hits + r->tlb_misses;
        g_autofree char *vs_up = ratio(up, ns);
        g_autofree char *vs_none = ratio(none, ns);
        g_autofree char *range = g_strdup_printf("%.0f-%.0f",
            g_array_index(r->cpu_ns, double, 0),
            g_array_index(r->cpu_ns, double, r->cpu_ns->len - 1));
        g_autofree char *hits = lookups ?
            g_strdup_printf("%.1f %%", 100.0 * r->tlb_hits / lookups) :
            g_strdup("-");

        printf("  %-28s %10.2f M %11.1f %13s %11s %11s %9.1f %9s\n",
               configs[c].name, 1e3 / ns, ns, vs_up, vs_none, range,
               median(r->wall_ns), hits);
    }
}

/* libqtest's "starting QEMU" lines (g_test_message): not for a table */
static void drop_print(const gchar *string)
{
}

static void usage(void)
{
    fprintf(stderr, "usage: smmuv3-pm-dma-bench [--rounds N] [--count N] "
            "[--min-ms N] [--configs pm,mmu600,upstream,none] "
            "[--workloads 1,2,3,4]\n");
    exit(2);
}

/* --configs: a comma-separated list of keys */
static bool parse_configs(const char *list)
{
    g_auto(GStrv) keys = g_strsplit(list, ",", -1);

    memset(bench.run, 0, sizeof(bench.run));
    for (int i = 0; keys[i]; i++) {
        int c;

        for (c = 0; c < NUM_CONFIGS; c++) {
            if (!strcmp(keys[i], configs[c].key)) {
                bench.run[c] = true;
                break;
            }
        }
        if (c == NUM_CONFIGS) {
            return false;
        }
    }
    return keys[0] != NULL;
}

/* --workloads: a comma-separated list of their numbers, from 1 */
static bool parse_workloads(const char *list)
{
    g_auto(GStrv) nums = g_strsplit(list, ",", -1);

    memset(bench.run_w, 0, sizeof(bench.run_w));
    for (int i = 0; nums[i]; i++) {
        unsigned long w = strtoul(nums[i], NULL, 10);

        if (w < 1 || w > NUM_WORKLOADS) {
            return false;
        }
        bench.run_w[w - 1] = true;
    }
    return nums[0] != NULL;
}

static void parse_args(int argc, char **argv)
{
    bench.rounds = 3;
    bench.count = DMAM_BURST_MAX;
    bench.min_ms = 300;
    for (int c = 0; c < NUM_CONFIGS; c++) {
        bench.run[c] = true;
    }
    for (unsigned w = 0; w < NUM_WORKLOADS; w++) {
        bench.run_w[w] = true;
    }
    for (int i = 1; i < argc; i++) {
        unsigned long v;

        if (i + 1 == argc) {
            usage();
        }
        v = strtoul(argv[i + 1], NULL, 0);
        if (!strcmp(argv[i], "--rounds") && v >= 1) {
            bench.rounds = v;
        } else if (!strcmp(argv[i], "--count") && v >= 1 &&
                   v <= DMAM_BURST_MAX) {
            bench.count = v;
        } else if (!strcmp(argv[i], "--min-ms")) {
            bench.min_ms = v;
        } else if (!strcmp(argv[i], "--configs") &&
                   parse_configs(argv[i + 1])) {
            /* bench.run is set */
        } else if (!strcmp(argv[i], "--workloads") &&
                   parse_workloads(argv[i + 1])) {
            /* bench.run_w is set */
        } else {
            usage();
        }
        i++;
    }
}

int main(int argc, char **argv)
{
    g_autofree char *loadavg = NULL;
    double fastest;

    parse_args(argc, argv);
    g_set_print_handler(drop_print);
    if (!g_getenv("QTEST_QEMU_BINARY")) {
        fprintf(stderr, "bench-dma: set QTEST_QEMU_BINARY to a "
                "qemu-system-aarch64 built with arm-smmuv3-pm\n");
        return 2;
    }
    g_file_get_contents("/proc/loadavg", &loadavg, NULL, NULL);
    if (loadavg) {
        /* the 1, 5 and 15 minute figures */
        char *end = loadavg;

        for (int i = 0; i < 3 && end; i++) {
            end = strchr(end + 1, ' ');
        }
        if (end) {
            *end = '\0';
        }
    }
    bench.round_trip_ns = g_array_new(false, false, sizeof(double));
    for (int c = 0; c < NUM_CONFIGS; c++) {
        for (unsigned w = 0; w < NUM_WORKLOADS; w++) {
            bench.res[c][w].cpu_ns = g_array_new(false, false,
                                                 sizeof(double));
            bench.res[c][w].wall_ns = g_array_new(false, false,
                                                  sizeof(double));
        }
    }
    for (unsigned round = 0; round < bench.rounds; round++) {
        run_round();
    }

    fastest = G_MAXDOUBLE;
    for (int c = 0; c < NUM_CONFIGS; c++) {
        for (unsigned w = 0; w < NUM_WORKLOADS; w++) {
            if (bench.run[c] && bench.run_w[w]) {
                fastest = MIN(fastest, median(bench.res[c][w].wall_ns));
            }
        }
    }
    printf("DMA burst benchmark: smmu-dma-master writes, %u per doorbell, "
           "one per 4 KiB page\n", bench.count);
    printf("  SMMUs: stage 1, 4K granule, 48-bit VA (4-level walk), the same "
           "IOVAs; no IOMMU: the same physical pages\n");
    printf("  transfers/s, ns/transfer: QEMU's CPU time (its main thread, "
           "which runs the burst) per transfer,\n"
           "  the median of the bursts of %u round(s) (machines started "
           "afresh, their bursts interleaved,\n"
           "  >= %u ms each per workload); ratios are of transfers/s; wall "
           "ns: elapsed, with the host's other work\n",
           bench.rounds, bench.min_ms);
    printf("  doorbell + STATUS round trip: %.1f us per burst (%.2f %% of the "
           "fastest burst); host: %ld CPUs, load average %s\n",
           median(bench.round_trip_ns) / 1e3,
           100.0 * median(bench.round_trip_ns) / (fastest * bench.count),
           sysconf(_SC_NPROCESSORS_ONLN), loadavg ? loadavg : "?");
    for (unsigned w = 0; w < NUM_WORKLOADS; w++) {
        if (bench.run_w[w]) {
            print_workload(w);
        }
    }
    printf("\nEvery burst completed all its transfers and each workload's "
           "data was found at the physical pages its IOVAs map to.\n");

    for (int c = 0; c < NUM_CONFIGS; c++) {
        for (unsigned w = 0; w < NUM_WORKLOADS; w++) {
            g_array_free(bench.res[c][w].cpu_ns, true);
            g_array_free(bench.res[c][w].wall_ns, true);
        }
    }
    g_array_free(bench.round_trip_ns, true);
    return 0;
}
