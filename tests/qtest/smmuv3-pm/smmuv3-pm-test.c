/*
 * arm-smmuv3-pm qtest: the architectural register file
 *
 * Reset values, ID registers against properties, handshakes, global
 * errors and their interrupts/MSIs, access-size rules, CONSTRAINED
 * UNPREDICTABLE writes, property validation and PCI DMA with SMMUEN=0.
 *
 * Expected values are computed here from the field positions of Arm IHI
 * 0070 (chapter 6), not from the model's own headers, so that a wrong
 * field position in the model shows up as a failure.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include <sys/wait.h>
#include <libfdt.h>
#include "tests/qtest/libqtest.h"
#include "qobject/qdict.h"
#include "qobject/qlist.h"
#include "hw/pci/pci_regs.h"
#include "smmuv3-pm-dt.h"

/* ---- Register offsets (IHI 0070, 6.2) ---------------------------------- */

#define IDR0                0x00
#define IDR1                0x04
#define IDR2                0x08
#define IDR3                0x0c
#define IDR4                0x10
#define IDR5                0x14
#define IIDR                0x18
#define AIDR                0x1c
#define CR0                 0x20
#define CR0ACK              0x24
#define CR1                 0x28
#define CR2                 0x2c
#define STATUSR             0x40
#define GBPA                0x44
#define AGBPA               0x48
#define IRQ_CTRL            0x50
#define IRQ_CTRLACK         0x54
#define GERROR              0x60
#define GERRORN             0x64
#define GERROR_IRQ_CFG0     0x68
#define GERROR_IRQ_CFG1     0x70
#define GERROR_IRQ_CFG2     0x74
#define STRTAB_BASE         0x80
#define STRTAB_BASE_CFG     0x88
#define CMDQ_BASE           0x90
#define CMDQ_PROD           0x98
#define CMDQ_CONS           0x9c
#define EVENTQ_BASE         0xa0
#define EVENTQ_PROD         0xa8
#define EVENTQ_CONS         0xac
#define EVENTQ_IRQ_CFG0     0xb0
#define EVENTQ_IRQ_CFG1     0xb8
#define EVENTQ_IRQ_CFG2     0xbc
#define PRIQ_BASE           0xc0
#define PRIQ_PROD           0xc8
#define PRIQ_CONS           0xcc
#define PRIQ_IRQ_CFG0       0xd0
#define PRIQ_IRQ_CFG1       0xd8
#define PRIQ_IRQ_CFG2       0xdc
#define PIDR4               0xfd0
#define PIDR0               0xfe0
#define CIDR0               0xff0
#define PAGE1               0x10000
#define SECURE_BASE         0x8000
#define SECURE_END          0x9000

/* CR0 */
#define CR0_SMMUEN          (1u << 0)
#define CR0_PRIQEN          (1u << 1)
#define CR0_EVENTQEN        (1u << 2)
#define CR0_CMDQEN          (1u << 3)
#define CR0_ATSCHK          (1u << 4)
/* GBPA */
#define GBPA_SHCFG_SHIFT    12
#define GBPA_ABORT          (1u << 20)
#define GBPA_UPDATE         (1u << 31)
#define GBPA_WRITABLE       0x001f3f1fu     /* every field but UPDATE */
/* IRQ_CTRL */
#define IRQ_GERROR_IRQEN    (1u << 0)
#define IRQ_PRIQ_IRQEN      (1u << 1)
#define IRQ_EVENTQ_IRQEN    (1u << 2)
/* GERROR */
#define GERROR_CMDQ_ERR             (1u << 0)
#define GERROR_EVENTQ_ABT_ERR       (1u << 2)
#define GERROR_MSI_GERROR_ABT_ERR   (1u << 7)
#define GERROR_SFM_ERR              (1u << 8)
#define GERROR_VALID                0x1fdu

/* ---- The configuration the ID registers must describe ------------------ */

enum { MODEL_GENERIC, MODEL_MMU600, MODEL_MMU700 };
enum { STAGE_S1, STAGE_S2, STAGE_NESTED };
enum { STALL_STALL = 0, STALL_NONE = 1, STALL_FORCE = 2 };  /* IDR0 enc. */
enum { HTTU_NONE = 0, HTTU_A = 1, HTTU_AD = 2 };            /* IDR0 enc. */
enum { GRAN_4K = 1, GRAN_16K = 2, GRAN_64K = 4 };

typedef struct SmmuCfg {
    int model;
    int stage;
    unsigned oas;
    unsigned sidsize, ssidsize, cmdqs, eventqs, priqs;
    bool msi, ats, pri, ril;
    int stall;
    int httu;
    unsigned gran;
    bool gbpa_abort;
} SmmuCfg;

/* The model presets as documented (DESIGN.md, device properties) */
static SmmuCfg model_defaults(int model)
{
    SmmuCfg c = {
        .model = model,
        .stage = STAGE_NESTED,
        .oas = 48,
        .sidsize = 16,
        .ssidsize = 20,
        .cmdqs = 19,
        .eventqs = 19,
        .priqs = 19,
        .msi = true,
        .gran = GRAN_4K | GRAN_16K | GRAN_64K,
    };

    switch (model) {
    case MODEL_GENERIC:
        c.ril = true;
        c.stall = STALL_NONE;
        c.httu = HTTU_NONE;
        break;
    case MODEL_MMU600:
        c.ril = false;
        c.stall = STALL_STALL;
        c.httu = HTTU_AD;
        break;
    case MODEL_MMU700:
        c.ril = true;
        c.stall = STALL_STALL;
        c.httu = HTTU_AD;
        break;
    }
    return c;
}

static unsigned oas_encoding(unsigned bits)
{
    static const unsigned sizes[] = { 32, 36, 40, 42, 44, 48, 52 };

    for (unsigned i = 0; i < G_N_ELEMENTS(sizes); i++) {
        if (sizes[i] == bits) {
            return i;
        }
    }
    g_assert_not_reached();
}

static uint32_t expect_idr0(const SmmuCfg *c)
{
    bool s1 = c->stage != STAGE_S2;
    bool s2 = c->stage != STAGE_S1;

    return (uint32_t)s2 << 0 |          /* S2P */
           (uint32_t)s1 << 1 |          /* S1P */
           2u << 2 |                    /* TTF: AArch64 */
           1u << 4 |                    /* COHACC */
           (uint32_t)c->httu << 6 |     /* HTTU */
           (uint32_t)s1 << 9 |          /* HYP */
           (uint32_t)c->ats << 10 |     /* ATS */
           (uint32_t)s1 << 12 |         /* ASID16 */
           (uint32_t)c->msi << 13 |     /* MSI */
           1u << 14 |                   /* SEV */
           (uint32_t)c->pri << 16 |     /* PRI */
           (uint32_t)s2 << 18 |         /* VMID16 */
           (uint32_t)s1 << 19 |         /* CD2L */
           2u << 21 |                   /* TTENDIAN: little-endian */
           (uint32_t)c->stall << 24 |   /* STALL_MODEL */
           1u << 27;                    /* ST_LEVEL: 2-level tables */
}

static uint32_t expect_idr1(const SmmuCfg *c)
{
    return c->sidsize << 0 |            /* SIDSIZE */
           c->ssidsize << 6 |           /* SSIDSIZE */
           (c->pri ? c->priqs : 0) << 11 |  /* PRIQS, RES0 without PRI */
           c->eventqs << 16 |           /* EVENTQS */
           c->cmdqs << 21 |             /* CMDQS */
           1u << 26 |                   /* ATTR_PERMS_OVR */
           1u << 27;                    /* ATTR_TYPES_OVR */
}

static uint32_t expect_idr3(const SmmuCfg *c)
{
    return (uint32_t)c->ril << 10 |     /* RIL */
           (uint32_t)c->pri << 5;       /* PPS: responses keep the PASID */
}

static uint32_t expect_idr5(const SmmuCfg *c)
{
    return oas_encoding(c->oas) << 0 |                  /* OAS */
           (uint32_t)!!(c->gran & GRAN_4K) << 4 |       /* GRAN4K */
           (uint32_t)!!(c->gran & GRAN_16K) << 5 |      /* GRAN16K */
           (uint32_t)!!(c->gran & GRAN_64K) << 6 |      /* GRAN64K */
           (c->stall == STALL_NONE ? 0u : 256u) << 16;  /* STALL_MAX */
}

/* Identity: product, rNpM and SMMUv3.x of each preset */
typedef struct Identity {
    uint32_t implementer;       /* JEP106: continuation << 8 | code */
    uint32_t product;
    uint32_t variant;           /* rN */
    uint32_t revision;          /* pM */
    uint32_t arch_minor;
} Identity;

static Identity model_identity(int model)
{
    switch (model) {
    case MODEL_MMU600:
        return (Identity){ 0x43b, 0x483, 1, 0, 1 };
    case MODEL_MMU700:
        return (Identity){ 0x43b, 0x487, 1, 0, 2 };
    default:
        return (Identity){ 0, 0, 0, 0, 2 };
    }
}

static uint32_t expect_iidr(const Identity *id)
{
    return id->implementer << 0 | id->revision << 12 | id->variant << 16 |
           id->product << 20;
}

/* CoreSight peripheral ID n (0..7) */
static uint32_t expect_pidr(const Identity *id, int n)
{
    uint32_t jep_code = id->implementer & 0x7f;
    uint32_t jep_cont = id->implementer >> 8;

    if (!id->implementer) {
        return 0;
    }
    switch (n) {
    case 0:
        return id->product & 0xff;
    case 1:
        return (id->product >> 8 & 0xf) | (jep_code & 0xf) << 4;
    case 2:
        return (jep_code >> 4 & 0x7) | 1u << 3 | id->variant << 4;
    case 3:
        return id->revision << 4;
    case 4:
        return jep_cont;
    default:
        return 0;
    }
}

/* ---- Starting a machine ------------------------------------------------ */

typedef struct Smmu {
    QTestState *qts;
    uint64_t base;
    SmmuDtInfo dt;
    const char *qom_path;
} Smmu;

#define SMMU_QOM_DEVICE     "/machine/peripheral/smmu0"
#define SMMU_QOM_FIXED      "/machine/smmuv3-pm"

/*
 * Start virt with the SMMU, created by -device (@fixed false) or by
 * iommu=smmuv3-pm (@fixed true), with properties @props ("a=b,c=d") and
 * extra command line @extra.
 */
static void smmu_start(Smmu *s, bool fixed, const char *props,
                       const char *extra)
{
    g_autoptr(GString) args = g_string_new(NULL);

    g_string_append_printf(args, "-machine virt,gic-version=3%s -cpu max "
                           "-net none", fixed ? ",iommu=smmuv3-pm" : "");
    if (fixed) {
        g_auto(GStrv) list = g_strsplit(props, ",", -1);

        for (char **p = list; *p; p++) {
            if (**p) {
                g_string_append_printf(args, " -global arm-smmuv3-pm.%s",
                                       *p);
            }
        }
    } else {
        g_string_append_printf(args, " -device arm-smmuv3-pm,id=smmu0,"
                               "primary-bus=pcie.0%s%s",
                               *props ? "," : "", props);
    }
    if (extra) {
        g_string_append_printf(args, " %s", extra);
    }
    s->qts = qtest_init(args->str);
    smmu_dt_info(s->qts, &s->dt);
    s->base = s->dt.base;
    g_assert_cmphex(s->base, ==, smmu_base(s->qts));
    s->qom_path = fixed ? SMMU_QOM_FIXED : SMMU_QOM_DEVICE;
}

static void smmu_stop(Smmu *s)
{
    qtest_quit(s->qts);
}

static uint32_t rd(Smmu *s, uint32_t off)
{
    return qtest_readl(s->qts, s->base + off);
}

static void wr(Smmu *s, uint32_t off, uint32_t v)
{
    qtest_writel(s->qts, s->base + off, v);
}

static uint64_t rdq(Smmu *s, uint32_t off)
{
    return qtest_readq(s->qts, s->base + off);
}

static void wrq(Smmu *s, uint32_t off, uint64_t v)
{
    qtest_writeq(s->qts, s->base + off, v);
}

/*
 * Wait (in virtual time) until (@off & @mask) == @want: handshakes may
 * complete after a modelled latency.  Returns the last value read.
 */
static uint32_t wait_reg(Smmu *s, uint32_t off, uint32_t mask, uint32_t want)
{
    uint32_t v = rd(s, off);

    for (int i = 0; i < 1000 && (v & mask) != want; i++) {
        qtest_clock_step(s->qts, 10000);
        v = rd(s, off);
    }
    return v;
}

static void set_cr0(Smmu *s, uint32_t v)
{
    wr(s, CR0, v);
    g_assert_cmphex(wait_reg(s, CR0ACK, ~0u, v), ==, v);
}

static void set_irq_ctrl(Smmu *s, uint32_t v)
{
    wr(s, IRQ_CTRL, v);
    g_assert_cmphex(wait_reg(s, IRQ_CTRLACK, ~0u, v), ==, v);
}

static void set_gbpa(Smmu *s, uint32_t v)
{
    wr(s, GBPA, v | GBPA_UPDATE);
    g_assert_cmphex(wait_reg(s, GBPA, GBPA_UPDATE, 0), ==, v);
}

static void inject_gerror(Smmu *s, uint32_t bits)
{
    qtest_qmp_assert_success(s->qts, "{'execute': 'qom-set', 'arguments':"
                             " {'path': %s, 'property': 'inject-gerror',"
                             "  'value': %u}}", s->qom_path, bits);
}

/* ---- Reset values and ID registers ------------------------------------- */

typedef struct IdCase {
    const char *name;
    const char *props;
    void (*adjust)(SmmuCfg *c);
    int model;
} IdCase;

static void check_reset_values(Smmu *s, const SmmuCfg *c)
{
    Identity id = model_identity(c->model);
    static const uint8_t cidr[4] = { 0x0d, 0xf0, 0x05, 0xb1 };
    static const uint32_t zero32[] = {
        CR0, CR0ACK, CR1, CR2, STATUSR, AGBPA, IRQ_CTRL, IRQ_CTRLACK,
        GERROR, GERRORN, GERROR_IRQ_CFG1, GERROR_IRQ_CFG2, STRTAB_BASE_CFG,
        CMDQ_PROD, CMDQ_CONS, EVENTQ_PROD, EVENTQ_CONS, EVENTQ_IRQ_CFG1,
        EVENTQ_IRQ_CFG2, PRIQ_PROD, PRIQ_CONS, PRIQ_IRQ_CFG1, PRIQ_IRQ_CFG2,
        PAGE1 + EVENTQ_PROD, PAGE1 + EVENTQ_CONS, PAGE1 + PRIQ_PROD,
        PAGE1 + PRIQ_CONS,
    };
    static const uint32_t zero64[] = {
        GERROR_IRQ_CFG0, STRTAB_BASE, CMDQ_BASE, EVENTQ_BASE,
        EVENTQ_IRQ_CFG0, PRIQ_BASE, PRIQ_IRQ_CFG0,
    };

    g_assert_cmphex(rd(s, IDR0), ==, expect_idr0(c));
    g_assert_cmphex(rd(s, IDR1), ==, expect_idr1(c));
    g_assert_cmphex(rd(s, IDR2), ==, 0);
    g_assert_cmphex(rd(s, IDR3), ==, expect_idr3(c));
    g_assert_cmphex(rd(s, IDR4), ==, 0);
    g_assert_cmphex(rd(s, IDR5), ==, expect_idr5(c));
    g_assert_cmphex(rd(s, IIDR), ==, expect_iidr(&id));
    /* ArchMajorRev 0 (SMMUv3), ArchMinorRev */
    g_assert_cmphex(rd(s, AIDR), ==, id.arch_minor);

    /* GBPA: SHCFG = 0b01 (use incoming), ABORT per gbpa-reset */
    g_assert_cmphex(rd(s, GBPA), ==,
                    1u << GBPA_SHCFG_SHIFT | (c->gbpa_abort ? GBPA_ABORT : 0));
    g_assert_cmphex(rd(s, GBPA), ==, c->gbpa_abort ? 0x101000 : 0x1000);

    for (int i = 0; i < G_N_ELEMENTS(zero32); i++) {
        g_assert_cmphex(rd(s, zero32[i]), ==, 0);
    }
    for (int i = 0; i < G_N_ELEMENTS(zero64); i++) {
        g_assert_cmphex(rdq(s, zero64[i]), ==, 0);
        g_assert_cmphex(rd(s, zero64[i]), ==, 0);
        g_assert_cmphex(rd(s, zero64[i] + 4), ==, 0);
    }

    for (int n = 0; n < 8; n++) {
        uint32_t off = n < 4 ? PIDR0 + n * 4 : PIDR4 + (n - 4) * 4;

        g_assert_cmphex(rd(s, off), ==, expect_pidr(&id, n));
    }
    for (int n = 0; n < 4; n++) {
        g_assert_cmphex(rd(s, CIDR0 + n * 4), ==, cidr[n]);
    }
}

static void test_id_regs(const void *opaque)
{
    const IdCase *ic = opaque;
    SmmuCfg c = model_defaults(ic->model);
    Smmu s;

    if (ic->adjust) {
        ic->adjust(&c);
    }
    smmu_start(&s, false, ic->props, NULL);
    check_reset_values(&s, &c);
    smmu_stop(&s);
}

static void adj_s1(SmmuCfg *c)
{
    c->stage = STAGE_S1;
}

static void adj_s2(SmmuCfg *c)
{
    c->stage = STAGE_S2;
    c->ssidsize = 0;
}

static void adj_oas32(SmmuCfg *c)
{
    c->oas = 32;
}

static void adj_oas36(SmmuCfg *c)
{
    c->oas = 36;
}

static void adj_oas40(SmmuCfg *c)
{
    c->oas = 40;
}

static void adj_oas42(SmmuCfg *c)
{
    c->oas = 42;
}

static void adj_oas44(SmmuCfg *c)
{
    c->oas = 44;
}

static void adj_oas52(SmmuCfg *c)
{
    c->oas = 52;
    c->gran = GRAN_64K;
}

static void adj_gran4k(SmmuCfg *c)
{
    c->gran = GRAN_4K;
}

static void adj_gran16k64k(SmmuCfg *c)
{
    c->gran = GRAN_16K | GRAN_64K;
}

static void adj_sizes(SmmuCfg *c)
{
    c->sidsize = 8;
    c->ssidsize = 5;
    c->cmdqs = 8;
    c->eventqs = 7;
    c->priqs = 6;
    c->ats = true;
    c->pri = true;
}

static void adj_sizes_max(SmmuCfg *c)
{
    c->sidsize = 32;
    c->ssidsize = 0;
    c->cmdqs = 0;
    c->eventqs = 1;
    c->priqs = 19;
    c->ats = true;
    c->pri = true;
}

static void adj_priqs_no_pri(SmmuCfg *c)
{
    c->priqs = 6;               /* still RES0 in IDR1 without PRI */
}

static void adj_msi_off(SmmuCfg *c)
{
    c->msi = false;
}

static void adj_ats(SmmuCfg *c)
{
    c->ats = true;
}

static void adj_ats_pri(SmmuCfg *c)
{
    c->ats = true;
    c->pri = true;
}

static void adj_ril_off(SmmuCfg *c)
{
    c->ril = false;
}

static void adj_stall_stall(SmmuCfg *c)
{
    c->stall = STALL_STALL;
}

static void adj_stall_force(SmmuCfg *c)
{
    c->stall = STALL_FORCE;
}

static void adj_stall_none_httu_none(SmmuCfg *c)
{
    c->stall = STALL_NONE;
    c->httu = HTTU_NONE;
}

static void adj_httu_a(SmmuCfg *c)
{
    c->httu = HTTU_A;
}

static void adj_httu_ad(SmmuCfg *c)
{
    c->httu = HTTU_AD;
}

static void adj_gbpa_abort(SmmuCfg *c)
{
    c->gbpa_abort = true;
}

static void adj_gbpa_bypass(SmmuCfg *c)
{
    c->gbpa_abort = false;
}

static const IdCase id_cases[] = {
    { "generic", "", NULL, MODEL_GENERIC },
    { "generic-explicit", "model=generic", NULL, MODEL_GENERIC },
    { "mmu600", "model=mmu600", NULL, MODEL_MMU600 },
    { "mmu700", "model=mmu700", NULL, MODEL_MMU700 },
    { "stage-s1", "stage=s1", adj_s1, MODEL_GENERIC },
    { "stage-s2", "stage=s2,ssidsize=0", adj_s2, MODEL_GENERIC },
    { "stage-s2-no-ssid-default", "stage=s2", adj_s2, MODEL_GENERIC },
    { "stage-nested", "stage=nested", NULL, MODEL_GENERIC },
    { "mmu600-s1", "model=mmu600,stage=s1", adj_s1, MODEL_MMU600 },
    { "oas-32", "oas=32", adj_oas32, MODEL_GENERIC },
    { "oas-36", "oas=36", adj_oas36, MODEL_GENERIC },
    { "oas-40", "oas=40", adj_oas40, MODEL_GENERIC },
    { "oas-42", "oas=42", adj_oas42, MODEL_GENERIC },
    { "oas-44", "oas=44", adj_oas44, MODEL_GENERIC },
    { "oas-52", "oas=52,granules=64k", adj_oas52, MODEL_GENERIC },
    { "granules-4k", "granules=4k", adj_gran4k, MODEL_GENERIC },
    { "granules-16k-64k", "granules=16k,,64k", adj_gran16k64k,
      MODEL_GENERIC },
    { "sizes", "sidsize=8,ssidsize=5,cmdqs=8,eventqs=7,priqs=6,ats=on,pri=on",
      adj_sizes, MODEL_GENERIC },
    { "sizes-limits",
      "sidsize=32,ssidsize=0,cmdqs=0,eventqs=1,priqs=19,ats=on,pri=on",
      adj_sizes_max, MODEL_GENERIC },
    { "priqs-without-pri", "priqs=6", adj_priqs_no_pri, MODEL_GENERIC },
    { "msi-off", "msi=off", adj_msi_off, MODEL_GENERIC },
    { "ats", "ats=on", adj_ats, MODEL_GENERIC },
    { "ats-pri", "ats=on,pri=on", adj_ats_pri, MODEL_GENERIC },
    { "ril-off", "ril=off", adj_ril_off, MODEL_GENERIC },
    { "mmu700-ril-off", "model=mmu700,ril=off", adj_ril_off, MODEL_MMU700 },
    { "stall-stall", "stall-model=stall", adj_stall_stall, MODEL_GENERIC },
    { "stall-force", "stall-model=force", adj_stall_force, MODEL_GENERIC },
    { "mmu700-stall-none-httu-none", "model=mmu700,stall-model=none,httu=none",
      adj_stall_none_httu_none, MODEL_MMU700 },
    { "httu-a", "httu=a", adj_httu_a, MODEL_GENERIC },
    { "httu-ad", "httu=ad", adj_httu_ad, MODEL_GENERIC },
    { "gbpa-reset-abort", "gbpa-reset=abort", adj_gbpa_abort, MODEL_GENERIC },
    { "gbpa-reset-bypass", "gbpa-reset=bypass", adj_gbpa_bypass,
      MODEL_GENERIC },
    { "mmu600-gbpa-abort", "model=mmu600,gbpa-reset=abort", adj_gbpa_abort,
      MODEL_MMU600 },
    /* "auto" is the preset's value, exactly as leaving the property unset */
    { "generic-auto", "stage=auto,stall-model=auto,httu=auto,gbpa-reset=auto",
      NULL, MODEL_GENERIC },
    { "mmu600-auto",
      "model=mmu600,stage=auto,stall-model=auto,httu=auto,gbpa-reset=auto",
      NULL, MODEL_MMU600 },
    { "mmu700-auto",
      "model=mmu700,stage=auto,stall-model=auto,httu=auto,gbpa-reset=auto",
      NULL, MODEL_MMU700 },
};

/* The fixed-slot instance honours -global properties the same way */
static void test_reset_fixed(void)
{
    SmmuCfg c = model_defaults(MODEL_MMU600);
    Smmu s;

    c.gbpa_abort = true;
    c.oas = 40;
    smmu_start(&s, true, "model=mmu600,gbpa-reset=abort,oas=40", NULL);
    check_reset_values(&s, &c);
    smmu_stop(&s);

    c = model_defaults(MODEL_GENERIC);
    smmu_start(&s, true, "", NULL);
    check_reset_values(&s, &c);
    smmu_stop(&s);
}

/* Dirty every writable register, then reset the machine */
static void test_reset_after_system_reset(void)
{
    SmmuCfg c = model_defaults(MODEL_GENERIC);
    Smmu s;

    c.ats = c.pri = true;
    smmu_start(&s, false, "ats=on,pri=on", NULL);
    wr(&s, CR1, 0xfff);
    wr(&s, CR2, 0x7);
    wrq(&s, STRTAB_BASE, 0x40001000);
    wr(&s, STRTAB_BASE_CFG, 0x1000a);
    wrq(&s, CMDQ_BASE, 0x40002005);
    wr(&s, CMDQ_PROD, 3);
    wr(&s, CMDQ_CONS, 2);
    wrq(&s, EVENTQ_BASE, 0x40003005);
    wr(&s, EVENTQ_PROD, 1);
    wr(&s, EVENTQ_CONS, 1);
    wrq(&s, PRIQ_BASE, 0x40004005);
    wr(&s, PRIQ_PROD, 1);
    wr(&s, PRIQ_CONS, 1);
    wrq(&s, GERROR_IRQ_CFG0, 0x40005000);
    wr(&s, GERROR_IRQ_CFG1, 1);
    wrq(&s, EVENTQ_IRQ_CFG0, 0x40005000);
    wrq(&s, PRIQ_IRQ_CFG0, 0x40005000);
    set_gbpa(&s, GBPA_ABORT);
    inject_gerror(&s, GERROR_SFM_ERR | GERROR_CMDQ_ERR);
    wr(&s, GERRORN, GERROR_CMDQ_ERR);
    set_irq_ctrl(&s, IRQ_EVENTQ_IRQEN | IRQ_PRIQ_IRQEN);
    set_cr0(&s, CR0_CMDQEN | CR0_EVENTQEN | CR0_PRIQEN | CR0_SMMUEN);
    /*
     * make sure the registers really changed.  CMDQEN made the SMMU
     * consume the all-zero (illegal) command at index 2: CONS.ERR says
     * CERROR_ILL and CMDQ_ERR is active again (GERROR toggled back).
     */
    g_assert_cmphex(rd(&s, CR1), ==, 0xfff);
    g_assert_cmphex(rd(&s, CMDQ_CONS), ==, (1u << 24) | 2);
    g_assert_cmphex(rd(&s, GERROR), ==, GERROR_SFM_ERR);
    g_assert_cmphex(rd(&s, GERRORN), ==, GERROR_CMDQ_ERR);
    g_assert_cmphex(rdq(&s, STRTAB_BASE), ==, 0x40001000);

    qtest_system_reset(s.qts);
    check_reset_values(&s, &c);
    smmu_stop(&s);
}

/* ---- Handshakes -------------------------------------------------------- */

static void test_cr0_handshake(void)
{
    Smmu s;

    smmu_start(&s, false, "", NULL);
    set_cr0(&s, CR0_CMDQEN);
    set_cr0(&s, CR0_CMDQEN | CR0_EVENTQEN);
    set_cr0(&s, CR0_CMDQEN | CR0_EVENTQEN | CR0_SMMUEN);
    g_assert_cmphex(rd(&s, CR0), ==, 0xd);
    set_cr0(&s, 0);
    g_assert_cmphex(rd(&s, CR0), ==, 0);

    /* PRIQEN and ATSCHK are RES0 without PRI/ATS; reserved bits too */
    wr(&s, CR0, 0xffffffff);
    g_assert_cmphex(wait_reg(&s, CR0ACK, ~0u, 0xd), ==, 0xd);
    g_assert_cmphex(rd(&s, CR0), ==, 0xd);
    set_cr0(&s, 0);
    smmu_stop(&s);

    smmu_start(&s, false, "ats=on,pri=on", NULL);
    wr(&s, CR0, 0xffffffff);
    g_assert_cmphex(wait_reg(&s, CR0ACK, ~0u, 0x1f), ==, 0x1f);
    g_assert_cmphex(rd(&s, CR0), ==, 0x1f);
    /* CR0ACK is read-only */
    wr(&s, CR0ACK, 0);
    g_assert_cmphex(rd(&s, CR0ACK), ==, 0x1f);
    set_cr0(&s, CR0_PRIQEN);
    set_cr0(&s, 0);
    smmu_stop(&s);
}

static void test_gbpa_handshake(void)
{
    Smmu s;

    smmu_start(&s, false, "", NULL);
    /* UPDATE set: applied, UPDATE reads back 0 */
    wr(&s, GBPA, GBPA_UPDATE | GBPA_ABORT);
    g_assert_cmphex(wait_reg(&s, GBPA, GBPA_UPDATE, 0), ==, GBPA_ABORT);
    /* UPDATE clear: the write is ignored */
    wr(&s, GBPA, 1u << GBPA_SHCFG_SHIFT);
    g_assert_cmphex(rd(&s, GBPA), ==, GBPA_ABORT);
    wr(&s, GBPA, 0);
    g_assert_cmphex(rd(&s, GBPA), ==, GBPA_ABORT);
    /* Every field, RES0 bits dropped */
    wr(&s, GBPA, 0xffffffff);
    g_assert_cmphex(wait_reg(&s, GBPA, GBPA_UPDATE, 0), ==, GBPA_WRITABLE);
    set_gbpa(&s, 1u << GBPA_SHCFG_SHIFT);
    g_assert_cmphex(rd(&s, GBPA), ==, 0x1000);
    /* AGBPA: no alternate attributes, RAZ/WI */
    wr(&s, AGBPA, 0xffffffff);
    g_assert_cmphex(rd(&s, AGBPA), ==, 0);
    smmu_stop(&s);
}

static void test_irq_ctrl_handshake(void)
{
    Smmu s;

    smmu_start(&s, false, "", NULL);
    set_irq_ctrl(&s, IRQ_GERROR_IRQEN);
    set_irq_ctrl(&s, IRQ_GERROR_IRQEN | IRQ_EVENTQ_IRQEN);
    set_irq_ctrl(&s, 0);
    /* PRIQ_IRQEN is RES0 without PRI */
    wr(&s, IRQ_CTRL, 0xffffffff);
    g_assert_cmphex(wait_reg(&s, IRQ_CTRLACK, ~0u, 0x5), ==, 0x5);
    g_assert_cmphex(rd(&s, IRQ_CTRL), ==, 0x5);
    /* IRQ_CTRLACK is read-only */
    wr(&s, IRQ_CTRLACK, 0);
    g_assert_cmphex(rd(&s, IRQ_CTRLACK), ==, 0x5);
    smmu_stop(&s);

    smmu_start(&s, false, "ats=on,pri=on", NULL);
    wr(&s, IRQ_CTRL, 0xffffffff);
    g_assert_cmphex(wait_reg(&s, IRQ_CTRLACK, ~0u, 0x7), ==, 0x7);
    set_irq_ctrl(&s, IRQ_PRIQ_IRQEN);
    set_irq_ctrl(&s, 0);
    smmu_stop(&s);
}

/* ---- Global errors ----------------------------------------------------- */

static void test_gerror_toggle(void)
{
    Smmu s;
    QDict *rsp;

    smmu_start(&s, false, "", NULL);
    inject_gerror(&s, GERROR_CMDQ_ERR);
    g_assert_cmphex(rd(&s, GERROR), ==, 0x1);
    g_assert_cmphex(rd(&s, GERRORN), ==, 0);

    /* an already active error does not toggle again */
    inject_gerror(&s, GERROR_CMDQ_ERR);
    g_assert_cmphex(rd(&s, GERROR), ==, 0x1);

    inject_gerror(&s, GERROR_SFM_ERR);
    g_assert_cmphex(rd(&s, GERROR), ==, 0x101);

    /* acknowledge CMDQ_ERR: active = GERROR ^ GERRORN = SFM_ERR */
    wr(&s, GERRORN, GERROR_CMDQ_ERR);
    g_assert_cmphex(rd(&s, GERRORN), ==, 0x1);
    g_assert_cmphex(rd(&s, GERROR) ^ rd(&s, GERRORN), ==, GERROR_SFM_ERR);

    /* a new CMDQ_ERR toggles GERROR.CMDQ_ERR back to 0 */
    inject_gerror(&s, GERROR_CMDQ_ERR);
    g_assert_cmphex(rd(&s, GERROR), ==, 0x100);
    g_assert_cmphex(rd(&s, GERROR) ^ rd(&s, GERRORN), ==, 0x101);

    /* acknowledge both */
    wr(&s, GERRORN, GERROR_SFM_ERR);
    g_assert_cmphex(rd(&s, GERRORN), ==, 0x100);
    g_assert_cmphex(rd(&s, GERROR) ^ rd(&s, GERRORN), ==, 0);

    /* toggling inactive errors in GERRORN is ignored */
    wr(&s, GERRORN, rd(&s, GERRORN) ^ GERROR_VALID);
    g_assert_cmphex(rd(&s, GERRORN), ==, 0x100);

    /* GERROR is read-only */
    wr(&s, GERROR, 0);
    g_assert_cmphex(rd(&s, GERROR), ==, 0x100);

    /* several at once */
    inject_gerror(&s, GERROR_EVENTQ_ABT_ERR | GERROR_CMDQ_ERR);
    g_assert_cmphex(rd(&s, GERROR) ^ rd(&s, GERRORN), ==, 0x5);

    /* bit 1 is reserved in GERROR: refused */
    rsp = qtest_qmp(s.qts, "{'execute': 'qom-set', 'arguments':"
                    " {'path': %s, 'property': 'inject-gerror',"
                    "  'value': 2}}", s.qom_path);
    g_assert_true(qdict_haskey(rsp, "error"));
    qobject_unref(rsp);
    g_assert_cmphex(rd(&s, GERROR) ^ rd(&s, GERRORN), ==, 0x5);
    smmu_stop(&s);
}

/* GIC distributor registers (IHI 0069) */
#define GICD_ISPENDR        0x200
#define GICD_ICPENDR        0x280
#define GICD_ICFGR          0xc00

static void gic_set_edge(Smmu *s, uint32_t intid)
{
    uint64_t a = s->dt.gic_dist_base + GICD_ICFGR + intid / 16 * 4;

    qtest_writel(s->qts, a,
                 qtest_readl(s->qts, a) | 2u << (intid % 16 * 2));
}

static bool gic_pending(Smmu *s, uint32_t intid)
{
    uint64_t a = s->dt.gic_dist_base + GICD_ISPENDR + intid / 32 * 4;

    return qtest_readl(s->qts, a) >> (intid % 32) & 1;
}

static void gic_clear_pending(Smmu *s, uint32_t intid)
{
    qtest_writel(s->qts, s->dt.gic_dist_base + GICD_ICPENDR + intid / 32 * 4,
                 1u << (intid % 32));
}

static bool smmu_irq_pending(Smmu *s, int line)
{
    return gic_pending(s, s->dt.spi[line] + 32);
}

/* Wait for GIC pending state of SMMU interrupt @line */
static bool wait_irq(Smmu *s, int line)
{
    for (int i = 0; i < 1000 && !smmu_irq_pending(s, line); i++) {
        qtest_clock_step(s->qts, 10000);
    }
    return smmu_irq_pending(s, line);
}

/*
 * The gerror wired interrupt, seen at the GIC: the SPI the DT names
 * "gerror" becomes pending (edge-triggered) when an error is raised with
 * GERROR_IRQEN set, and only then.
 */
static void test_gerror_irq(const void *opaque)
{
    bool fixed = GPOINTER_TO_INT(opaque);
    Smmu s;

    smmu_start(&s, fixed, "", NULL);
    /* the SMMU outputs, passed through to the GIC, observed by qtest */
    qtest_irq_intercept_out_named(s.qts, s.qom_path, "sysbus-irq");
    for (int i = 0; i < SMMU_DT_NUM_IRQS; i++) {
        gic_set_edge(&s, s.dt.spi[i] + 32);
        gic_clear_pending(&s, s.dt.spi[i] + 32);
        g_assert_false(smmu_irq_pending(&s, i));
    }

    /* disabled: nothing */
    inject_gerror(&s, GERROR_CMDQ_ERR);
    qtest_clock_step(s.qts, 1000000);
    for (int i = 0; i < SMMU_DT_NUM_IRQS; i++) {
        g_assert_false(smmu_irq_pending(&s, i));
    }

    /* enabled, and IRQ_CFG0.ADDR == 0 (no MSI): the wired gerror line */
    set_irq_ctrl(&s, IRQ_GERROR_IRQEN);
    inject_gerror(&s, GERROR_SFM_ERR);
    g_assert_true(wait_irq(&s, SMMU_DT_IRQ_GERROR));
    g_assert_false(smmu_irq_pending(&s, SMMU_DT_IRQ_EVENTQ));
    g_assert_false(smmu_irq_pending(&s, SMMU_DT_IRQ_PRIQ));
    g_assert_false(smmu_irq_pending(&s, SMMU_DT_IRQ_CMDQ_SYNC));
    /* an edge: the line itself is not left asserted */
    g_assert_false(qtest_get_irq(s.qts, SMMU_DT_IRQ_GERROR));

    /* an already active error is not signalled again */
    gic_clear_pending(&s, s.dt.spi[SMMU_DT_IRQ_GERROR] + 32);
    inject_gerror(&s, GERROR_SFM_ERR);
    qtest_clock_step(s.qts, 1000000);
    g_assert_false(smmu_irq_pending(&s, SMMU_DT_IRQ_GERROR));

    /* after acknowledging, the next error is */
    wr(&s, GERRORN, rd(&s, GERROR));
    inject_gerror(&s, GERROR_SFM_ERR);
    g_assert_true(wait_irq(&s, SMMU_DT_IRQ_GERROR));

    /* disabled again: nothing */
    gic_clear_pending(&s, s.dt.spi[SMMU_DT_IRQ_GERROR] + 32);
    set_irq_ctrl(&s, 0);
    inject_gerror(&s, GERROR_EVENTQ_ABT_ERR);
    qtest_clock_step(s.qts, 1000000);
    g_assert_false(smmu_irq_pending(&s, SMMU_DT_IRQ_GERROR));
    smmu_stop(&s);
}

/* GERROR_IRQ_CFG0/1 pointing at guest RAM: the MSI lands there */
static void test_gerror_msi(const void *opaque)
{
    bool fixed = GPOINTER_TO_INT(opaque);
    uint64_t doorbell, bad = 0xf00000000000ull;
    Smmu s;

    smmu_start(&s, fixed, "", NULL);
    doorbell = s.dt.ram_base + 0x2000000;
    for (int i = 0; i < SMMU_DT_NUM_IRQS; i++) {
        gic_set_edge(&s, s.dt.spi[i] + 32);
        gic_clear_pending(&s, s.dt.spi[i] + 32);
    }
    qtest_writel(s.qts, doorbell, 0);

    wrq(&s, GERROR_IRQ_CFG0, doorbell);
    wr(&s, GERROR_IRQ_CFG1, 0xcafe0001);
    wr(&s, GERROR_IRQ_CFG2, 0x1);
    g_assert_cmphex(rdq(&s, GERROR_IRQ_CFG0), ==, doorbell);
    g_assert_cmphex(rd(&s, GERROR_IRQ_CFG1), ==, 0xcafe0001);
    g_assert_cmphex(rd(&s, GERROR_IRQ_CFG2), ==, 0x1);

    /* not enabled: no write */
    inject_gerror(&s, GERROR_CMDQ_ERR);
    qtest_clock_step(s.qts, 1000000);
    g_assert_cmphex(qtest_readl(s.qts, doorbell), ==, 0);

    set_irq_ctrl(&s, IRQ_GERROR_IRQEN);
    inject_gerror(&s, GERROR_SFM_ERR);
    for (int i = 0; i < 1000 && !qtest_readl(s.qts, doorbell); i++) {
        qtest_clock_step(s.qts, 10000);
    }
    g_assert_cmphex(qtest_readl(s.qts, doorbell), ==, 0xcafe0001);
    /* the neighbouring words are untouched: a 32-bit write */
    g_assert_cmphex(qtest_readl(s.qts, doorbell + 4), ==, 0);
    /* an MSI instead of, not as well as, the wired interrupt */
    g_assert_false(smmu_irq_pending(&s, SMMU_DT_IRQ_GERROR));
    g_assert_cmphex(rd(&s, GERROR) & GERROR_MSI_GERROR_ABT_ERR, ==, 0);

    /* an MSI that cannot be written is reported as MSI_GERROR_ABT_ERR */
    set_irq_ctrl(&s, 0);
    wrq(&s, GERROR_IRQ_CFG0, bad);
    g_assert_cmphex(rdq(&s, GERROR_IRQ_CFG0), ==, bad);
    set_irq_ctrl(&s, IRQ_GERROR_IRQEN);
    wr(&s, GERRORN, rd(&s, GERROR));
    inject_gerror(&s, GERROR_SFM_ERR);
    g_assert_cmphex(wait_reg(&s, GERROR, GERROR_MSI_GERROR_ABT_ERR,
                             GERROR_MSI_GERROR_ABT_ERR) &
                    GERROR_MSI_GERROR_ABT_ERR, ==, GERROR_MSI_GERROR_ABT_ERR);
    smmu_stop(&s);
}

/* ---- Access rules ------------------------------------------------------ */

static void test_access_size(void)
{
    QTestState *qts;
    Smmu s;
    uint32_t idr0;

    smmu_start(&s, false, "", NULL);
    qts = s.qts;
    idr0 = rd(&s, IDR0);
    g_assert_cmphex(idr0, !=, 0);

    /* 1- and 2-byte reads are RAZ, even of a non-zero register */
    for (int i = 0; i < 4; i++) {
        g_assert_cmphex(qtest_readb(qts, s.base + IDR0 + i), ==, 0);
    }
    g_assert_cmphex(qtest_readw(qts, s.base + IDR0), ==, 0);
    g_assert_cmphex(qtest_readw(qts, s.base + IDR0 + 2), ==, 0);
    g_assert_cmphex(qtest_readb(qts, s.base + CIDR0), ==, 0);
    /* unaligned 32-bit read */
    g_assert_cmphex(qtest_readl(qts, s.base + IDR0 + 2), ==, 0);
    /* 64-bit read of 32-bit registers */
    g_assert_cmphex(qtest_readq(qts, s.base + IDR0), ==, 0);
    g_assert_cmphex(qtest_readq(qts, s.base + CIDR0), ==, 0);

    /* 1- and 2-byte and unaligned writes are ignored */
    qtest_writeb(qts, s.base + STRTAB_BASE_CFG, 0x0a);
    qtest_writew(qts, s.base + STRTAB_BASE_CFG, 0x000a);
    qtest_writew(qts, s.base + STRTAB_BASE_CFG + 2, 0x0001);
    qtest_writel(qts, s.base + STRTAB_BASE_CFG + 2, 0x00010000);
    qtest_writeb(qts, s.base + CR0, CR0_CMDQEN);
    qtest_writeb(qts, s.base + GBPA + 3, 0x80);
    g_assert_cmphex(rd(&s, STRTAB_BASE_CFG), ==, 0);
    g_assert_cmphex(rd(&s, CR0), ==, 0);
    g_assert_cmphex(rd(&s, CR0ACK), ==, 0);
    g_assert_cmphex(rd(&s, GBPA), ==, 0x1000);

    /* 64-bit write to a 32-bit register (pair) is ignored */
    qtest_writeq(qts, s.base + CR1, 0x0000000700000fffull);
    g_assert_cmphex(rd(&s, CR1), ==, 0);
    g_assert_cmphex(rd(&s, CR2), ==, 0);
    qtest_writeq(qts, s.base + STRTAB_BASE_CFG, 0x000000000001000aull);
    g_assert_cmphex(rd(&s, STRTAB_BASE_CFG), ==, 0);
    /* unaligned 64-bit access to a 64-bit register */
    qtest_writeq(qts, s.base + STRTAB_BASE + 4, 0x1000);
    g_assert_cmphex(rdq(&s, STRTAB_BASE), ==, 0);

    /* 32-bit writes do reach the same registers */
    wr(&s, STRTAB_BASE_CFG, 0x1000a);
    g_assert_cmphex(rd(&s, STRTAB_BASE_CFG), ==, 0x1000a);
    wr(&s, CR1, 0xfff);
    g_assert_cmphex(rd(&s, CR1), ==, 0xfff);
    /* and 32-bit reads of a 64-bit register see the halves */
    wrq(&s, STRTAB_BASE, 0x4000123456789ac0ull);
    g_assert_cmphex(rd(&s, STRTAB_BASE), ==, 0x56789ac0);
    g_assert_cmphex(rd(&s, STRTAB_BASE + 4), ==, 0x40001234);
    g_assert_cmphex(qtest_readl(qts, s.base + STRTAB_BASE + 2), ==, 0);
    smmu_stop(&s);
}

static void test_64bit_halves(void)
{
    Smmu s;

    smmu_start(&s, false, "", NULL);
    /* writing one half keeps the other */
    wrq(&s, CMDQ_BASE, 0x4000123456789a05ull);
    g_assert_cmphex(rdq(&s, CMDQ_BASE), ==, 0x4000123456789a05ull);
    wr(&s, CMDQ_BASE + 4, 0x0000abcd);
    g_assert_cmphex(rdq(&s, CMDQ_BASE), ==, 0x0000abcd56789a05ull);
    wr(&s, CMDQ_BASE, 0x11111103);
    g_assert_cmphex(rdq(&s, CMDQ_BASE), ==, 0x0000abcd11111103ull);

    /* RES0 and above-OAS bits are dropped (OAS 48 by default) */
    wrq(&s, STRTAB_BASE, ~0ull);
    g_assert_cmphex(rdq(&s, STRTAB_BASE), ==, 0x4000ffffffffffc0ull);
    wrq(&s, CMDQ_BASE, ~0ull);
    g_assert_cmphex(rdq(&s, CMDQ_BASE), ==, 0x4000ffffffffffffull);
    wrq(&s, EVENTQ_BASE, ~0ull);
    g_assert_cmphex(rdq(&s, EVENTQ_BASE), ==, 0x4000ffffffffffffull);
    wrq(&s, GERROR_IRQ_CFG0, ~0ull);
    g_assert_cmphex(rdq(&s, GERROR_IRQ_CFG0), ==, 0x0000fffffffffffcull);
    wrq(&s, EVENTQ_IRQ_CFG0, ~0ull);
    g_assert_cmphex(rdq(&s, EVENTQ_IRQ_CFG0), ==, 0x0000fffffffffffcull);
    wr(&s, STRTAB_BASE_CFG, ~0u);
    g_assert_cmphex(rd(&s, STRTAB_BASE_CFG), ==, 0x307ff);
    wr(&s, GERROR_IRQ_CFG2, ~0u);
    g_assert_cmphex(rd(&s, GERROR_IRQ_CFG2), ==, 0x3f);
    wr(&s, CR1, ~0u);
    g_assert_cmphex(rd(&s, CR1), ==, 0xfff);
    wr(&s, CR2, ~0u);
    g_assert_cmphex(rd(&s, CR2), ==, 0x7);      /* HYP: E2H writable */
    smmu_stop(&s);

    smmu_start(&s, false, "oas=40,stage=s2,ssidsize=0", NULL);
    wrq(&s, STRTAB_BASE, ~0ull);
    g_assert_cmphex(rdq(&s, STRTAB_BASE), ==, 0x400000ffffffffc0ull);
    wrq(&s, PRIQ_BASE, ~0ull);                  /* no PRI: RES0 */
    g_assert_cmphex(rdq(&s, PRIQ_BASE), ==, 0);
    wr(&s, CR2, ~0u);
    g_assert_cmphex(rd(&s, CR2), ==, 0x6);      /* no HYP: E2H RES0 */
    smmu_stop(&s);
}

static void test_read_only(void)
{
    static const uint32_t ro[] = {
        IDR0, IDR1, IDR2, IDR3, IDR4, IDR5, IIDR, AIDR, CR0ACK, STATUSR,
        IRQ_CTRLACK, GERROR, PIDR4, PIDR4 + 4, PIDR4 + 8, PIDR4 + 12,
        PIDR0, PIDR0 + 4, PIDR0 + 8, PIDR0 + 12, CIDR0, CIDR0 + 4,
        CIDR0 + 8, CIDR0 + 12,
    };
    uint32_t before[G_N_ELEMENTS(ro)];
    Smmu s;

    smmu_start(&s, false, "model=mmu600", NULL);
    inject_gerror(&s, GERROR_CMDQ_ERR);
    set_cr0(&s, CR0_EVENTQEN);
    for (int i = 0; i < G_N_ELEMENTS(ro); i++) {
        before[i] = rd(&s, ro[i]);
        wr(&s, ro[i], ~before[i]);
    }
    for (int i = 0; i < G_N_ELEMENTS(ro); i++) {
        g_assert_cmphex(rd(&s, ro[i]), ==, before[i]);
    }
    smmu_stop(&s);
}

/* Reserved offsets and the Secure page are RAZ/WI */
static void test_raz_wi(void)
{
    static const uint32_t reserved[] = {
        0x30, 0x3c, 0x4c, 0x58, 0x78, 0x8c, 0xe0, 0x100, 0xe00, 0xfcc,
        0x1000, 0x7ffc, 0x9000, 0xfffc,
        PAGE1 + 0x0, PAGE1 + CR0, PAGE1 + CMDQ_PROD, PAGE1 + CMDQ_CONS,
        PAGE1 + EVENTQ_BASE, PAGE1 + 0xff0, PAGE1 + 0xfffc,
    };
    uint32_t snapshot[0x100 / 4];
    Smmu s;

    smmu_start(&s, false, "model=mmu700", NULL);
    for (int i = 0; i < G_N_ELEMENTS(snapshot); i++) {
        snapshot[i] = rd(&s, i * 4);
    }
    for (int i = 0; i < G_N_ELEMENTS(reserved); i++) {
        wr(&s, reserved[i], 0xffffffff);
        g_assert_cmphex(rd(&s, reserved[i]), ==, 0);
    }

    /* Secure register block: reads as zero, writes vanish */
    for (uint32_t off = SECURE_BASE; off < SECURE_END; off += 4) {
        g_assert_cmphex(rd(&s, off), ==, 0);
    }
    for (uint32_t off = SECURE_BASE; off < SECURE_END; off += 4) {
        wr(&s, off, 0xffffffff);
    }
    wrq(&s, SECURE_BASE + 0x80, ~0ull);
    for (uint32_t off = SECURE_BASE; off < SECURE_END; off += 4) {
        g_assert_cmphex(rd(&s, off), ==, 0);
    }
    g_assert_cmphex(rdq(&s, SECURE_BASE + 0x80), ==, 0);

    /* and did not alias onto a Non-secure register */
    for (int i = 0; i < G_N_ELEMENTS(snapshot); i++) {
        g_assert_cmphex(rd(&s, i * 4), ==, snapshot[i]);
    }
    smmu_stop(&s);
}

/* Registers of features the configuration lacks are RES0 */
static void test_absent_features(void)
{
    static const uint32_t msi32[] = {
        GERROR_IRQ_CFG1, GERROR_IRQ_CFG2, EVENTQ_IRQ_CFG1, EVENTQ_IRQ_CFG2,
    };
    static const uint32_t pri32[] = {
        PRIQ_PROD, PRIQ_CONS, PRIQ_IRQ_CFG1, PRIQ_IRQ_CFG2,
        PAGE1 + PRIQ_PROD, PAGE1 + PRIQ_CONS,
    };
    Smmu s;

    smmu_start(&s, false, "msi=off", NULL);
    wrq(&s, GERROR_IRQ_CFG0, 0x40000000);
    wrq(&s, EVENTQ_IRQ_CFG0, 0x40000000);
    g_assert_cmphex(rdq(&s, GERROR_IRQ_CFG0), ==, 0);
    g_assert_cmphex(rdq(&s, EVENTQ_IRQ_CFG0), ==, 0);
    for (int i = 0; i < G_N_ELEMENTS(msi32); i++) {
        wr(&s, msi32[i], 1);
        g_assert_cmphex(rd(&s, msi32[i]), ==, 0);
    }
    smmu_stop(&s);

    smmu_start(&s, false, "pri=off", NULL);
    wrq(&s, PRIQ_BASE, 0x40000005);
    wrq(&s, PRIQ_IRQ_CFG0, 0x40000000);
    g_assert_cmphex(rdq(&s, PRIQ_BASE), ==, 0);
    g_assert_cmphex(rdq(&s, PRIQ_IRQ_CFG0), ==, 0);
    for (int i = 0; i < G_N_ELEMENTS(pri32); i++) {
        wr(&s, pri32[i], 1);
        g_assert_cmphex(rd(&s, pri32[i]), ==, 0);
    }
    smmu_stop(&s);

    /* the control: with PRI and MSI they are implemented */
    smmu_start(&s, false, "ats=on,pri=on", NULL);
    wrq(&s, PRIQ_BASE, 0x40000005);
    g_assert_cmphex(rdq(&s, PRIQ_BASE), ==, 0x40000005);
    wrq(&s, PRIQ_IRQ_CFG0, 0x40000000);
    g_assert_cmphex(rdq(&s, PRIQ_IRQ_CFG0), ==, 0x40000000);
    wr(&s, PRIQ_CONS, 3);
    g_assert_cmphex(rd(&s, PRIQ_CONS), ==, 3);
    g_assert_cmphex(rd(&s, PAGE1 + PRIQ_CONS), ==, 3);
    smmu_stop(&s);
}

/* PROD/CONS: index + wrap bits per LOG2SIZE, page-1 aliases */
static void test_queue_indexes(void)
{
    Smmu s;

    smmu_start(&s, false, "eventqs=3", NULL);
    /* CMDQ: LOG2SIZE 4: index 4 bits + wrap; CONS.ERR not writable */
    wrq(&s, CMDQ_BASE, 0x40000004);
    wr(&s, CMDQ_PROD, 0xffffffff);
    g_assert_cmphex(rd(&s, CMDQ_PROD), ==, 0x1f);
    wr(&s, CMDQ_CONS, 0xffff);
    g_assert_cmphex(rd(&s, CMDQ_CONS), ==, 0x1f);

    /* EVENTQ: LOG2SIZE 8 > EVENTQS 3: behaves as 3 */
    wrq(&s, EVENTQ_BASE, 0x40000008);
    wr(&s, EVENTQ_PROD, 0xffffffff);        /* PROD.OVFLG writable now */
    g_assert_cmphex(rd(&s, EVENTQ_PROD), ==, 0x8000000f);
    wr(&s, EVENTQ_CONS, 0xffffffff);
    g_assert_cmphex(rd(&s, EVENTQ_CONS), ==, 0x8000000f);

    /* page 1 aliases: same registers */
    g_assert_cmphex(rd(&s, PAGE1 + EVENTQ_PROD), ==, 0x8000000f);
    g_assert_cmphex(rd(&s, PAGE1 + EVENTQ_CONS), ==, 0x8000000f);
    wr(&s, PAGE1 + EVENTQ_CONS, 0x3);
    g_assert_cmphex(rd(&s, EVENTQ_CONS), ==, 0x3);
    wr(&s, PAGE1 + EVENTQ_PROD, 0x5);
    g_assert_cmphex(rd(&s, EVENTQ_PROD), ==, 0x5);
    wr(&s, EVENTQ_PROD, 0x6);
    g_assert_cmphex(rd(&s, PAGE1 + EVENTQ_PROD), ==, 0x6);
    smmu_stop(&s);
}

/* ---- CONSTRAINED UNPREDICTABLE writes are ignored ---------------------- */

static void test_constrained_queues(void)
{
    Smmu s;

    smmu_start(&s, false, "ats=on,pri=on", NULL);
    wrq(&s, CMDQ_BASE, 0x40010005);
    wrq(&s, EVENTQ_BASE, 0x40020005);
    wrq(&s, PRIQ_BASE, 0x40030005);
    wr(&s, CMDQ_PROD, 1);       /* PROD == CONS: an empty command queue */
    wr(&s, CMDQ_CONS, 1);
    wr(&s, EVENTQ_PROD, 2);
    wr(&s, PRIQ_PROD, 3);

    set_cr0(&s, CR0_CMDQEN | CR0_EVENTQEN | CR0_PRIQEN);
    /* queue BASE while the queue is enabled */
    wrq(&s, CMDQ_BASE, 0x50010007);
    wr(&s, CMDQ_BASE, 0x50010007);
    wr(&s, CMDQ_BASE + 4, 0x1);
    wrq(&s, EVENTQ_BASE, 0x50020007);
    wrq(&s, PRIQ_BASE, 0x50030007);
    g_assert_cmphex(rdq(&s, CMDQ_BASE), ==, 0x40010005);
    g_assert_cmphex(rdq(&s, EVENTQ_BASE), ==, 0x40020005);
    g_assert_cmphex(rdq(&s, PRIQ_BASE), ==, 0x40030005);
    /* the index the SMMU owns, while the queue is enabled */
    wr(&s, CMDQ_CONS, 7);
    wr(&s, EVENTQ_PROD, 7);
    wr(&s, PAGE1 + EVENTQ_PROD, 7);
    wr(&s, PRIQ_PROD, 7);
    g_assert_cmphex(rd(&s, CMDQ_CONS), ==, 1);
    g_assert_cmphex(rd(&s, EVENTQ_PROD), ==, 2);
    g_assert_cmphex(rd(&s, PRIQ_PROD), ==, 3);
    /* CR1 while queues are enabled */
    wr(&s, CR1, 0x555);
    g_assert_cmphex(rd(&s, CR1), ==, 0);

    /* one queue at a time: only the enabled one is protected */
    set_cr0(&s, CR0_EVENTQEN);
    wrq(&s, CMDQ_BASE, 0x50010007);
    wrq(&s, EVENTQ_BASE, 0x50020007);
    g_assert_cmphex(rdq(&s, CMDQ_BASE), ==, 0x50010007);
    g_assert_cmphex(rdq(&s, EVENTQ_BASE), ==, 0x40020005);

    /* disabled: writable again */
    set_cr0(&s, 0);
    wrq(&s, EVENTQ_BASE, 0x50020007);
    wrq(&s, PRIQ_BASE, 0x50030007);
    wr(&s, EVENTQ_PROD, 7);
    wr(&s, CR1, 0x555);
    g_assert_cmphex(rdq(&s, EVENTQ_BASE), ==, 0x50020007);
    g_assert_cmphex(rdq(&s, PRIQ_BASE), ==, 0x50030007);
    g_assert_cmphex(rd(&s, EVENTQ_PROD), ==, 7);
    g_assert_cmphex(rd(&s, CR1), ==, 0x555);
    smmu_stop(&s);
}

static void test_constrained_strtab(void)
{
    Smmu s;

    smmu_start(&s, false, "", NULL);
    wrq(&s, STRTAB_BASE, 0x40100000);
    wr(&s, STRTAB_BASE_CFG, 0x10008);
    wr(&s, CR2, 0x2);
    set_cr0(&s, CR0_SMMUEN);
    wrq(&s, STRTAB_BASE, 0x40200000);
    wr(&s, STRTAB_BASE, 0x40200000);
    wr(&s, STRTAB_BASE + 4, 0x1);
    wr(&s, STRTAB_BASE_CFG, 0x6);
    wr(&s, CR2, 0x4);
    g_assert_cmphex(rdq(&s, STRTAB_BASE), ==, 0x40100000);
    g_assert_cmphex(rd(&s, STRTAB_BASE_CFG), ==, 0x10008);
    g_assert_cmphex(rd(&s, CR2), ==, 0x2);

    set_cr0(&s, 0);
    wrq(&s, STRTAB_BASE, 0x40200000);
    wr(&s, STRTAB_BASE_CFG, 0x6);
    wr(&s, CR2, 0x4);
    g_assert_cmphex(rdq(&s, STRTAB_BASE), ==, 0x40200000);
    g_assert_cmphex(rd(&s, STRTAB_BASE_CFG), ==, 0x6);
    g_assert_cmphex(rd(&s, CR2), ==, 0x4);
    smmu_stop(&s);
}

static void test_constrained_irq_cfg(void)
{
    static const struct {
        uint32_t cfg0, irqen;
    } irqs[] = {
        { GERROR_IRQ_CFG0, IRQ_GERROR_IRQEN },
        { EVENTQ_IRQ_CFG0, IRQ_EVENTQ_IRQEN },
        { PRIQ_IRQ_CFG0, IRQ_PRIQ_IRQEN },
    };
    Smmu s;

    smmu_start(&s, false, "ats=on,pri=on", NULL);
    for (int i = 0; i < G_N_ELEMENTS(irqs); i++) {
        uint32_t cfg0 = irqs[i].cfg0;

        wrq(&s, cfg0, 0x40000040);
        wr(&s, cfg0 + 8, 0x11);
        wr(&s, cfg0 + 12, 0x1);
    }
    for (int i = 0; i < G_N_ELEMENTS(irqs); i++) {
        uint32_t cfg0 = irqs[i].cfg0;

        /* only this interrupt enabled */
        set_irq_ctrl(&s, irqs[i].irqen);
        wrq(&s, cfg0, 0x50000080);
        wr(&s, cfg0 + 4, 0x1);
        wr(&s, cfg0 + 8, 0x22);
        wr(&s, cfg0 + 12, 0x2);
        g_assert_cmphex(rdq(&s, cfg0), ==, 0x40000040);
        g_assert_cmphex(rd(&s, cfg0 + 8), ==, 0x11);
        g_assert_cmphex(rd(&s, cfg0 + 12), ==, 0x1);
        /* the other interrupts' configuration stays writable */
        for (int j = 0; j < G_N_ELEMENTS(irqs); j++) {
            if (j != i) {
                wr(&s, irqs[j].cfg0 + 8, 0x33);
                g_assert_cmphex(rd(&s, irqs[j].cfg0 + 8), ==, 0x33);
                wr(&s, irqs[j].cfg0 + 8, 0x11);
            }
        }
        set_irq_ctrl(&s, 0);
        wrq(&s, cfg0, 0x50000080);
        wr(&s, cfg0 + 8, 0x22);
        g_assert_cmphex(rdq(&s, cfg0), ==, 0x50000080);
        g_assert_cmphex(rd(&s, cfg0 + 8), ==, 0x22);
    }
    smmu_stop(&s);
}

/* ---- Property validation (a separate QEMU that must refuse to start) --- */

typedef struct QemuRun {
    int exit_code;              /* -1: killed by a signal */
    char *out;
    char *err;
} QemuRun;

static void qemu_run_free(QemuRun *r)
{
    g_free(r->out);
    g_free(r->err);
}

/*
 * Run the QEMU binary under test with @args and wait (at most 60 s) for
 * it to exit.  -machine dumpdtb makes a successful start exit at once.
 */
static void run_qemu(const char *args, QemuRun *r)
{
    const char *bin = g_getenv("QTEST_QEMU_BINARY");
    g_autofree char *cmd = NULL;
    g_autofree char *out_path = NULL;
    g_autofree char *err_path = NULL;
    g_autoptr(GError) err = NULL;
    g_auto(GStrv) argv = NULL;
    int out_fd, err_fd, status = 0;
    GPid pid;
    pid_t done = 0;

    g_assert_nonnull(bin);
    cmd = g_strdup_printf("%s %s", bin, args);
    g_assert_true(g_shell_parse_argv(cmd, NULL, &argv, &err));
    out_fd = g_file_open_tmp("smmuv3-pm-out-XXXXXX", &out_path, &err);
    g_assert_no_error(err);
    err_fd = g_file_open_tmp("smmuv3-pm-err-XXXXXX", &err_path, &err);
    g_assert_no_error(err);

    g_assert_true(g_spawn_async_with_fds(NULL, argv, NULL,
                                         G_SPAWN_DO_NOT_REAP_CHILD, NULL,
                                         NULL, &pid, -1, out_fd, err_fd,
                                         &err));
    g_assert_no_error(err);
    for (int i = 0; i < 6000 && done == 0; i++) {
        done = waitpid(pid, &status, WNOHANG);
        if (done == 0) {
            g_usleep(10000);
        }
    }
    if (done == 0) {
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        g_test_message("QEMU did not exit: %s", cmd);
        g_assert_not_reached();
    }
    g_assert_cmpint(done, ==, pid);
    close(out_fd);
    close(err_fd);

    r->exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    g_assert_true(g_file_get_contents(out_path, &r->out, NULL, NULL));
    g_assert_true(g_file_get_contents(err_path, &r->err, NULL, NULL));
    unlink(out_path);
    unlink(err_path);
}

/* QEMU must refuse @args with a message containing every @needles */
static void expect_refused(const char *args, const char *const *needles)
{
    g_autofree char *dtb = NULL;
    g_autofree char *full = NULL;
    QemuRun r;
    int fd = g_file_open_tmp("smmuv3-pm-dtb-XXXXXX", &dtb, NULL);

    close(fd);
    unlink(dtb);
    full = g_strdup_printf("-machine virt,gic-version=3,dumpdtb=%s "
                           "-cpu max -accel qtest -display none -nodefaults "
                           "-net none %s", dtb, args);
    run_qemu(full, &r);
    g_test_message("%s -> exit %d, stderr: %s", full, r.exit_code, r.err);
    g_assert_cmpint(r.exit_code, ==, 1);
    g_assert_false(g_file_test(dtb, G_FILE_TEST_EXISTS));
    for (int i = 0; needles[i]; i++) {
        if (!strstr(r.err, needles[i])) {
            g_test_message("missing '%s' in: %s", needles[i], r.err);
        }
        g_assert_nonnull(strstr(r.err, needles[i]));
    }
    qemu_run_free(&r);
}

/* QEMU must accept @args: it starts, dumps its DTB and exits 0 */
static void expect_accepted(const char *args)
{
    g_autofree char *dtb = NULL;
    g_autofree char *full = NULL;
    g_autofree char *fdt = NULL;
    QemuRun r;
    int fd = g_file_open_tmp("smmuv3-pm-dtb-XXXXXX", &dtb, NULL);

    close(fd);
    full = g_strdup_printf("-machine virt,gic-version=3,dumpdtb=%s "
                           "-cpu max -accel qtest -display none -nodefaults "
                           "-net none %s", dtb, args);
    run_qemu(full, &r);
    if (r.exit_code != 0) {
        g_test_message("%s -> exit %d, stderr: %s", full, r.exit_code,
                       r.err);
    }
    g_assert_cmpint(r.exit_code, ==, 0);
    g_assert_true(g_file_get_contents(dtb, &fdt, NULL, NULL));
    g_assert_cmpint(fdt_check_header(fdt), ==, 0);
    smmu_dt_find_smmu(fdt);
    unlink(dtb);
    qemu_run_free(&r);
}

typedef struct BadProp {
    const char *name;
    const char *args;
    const char *needles[4];
} BadProp;

#define DEV "-device arm-smmuv3-pm,primary-bus=pcie.0,"

static const BadProp bad_props[] = {
    { "oas", DEV "oas=47",
      { "'oas'", "47", "32, 36, 40, 42, 44, 48, 52" } },
    { "stage", DEV "stage=s3", { "'stage'", "s3", "s1, s2, nested" } },
    { "granules", DEV "granules=8k", { "'granules'", "8k", "4k, 16k, 64k" } },
    { "granules-empty", DEV "granules=,,", { "'granules'", "4k, 16k, 64k" } },
    { "gbpa-reset", DEV "gbpa-reset=maybe",
      { "'gbpa-reset'", "maybe", "bypass, abort" } },
    { "model", DEV "model=mmu999",
      { "'model'", "mmu999", "generic, mmu600, mmu700" } },
    { "sidsize", DEV "sidsize=33", { "'sidsize'", "33", "0 to 32" } },
    { "ssidsize", DEV "ssidsize=21", { "'ssidsize'", "21", "0 to 20" } },
    { "cmdqs", DEV "cmdqs=20", { "'cmdqs'", "20", "0 to 19" } },
    { "eventqs", DEV "eventqs=20", { "'eventqs'", "0 to 19" } },
    { "priqs", DEV "priqs=20", { "'priqs'", "0 to 19" } },
    { "stall-model", DEV "stall-model=sometimes",
      { "'stall-model'", "stall, none, force" } },
    { "httu", DEV "httu=d", { "'httu'", "none, a, ad" } },
    { "tlb-repl", DEV "tlb-repl=mru",
      { "'tlb-repl'", "mru", "lru, fifo, random" } },
    { "cmds-per-fetch", DEV "cmds-per-fetch=0",
      { "'cmds-per-fetch'", "1 to 64" } },
    { "clock-mhz", DEV "model=mmu600,clock-mhz=0",
      { "'clock-mhz'", "1 to 10000" } },
    { "mem-cycles", DEV "mem-cycles=1000001",
      { "'mem-cycles'", "0 to 1000000" } },
    { "timing", DEV "timing=sometimes", { "'timing'", "sometimes" } },
    { "walk-cache-repl", DEV "walk-cache-repl=mru",
      { "'walk-cache-repl'", "mru", "lru, fifo, random" } },
    { "cfg-cache-repl", DEV "cfg-cache-repl=mru",
      { "'cfg-cache-repl'", "mru", "lru, fifo, random" } },
    { "utlb-entries", DEV "utlb-entries=257",
      { "utlb-entries", "from 0 (no micro-TLB) to 256", "257" } },
    { "fixed-global-enum",
      "-machine iommu=smmuv3-pm -global arm-smmuv3-pm.stage=s3",
      { "'stage'", "s3", "s1, s2, nested" } },
    { "msi-devid", DEV "msi-devid=65536", { "'msi-devid'", "0 to 65535" } },
    { "pri-without-ats", DEV "pri=on,ats=off", { "'pri'", "'ats'" } },
    { "oas52-without-64k", DEV "oas=52,granules=4k,,16k",
      { "'oas'", "64k" } },
    { "ssidsize-s2", DEV "stage=s2,ssidsize=5", { "'ssidsize'", "s2" } },
    { "ril-before-v3.2", DEV "model=mmu600,ril=on",
      { "'ril'", "SMMUv3.2", "mmu600" } },
    { "no-primary-bus", "-device arm-smmuv3-pm",
      { "'primary-bus'" } },
    { "fixed-global", "-machine iommu=smmuv3-pm -global arm-smmuv3-pm.oas=47",
      { "'oas'", "32, 36, 40, 42, 44, 48, 52" } },
    { "with-iommu-smmuv3",
      "-machine iommu=smmuv3 -device arm-smmuv3-pm,primary-bus=pcie.0",
      { "arm-smmuv3-pm", "iommu=smmuv3" } },
    { "with-iommu-smmuv3-pm",
      "-machine iommu=smmuv3-pm -device arm-smmuv3-pm,primary-bus=pcie.0",
      { "arm-smmuv3-pm", "iommu=smmuv3-pm" } },
    { "twice", DEV "id=a -device arm-smmuv3-pm,primary-bus=pcie.0,id=b",
      { "arm-smmuv3-pm" } },
    { "virtio-iommu-first",
      "-device virtio-iommu-pci -device arm-smmuv3-pm,primary-bus=pcie.0",
      { "arm-smmuv3-pm", "virtio-iommu" } },
    { "fixed-with-virtio-iommu",
      "-machine iommu=smmuv3-pm -device virtio-iommu-pci",
      { "virtio-iommu-pci", "IOMMU" } },
    { "virtio-iommu-second",
      "-device arm-smmuv3-pm,primary-bus=pcie.0 -device virtio-iommu-pci",
      { "virtio-iommu-pci", "IOMMU" } },
    /* The SMMU's power domain (power-domain.c) */
    { "power-controller-not-provider",
      "-device pci-testdev,id=t0 " DEV "power-controller=t0",
      { "'power-controller'", "'t0' is a pci-testdev",
        "not a power-domain provider (arm-pck600-ppu, arm-scmi-power)" } },
    { "power-domain-out-of-range",
      "-device arm-scmi-power,id=pd0,num-domains=2 "
      DEV "power-controller=pd0,power-domain=2",
      { "'power-domain'", "'pd0' has 2 domain(s)", "0 to 1" } },
    { "power-domain-out-of-range-ppu",
      "-device arm-pck600-ppu,id=ppu0 "
      DEV "power-controller=ppu0,power-domain=11",
      { "'power-domain'", "'ppu0' has 11 domain(s)", "0 to 10" } },
    { "power-domain-without-controller", DEV "power-domain=1",
      { "'power-domain'", "'power-controller'" } },
    /* Power gating (power.c) */
    { "power-retention", DEV "power-retention=caches",
      { "'power-retention'", "caches", "none, registers" } },
    { "power-up-caches", DEV "power-up-caches=dirty",
      { "'power-up-caches'", "dirty", "clean, stale, garbage" } },
    { "power-off-access", DEV "power-off-access=ones",
      { "'power-off-access'", "ones", "raz, bus-error" } },
    { "power-on-at-reset-with-controller",
      "-device arm-scmi-power,id=pd0 "
      DEV "power-controller=pd0,power-on-at-reset=on",
      { "'power-on-at-reset'", "'power-controller'", "domain-states" } },
    /* arm-scmi-power's own properties */
    { "scmi-num-domains", "-device arm-scmi-power,num-domains=0",
      { "'num-domains'", "1 to 32" } },
    { "scmi-num-domains-33", "-device arm-scmi-power,num-domains=33",
      { "'num-domains'", "1 to 32" } },
    { "scmi-names-count", "-device arm-scmi-power,domain-names=a,,b",
      { "'domain-names'", "2 name(s)", "'num-domains' is 1" } },
    { "scmi-name-long",
      "-device arm-scmi-power,domain-names=abcdefghijklmnop",
      { "'domain-names'", "abcdefghijklmnop", "1 to 15" } },
    { "scmi-names-twice",
      "-device arm-scmi-power,num-domains=2,domain-names=a,,a",
      { "'domain-names'", "'a' appears twice" } },
    { "scmi-state", "-device arm-scmi-power,domain-states=retention",
      { "'domain-states'", "retention", "on, off" } },
    { "scmi-states-count",
      "-device arm-scmi-power,num-domains=3,domain-states=on,,off",
      { "'domain-states'", "2 state(s)" } },
    { "scmi-smc-id-psci", "-device arm-scmi-power,smc-id=0x84000010",
      { "'smc-id'", "0x84000010", "SiP" } },
    { "scmi-smc-id-yielding", "-device arm-scmi-power,smc-id=0x02000010",
      { "'smc-id'", "0x2000010", "fast-call" } },
    { "scmi-smc-id-mbz", "-device arm-scmi-power,smc-id=0x82010010",
      { "'smc-id'", "0x82010010" } },
    { "scmi-twice", "-device arm-scmi-power -device arm-scmi-power",
      { "only one arm-scmi-power" } },
    { "scmi-no-psci-conduit",
      "-machine secure=on -bios /dev/null -device arm-scmi-power",
      { "arm-scmi-power", "PSCI", "conduit" } },
    /* arm-pck600-ppu's own properties */
    { "ppu-num-domains", "-device arm-pck600-ppu,num-domains=0",
      { "arm-pck600-ppu", "'num-domains'", "1 to 32" } },
    { "ppu-num-domains-33", "-device arm-pck600-ppu,num-domains=33",
      { "'num-domains'", "1 to 32" } },
    { "ppu-state", "-device arm-pck600-ppu,domain-states=mem-ret",
      { "'domain-states'", "mem-ret", "on, off" } },
    { "ppu-states-count",
      "-device arm-pck600-ppu,num-domains=3,domain-states=on,,off",
      { "'domain-states'", "2 state(s)" } },
};

static void test_bad_prop(const void *opaque)
{
    const BadProp *b = opaque;

    expect_refused(b->args, b->needles);
}

/* Edge values that must be accepted */
static void test_good_props(void)
{
    static const char *const good[] = {
        DEV "oas=32,sidsize=0,ssidsize=0,cmdqs=0,eventqs=0,priqs=0",
        DEV "oas=52,granules=64k,sidsize=32,ssidsize=20,cmdqs=19",
        DEV "granules=4K,,16k,,64k,stall-model=force,httu=ad,ril=off",
        DEV "stage=s2,ssidsize=0,msi=off,msi-devid=65535",
        DEV "ats=on,pri=on,priqs=19,model=mmu600,gbpa-reset=abort",
        DEV "model=mmu700,stage=s1,msi-devid=0",
        DEV "utlb-entries=0",
        DEV "utlb-entries=256,model=mmu600",
        "-machine iommu=smmuv3-pm -global arm-smmuv3-pm.model=mmu700",
        "-machine iommu=smmuv3-pm -global arm-smmuv3-pm.stage=auto "
        "-global arm-smmuv3-pm.tlb-repl=random",
        "-device arm-scmi-power,id=pd0,num-domains=32,smc-id=0xc200ffff "
        DEV "power-controller=pd0,power-domain=31",
        "-device arm-scmi-power,id=pd0,smc-id=0x86000000,"
        "domain-names=abcdefghijklmno,domain-states=off "
        DEV "power-controller=pd0",
        "-device arm-pck600-ppu,id=ppu0,num-domains=32,domain-states=off,"
        "transition-latency-ns=0 " DEV "power-controller=ppu0,"
        "power-domain=31",
        "-device arm-pck600-ppu,id=ppu0,num-domains=1 -device arm-pck600-ppu "
        DEV "power-controller=ppu0",
    };

    for (int i = 0; i < G_N_ELEMENTS(good); i++) {
        expect_accepted(good[i]);
    }
}

/* A PCI device created before the SMMU bypasses it: the user is told */
static void test_early_device_warning(void)
{
    g_autofree char *dtb = NULL;
    g_autofree char *args = NULL;
    QemuRun r;
    int fd = g_file_open_tmp("smmuv3-pm-dtb-XXXXXX", &dtb, NULL);

    close(fd);
    args = g_strdup_printf("-machine virt,gic-version=3,dumpdtb=%s -cpu max "
                           "-accel qtest -display none -nodefaults "
                           "-device edu,addr=0x3 "
                           "-device arm-smmuv3-pm,primary-bus=pcie.0", dtb);
    run_qemu(args, &r);
    unlink(dtb);
    g_assert_cmpint(r.exit_code, ==, 0);
    g_assert_nonnull(strstr(r.err, "'edu' (03.0) was created before the "
                            "SMMU"));
    qemu_run_free(&r);

    /* and not when the SMMU comes first */
    g_free(dtb);
    fd = g_file_open_tmp("smmuv3-pm-dtb-XXXXXX", &dtb, NULL);
    close(fd);
    g_free(args);
    args = g_strdup_printf("-machine virt,gic-version=3,dumpdtb=%s -cpu max "
                           "-accel qtest -display none -nodefaults "
                           "-device arm-smmuv3-pm,primary-bus=pcie.0 "
                           "-device edu,addr=0x3", dtb);
    run_qemu(args, &r);
    unlink(dtb);
    g_assert_cmpint(r.exit_code, ==, 0);
    g_assert_null(strstr(r.err, "created before the SMMU"));
    qemu_run_free(&r);
}

static void test_device_help(void)
{
    static const char *const props[] = {
        "primary-bus", "model", "stage", "oas", "sidsize", "ssidsize",
        "cmdqs", "eventqs", "priqs", "msi", "ats", "pri", "ril",
        "stall-model", "httu", "granules", "gbpa-reset", "msi-devid",
        "utlb-entries", "inject-gerror",
    };
    g_autofree char *all = NULL;
    QemuRun r;

    run_qemu("-machine virt -device arm-smmuv3-pm,help", &r);
    g_assert_cmpint(r.exit_code, ==, 0);
    all = g_strconcat(r.out, r.err, NULL);
    g_assert_nonnull(strstr(all, "arm-smmuv3-pm options:"));
    for (int i = 0; i < G_N_ELEMENTS(props); i++) {
        g_autofree char *line = g_strdup_printf("\n  %s=", props[i]);

        if (!strstr(all, line)) {
            g_test_message("'%s' not listed in: %s", props[i], all);
        }
        g_assert_nonnull(strstr(all, line));
    }
    qemu_run_free(&r);
}

/* ---- Choice properties are QEMU enums ---------------------------------- */

typedef struct EnumProp {
    const char *name;
    const char *type;           /* what help and QMP call the enum */
    const char *def;
    const char *values[5];      /* every valid value, NULL-terminated */
} EnumProp;

/* "auto": the model preset's value, the default where the preset decides */
static const EnumProp enum_props[] = {
    { "model", "SmmuPmModel", "generic",
      { "generic", "mmu600", "mmu700" } },
    { "stage", "SmmuPmStage", "auto", { "s1", "s2", "nested", "auto" } },
    { "stall-model", "SmmuPmStallModel", "auto",
      { "stall", "none", "force", "auto" } },
    { "httu", "SmmuPmHttu", "auto", { "none", "a", "ad", "auto" } },
    { "gbpa-reset", "SmmuPmGbpaReset", "auto",
      { "bypass", "abort", "auto" } },
    { "tlb-repl", "SmmuPmRepl", "lru", { "lru", "fifo", "random" } },
    { "walk-cache-repl", "SmmuPmRepl", "lru", { "lru", "fifo", "random" } },
    { "cfg-cache-repl", "SmmuPmRepl", "lru", { "lru", "fifo", "random" } },
    { "power-retention", "SmmuPmRetention", "none",
      { "none", "registers" } },
    { "power-up-caches", "SmmuPmPowerUpCaches", "clean",
      { "clean", "stale", "garbage" } },
    { "power-off-access", "SmmuPmOffAccess", "raz", { "raz", "bus-error" } },
};

/* The entry named @name in a qom-list-properties-style answer */
static QDict *find_prop_info(QList *list, const char *name)
{
    QListEntry *e;

    QLIST_FOREACH_ENTRY(list, e) {
        QDict *d = qobject_to(QDict, qlist_entry_obj(e));

        if (!strcmp(qdict_get_str(d, "name"), name)) {
            return d;
        }
    }
    g_test_message("property '%s' not listed", name);
    g_assert_not_reached();
}

/* Every value of @values appears in @description */
static void assert_lists_values(const char *name, const char *description,
                                const char *const *values)
{
    for (int i = 0; values[i]; i++) {
        if (!strstr(description, values[i])) {
            g_test_message("'%s': '%s' missing in \"%s\"", name, values[i],
                           description);
        }
        g_assert_nonnull(strstr(description, values[i]));
    }
}

static void check_prop_list(QTestState *qts, const char *command)
{
    static const char *const granules[] = { "4k", "16k", "64k", NULL };
    QDict *rsp = qtest_qmp(qts, "{'execute': %s, 'arguments': "
                           "{'typename': 'arm-smmuv3-pm'}}", command);
    QList *list = qdict_get_qlist(rsp, "return");
    QDict *d;

    g_assert_nonnull(list);
    for (int i = 0; i < G_N_ELEMENTS(enum_props); i++) {
        const EnumProp *p = &enum_props[i];

        d = find_prop_info(list, p->name);
        g_assert_cmpstr(qdict_get_str(d, "type"), ==, p->type);
        g_assert_cmpstr(qdict_get_str(d, "default-value"), ==, p->def);
        assert_lists_values(p->name, qdict_get_str(d, "description"),
                            p->values);
    }
    /* a set of granules, not one choice: a string whose help lists them */
    d = find_prop_info(list, "granules");
    g_assert_cmpstr(qdict_get_str(d, "type"), ==, "str");
    assert_lists_values("granules", qdict_get_str(d, "description"),
                        granules);
    qobject_unref(rsp);
}

/* QMP reports each choice's enum type, default and values, not "str" */
static void test_enum_prop_types(void)
{
    QTestState *qts = qtest_init("-machine none");

    check_prop_list(qts, "qom-list-properties");
    check_prop_list(qts, "device-list-properties");
    qtest_quit(qts);
}

/* -device ...,help shows the same */
static void test_enum_prop_help(void)
{
    g_autofree char *all = NULL;
    QemuRun r;

    run_qemu("-machine virt -device arm-smmuv3-pm,help", &r);
    g_assert_cmpint(r.exit_code, ==, 0);
    all = g_strconcat(r.out, r.err, NULL);
    for (int i = 0; i < G_N_ELEMENTS(enum_props); i++) {
        const EnumProp *p = &enum_props[i];
        g_autofree char *head = g_strdup_printf("\n  %s=<%s>", p->name,
                                                p->type);
        g_autofree char *def = g_strdup_printf("(default: %s)\n", p->def);
        const char *line = strstr(all, head);
        g_autofree char *text = NULL;

        if (!line) {
            g_test_message("'%s' not listed in: %s", head, all);
        }
        g_assert_nonnull(line);
        line++;
        text = g_strndup(line, strchrnul(line, '\n') - line + 1);
        assert_lists_values(p->name, text, p->values);
        g_assert_true(g_str_has_suffix(text, def));
    }
    qemu_run_free(&r);
}

/* A bad value: refused when set, naming the property and every value */
static void test_enum_prop_refused(const void *opaque)
{
    const EnumProp *p = opaque;
    g_autofree char *valid = g_strjoinv(", ", (char **)p->values);
    g_autofree char *args = g_strdup_printf(DEV "%s=bogus", p->name);
    g_autofree char *msg =
        g_strdup_printf("arm-smmuv3-pm: invalid value 'bogus' for property "
                        "'%s': valid values are %s\n", p->name, valid);
    const char *const needles[] = { msg, NULL };

    expect_refused(args, needles);
}

/* Every value is accepted and reads back */
static void test_enum_prop_accepted(const void *opaque)
{
    const EnumProp *p = opaque;

    for (int i = 0; p->values[i]; i++) {
        g_autofree char *props = g_strdup_printf("%s=%s", p->name,
                                                 p->values[i]);
        QDict *rsp;
        Smmu s;

        smmu_start(&s, false, props, NULL);
        rsp = qtest_qmp(s.qts, "{'execute': 'qom-get', 'arguments': "
                        "{'path': %s, 'property': %s}}", s.qom_path,
                        p->name);
        g_assert_cmpstr(qdict_get_str(rsp, "return"), ==, p->values[i]);
        qobject_unref(rsp);
        smmu_stop(&s);
    }
}

/* ---- PCI DMA with SMMUEN=0: bypass or abort per GBPA ------------------- */

#define EDU_SLOT            2
#define EDU_ID              0x00
#define EDU_DMA_SRC         0x80
#define EDU_DMA_DST         0x88
#define EDU_DMA_CNT         0x90
#define EDU_DMA_CMD         0x98
#define EDU_DMA_RUN         0x1
#define EDU_DMA_TO_RAM      0x2
#define EDU_DMA_BUF         0x40000
#define DMA_LEN             256

typedef struct Edu {
    Smmu *s;
    uint64_t bar;               /* CPU address of BAR0 */
} Edu;

static void edu_init(Edu *e, Smmu *s)
{
    uint64_t cfg = s->dt.ecam_base + (EDU_SLOT << 15);
    uint64_t bar_pci = s->dt.pci_mmio32_pci;
    QTestState *qts = s->qts;

    e->s = s;
    g_assert_cmphex(qtest_readl(qts, cfg + PCI_VENDOR_ID), ==, 0x11e81234);
    qtest_writel(qts, cfg + PCI_BASE_ADDRESS_0, bar_pci);
    qtest_writew(qts, cfg + PCI_COMMAND,
                 PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
    e->bar = s->dt.pci_mmio32_base;
    g_assert_cmphex(qtest_readl(qts, e->bar + EDU_ID), ==, 0x010000ed);
}

/* One DMA transfer by the edu device, waited for in virtual time */
static void edu_dma(Edu *e, uint64_t src, uint64_t dst, bool to_ram)
{
    QTestState *qts = e->s->qts;

    qtest_writeq(qts, e->bar + EDU_DMA_SRC, src);
    qtest_writeq(qts, e->bar + EDU_DMA_DST, dst);
    qtest_writeq(qts, e->bar + EDU_DMA_CNT, DMA_LEN);
    qtest_writeq(qts, e->bar + EDU_DMA_CMD,
                 EDU_DMA_RUN | (to_ram ? EDU_DMA_TO_RAM : 0));
    qtest_clock_step(qts, 200 * 1000 * 1000);   /* edu waits 100 ms */
    g_assert_cmphex(qtest_readq(qts, e->bar + EDU_DMA_CMD) & EDU_DMA_RUN,
                    ==, 0);
}

static void fill(Smmu *s, uint64_t addr, uint8_t seed)
{
    uint8_t buf[DMA_LEN];

    for (int i = 0; i < DMA_LEN; i++) {
        buf[i] = seed + i * 7;
    }
    qtest_memwrite(s->qts, addr, buf, DMA_LEN);
}

static void fill_byte(Smmu *s, uint64_t addr, uint8_t v)
{
    qtest_memset(s->qts, addr, v, DMA_LEN);
}

static bool ram_is(Smmu *s, uint64_t addr, uint8_t seed)
{
    uint8_t buf[DMA_LEN];

    qtest_memread(s->qts, addr, buf, DMA_LEN);
    for (int i = 0; i < DMA_LEN; i++) {
        if (buf[i] != (uint8_t)(seed + i * 7)) {
            return false;
        }
    }
    return true;
}

static bool ram_is_byte(Smmu *s, uint64_t addr, uint8_t v)
{
    uint8_t buf[DMA_LEN];

    qtest_memread(s->qts, addr, buf, DMA_LEN);
    for (int i = 0; i < DMA_LEN; i++) {
        if (buf[i] != v) {
            return false;
        }
    }
    return true;
}

typedef struct DmaCase {
    bool fixed;
    bool reset_abort;           /* gbpa-reset=abort */
} DmaCase;

static void test_dma_gbpa(const void *opaque)
{
    const DmaCase *dc = opaque;
    const uint8_t marker = 0x5a;
    uint64_t a, b, c, d, e2;
    Smmu s;
    Edu e;

    if (!qtest_has_device("edu")) {
        g_test_skip("the edu PCI device (CONFIG_EDU) is not compiled in");
        return;
    }
    smmu_start(&s, dc->fixed, dc->reset_abort ? "gbpa-reset=abort" : "",
               "-device edu,addr=0x2,dma_mask=0xffffffffffffffff");
    a = s.dt.ram_base + 0x4000000;
    b = a + 0x1000;
    c = a + 0x2000;
    d = a + 0x3000;
    e2 = a + 0x4000;
    fill(&s, a, 1);
    fill_byte(&s, b, marker);
    fill_byte(&s, c, marker);
    fill_byte(&s, d, marker);
    fill_byte(&s, e2, marker);
    edu_init(&e, &s);
    g_assert_cmphex(rd(&s, CR0ACK) & CR0_SMMUEN, ==, 0);

    if (dc->reset_abort) {
        /* aborted from reset: neither direction gets through */
        g_assert_cmphex(rd(&s, GBPA), ==, GBPA_ABORT | 0x1000);
        edu_dma(&e, a, EDU_DMA_BUF, false);
        edu_dma(&e, EDU_DMA_BUF, b, true);
        g_assert_true(ram_is_byte(&s, b, marker));
        /* a GBPA write without UPDATE changes nothing */
        wr(&s, GBPA, 0x1000);
        edu_dma(&e, a, EDU_DMA_BUF, false);
        edu_dma(&e, EDU_DMA_BUF, b, true);
        g_assert_true(ram_is_byte(&s, b, marker));
        /* GBPA.UPDATE with ABORT=0: bypass */
        set_gbpa(&s, 0x1000);
        edu_dma(&e, a, EDU_DMA_BUF, false);
        edu_dma(&e, EDU_DMA_BUF, b, true);
        g_assert_true(ram_is(&s, b, 1));
        smmu_stop(&s);
        return;
    }

    /* bypass at reset: RAM -> edu -> RAM */
    g_assert_cmphex(rd(&s, GBPA), ==, 0x1000);
    edu_dma(&e, a, EDU_DMA_BUF, false);
    edu_dma(&e, EDU_DMA_BUF, b, true);
    g_assert_true(ram_is(&s, b, 1));

    /* a GBPA write without UPDATE is ignored: still bypassing */
    wr(&s, GBPA, GBPA_ABORT);
    edu_dma(&e, EDU_DMA_BUF, e2, true);
    g_assert_true(ram_is(&s, e2, 1));

    /* GBPA.ABORT=1: the device's writes are aborted... */
    set_gbpa(&s, GBPA_ABORT);
    edu_dma(&e, EDU_DMA_BUF, c, true);
    g_assert_true(ram_is_byte(&s, c, marker));
    /*
     * ... and so are its reads: the device does not get RAM's data (QEMU
     * completes an aborted read with zeros, which edu stores in its buffer)
     */
    fill(&s, a, 77);
    edu_dma(&e, a, EDU_DMA_BUF, false);

    /* bypass again: the buffer does not hold pattern 77 */
    set_gbpa(&s, 0x1000);
    edu_dma(&e, EDU_DMA_BUF, d, true);
    g_assert_false(ram_is(&s, d, 77));
    g_assert_false(ram_is_byte(&s, d, marker));
    /* and new reads work */
    edu_dma(&e, a, EDU_DMA_BUF, false);
    edu_dma(&e, EDU_DMA_BUF, c, true);
    g_assert_true(ram_is(&s, c, 77));
    smmu_stop(&s);
}

static const DmaCase dma_cases[] = {
    { false, false }, { false, true }, { true, false }, { true, true },
};

/* ---- main -------------------------------------------------------------- */

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);

    for (int i = 0; i < G_N_ELEMENTS(id_cases); i++) {
        g_autofree char *path = g_strdup_printf("/smmuv3-pm/reset/%s",
                                                id_cases[i].name);

        qtest_add_data_func(path, &id_cases[i], test_id_regs);
    }
    qtest_add_func("/smmuv3-pm/reset/fixed", test_reset_fixed);
    qtest_add_func("/smmuv3-pm/reset/system-reset",
                   test_reset_after_system_reset);

    qtest_add_func("/smmuv3-pm/handshake/cr0", test_cr0_handshake);
    qtest_add_func("/smmuv3-pm/handshake/gbpa", test_gbpa_handshake);
    qtest_add_func("/smmuv3-pm/handshake/irq-ctrl", test_irq_ctrl_handshake);

    qtest_add_func("/smmuv3-pm/gerror/toggle", test_gerror_toggle);
    qtest_add_data_func("/smmuv3-pm/gerror/irq/device", GINT_TO_POINTER(0),
                        test_gerror_irq);
    qtest_add_data_func("/smmuv3-pm/gerror/irq/fixed", GINT_TO_POINTER(1),
                        test_gerror_irq);
    qtest_add_data_func("/smmuv3-pm/gerror/msi/device", GINT_TO_POINTER(0),
                        test_gerror_msi);
    qtest_add_data_func("/smmuv3-pm/gerror/msi/fixed", GINT_TO_POINTER(1),
                        test_gerror_msi);

    qtest_add_func("/smmuv3-pm/access/size", test_access_size);
    qtest_add_func("/smmuv3-pm/access/64bit-halves", test_64bit_halves);
    qtest_add_func("/smmuv3-pm/access/read-only", test_read_only);
    qtest_add_func("/smmuv3-pm/access/raz-wi", test_raz_wi);
    qtest_add_func("/smmuv3-pm/access/absent-features", test_absent_features);
    qtest_add_func("/smmuv3-pm/access/queue-indexes", test_queue_indexes);

    qtest_add_func("/smmuv3-pm/constrained/queue-base",
                   test_constrained_queues);
    qtest_add_func("/smmuv3-pm/constrained/strtab", test_constrained_strtab);
    qtest_add_func("/smmuv3-pm/constrained/irq-cfg",
                   test_constrained_irq_cfg);

    for (int i = 0; i < G_N_ELEMENTS(bad_props); i++) {
        g_autofree char *path = g_strdup_printf("/smmuv3-pm/props/refused/%s",
                                                bad_props[i].name);

        qtest_add_data_func(path, &bad_props[i], test_bad_prop);
    }
    qtest_add_func("/smmuv3-pm/props/accepted", test_good_props);
    qtest_add_func("/smmuv3-pm/props/help", test_device_help);
    qtest_add_func("/smmuv3-pm/props/enum/types", test_enum_prop_types);
    qtest_add_func("/smmuv3-pm/props/enum/help", test_enum_prop_help);
    for (int i = 0; i < G_N_ELEMENTS(enum_props); i++) {
        g_autofree char *refused =
            g_strdup_printf("/smmuv3-pm/props/enum/refused/%s",
                            enum_props[i].name);
        g_autofree char *accepted =
            g_strdup_printf("/smmuv3-pm/props/enum/accepted/%s",
                            enum_props[i].name);

        qtest_add_data_func(refused, &enum_props[i], test_enum_prop_refused);
        qtest_add_data_func(accepted, &enum_props[i],
                            test_enum_prop_accepted);
    }
    if (qtest_has_device("edu")) {
        qtest_add_func("/smmuv3-pm/props/early-device-warning",
                       test_early_device_warning);
    }

    for (int i = 0; i < G_N_ELEMENTS(dma_cases); i++) {
        g_autofree char *path =
            g_strdup_printf("/smmuv3-pm/dma/%s/%s",
                            dma_cases[i].fixed ? "fixed" : "device",
                            dma_cases[i].reset_abort ? "reset-abort"
                                                     : "reset-bypass");

        qtest_add_data_func(path, &dma_cases[i], test_dma_gbpa);
    }

    smmuv3_pm_dt_register_tests();
    return g_test_run();
}
