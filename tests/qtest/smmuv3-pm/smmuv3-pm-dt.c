/*
 * arm-smmuv3-pm qtest: device tree checks
 *
 * The machine's FDT is dumped with QMP "dumpdtb" and parsed with libfdt.
 * The SMMU node must follow the Linux "arm,smmu-v3" binding exactly, for
 * both ways of creating the device:
 *
 *   -device arm-smmuv3-pm,primary-bus=pcie.0   (under /platform-bus@c000000)
 *   -M virt,iommu=smmuv3-pm                    (/smmuv3@9050000)
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include <libfdt.h>
#include "tests/qtest/libqtest.h"
#include "qobject/qdict.h"
#include "qobject/qstring.h"
#include "smmuv3-pm-dt.h"
#include "qtest-util.h"

#define SMMU_COMPAT         "arm,smmu-v3"
#define SMMU_REGION_SIZE    0x20000
#define SMMU_DEFAULT_DEVID  0xff00

/* virt's memory and interrupt maps (hw/arm/virt.c) */
#define VIRT_SMMU_BASE          0x09050000
#define VIRT_SMMU_FIRST_SPI     74
#define VIRT_PBUS_BASE          0x0c000000
#define VIRT_PBUS_SIZE          0x02000000
#define VIRT_PBUS_FIRST_SPI     112
#define VIRT_PBUS_NUM_SPIS      64

/* GIC DT interrupt specifier (Documentation/devicetree/bindings/...gic) */
#define GIC_DT_SPI          0
#define GIC_DT_EDGE_RISING  1

/* CoreSight CIDR0..3 of an SMMUv3 register page */
#define SMMU_CIDR0          0xff0

/* ---- Generic libfdt helpers -------------------------------------------- */

static uint64_t read_cells(const fdt32_t *p, int n)
{
    uint64_t v = 0;

    for (int i = 0; i < n; i++) {
        v = (v << 32) | fdt32_to_cpu(p[i]);
    }
    return v;
}

void *smmu_dt_fetch(QTestState *qts)
{
    g_autofree char *path = NULL;
    g_autoptr(GError) err = NULL;
    char *fdt;
    gsize len;
    int fd;

    fd = g_file_open_tmp("smmuv3-pm-dtb-XXXXXX", &path, &err);
    g_assert_no_error(err);
    close(fd);

    qtest_qmp_assert_success(qts, "{'execute': 'dumpdtb',"
                             " 'arguments': {'filename': %s}}", path);
    g_assert_true(g_file_get_contents(path, &fdt, &len, &err));
    g_assert_no_error(err);
    unlink(path);

    g_assert_cmpint(fdt_check_header(fdt), ==, 0);
    g_assert_cmpuint(fdt_totalsize(fdt), <=, len);
    return fdt;
}

int smmu_dt_find_smmu(const void *fdt)
{
    int node = fdt_node_offset_by_compatible(fdt, -1, SMMU_COMPAT);

    g_assert_cmpint(node, >=, 0);
    /* exactly one SMMU */
    g_assert_cmpint(fdt_node_offset_by_compatible(fdt, node, SMMU_COMPAT),
                    ==, -FDT_ERR_NOTFOUND);
    return node;
}

/* Translate @addr, a child address of bus node @bus, into @bus's parent */
static uint64_t translate_ranges(const void *fdt, int bus, uint64_t addr)
{
    int parent = fdt_parent_offset(fdt, bus);
    int cac = fdt_address_cells(fdt, bus);
    int csc = fdt_size_cells(fdt, bus);
    int pac = fdt_address_cells(fdt, parent);
    int entry = cac + pac + csc;
    const fdt32_t *ranges;
    int len;

    ranges = fdt_getprop(fdt, bus, "ranges", &len);
    g_assert_nonnull(ranges);           /* no ranges: not translatable */
    if (len == 0) {
        return addr;                    /* identity mapping */
    }
    g_assert_cmpint(len % (entry * 4), ==, 0);
    for (int i = 0; i < len / 4; i += entry) {
        uint64_t child = read_cells(ranges + i, cac);
        uint64_t paddr = read_cells(ranges + i + cac, pac);
        uint64_t size = read_cells(ranges + i + cac + pac, csc);

        if (addr >= child && addr - child < size) {
            return addr - child + paddr;
        }
    }
    g_assert_not_reached();
}

uint64_t smmu_dt_reg_address(const void *fdt, int node, int index,
                             uint64_t *size)
{
    int parent = fdt_parent_offset(fdt, node);
    int ac = fdt_address_cells(fdt, parent);
    int sc = fdt_size_cells(fdt, parent);
    const fdt32_t *reg;
    uint64_t addr;
    int len;

    g_assert_cmpint(parent, >=, 0);
    reg = fdt_getprop(fdt, node, "reg", &len);
    g_assert_nonnull(reg);
    g_assert_cmpint(len, >=, (index + 1) * (ac + sc) * 4);
    reg += index * (ac + sc);
    addr = read_cells(reg, ac);
    if (size) {
        *size = read_cells(reg + ac, sc);
    }
    for (int bus = parent; bus != 0; bus = fdt_parent_offset(fdt, bus)) {
        addr = translate_ranges(fdt, bus, addr);
    }
    return addr;
}

static int find_compatible(const void *fdt, const char *compat)
{
    return fdt_node_offset_by_compatible(fdt, -1, compat);
}

static const fdt32_t *getprop_cells(const void *fdt, int node,
                                    const char *name, int *ncells)
{
    int len;
    const fdt32_t *p = fdt_getprop(fdt, node, name, &len);

    if (!p) {
        *ncells = 0;
        return NULL;
    }
    g_assert_cmpint(len % 4, ==, 0);
    *ncells = len / 4;
    return p;
}

static uint32_t getprop_u32(const void *fdt, int node, const char *name)
{
    int n;
    const fdt32_t *p = getprop_cells(fdt, node, name, &n);

    g_assert_nonnull(p);
    g_assert_cmpint(n, ==, 1);
    return fdt32_to_cpu(p[0]);
}

uint32_t smmu_dt_prop_u32(const void *fdt, int node, const char *name)
{
    return getprop_u32(fdt, node, name);
}

/* The machine-wide part of SmmuDtInfo: GIC, RAM and the PCIe host */
static void dt_machine_info(const void *fdt, SmmuDtInfo *info)
{
    int pcie, gic, mem, n;
    const fdt32_t *p;

    gic = find_compatible(fdt, "arm,gic-v3");
    if (gic < 0) {
        gic = find_compatible(fdt, "arm,cortex-a15-gic");
    }
    g_assert_cmpint(gic, >=, 0);
    info->gic_dist_base = smmu_dt_reg_address(fdt, gic, 0, NULL);

    mem = fdt_node_offset_by_prop_value(fdt, -1, "device_type", "memory",
                                        sizeof("memory"));
    g_assert_cmpint(mem, >=, 0);
    info->ram_base = smmu_dt_reg_address(fdt, mem, 0, &info->ram_size);

    pcie = find_compatible(fdt, "pci-host-ecam-generic");
    g_assert_cmpint(pcie, >=, 0);
    info->ecam_base = smmu_dt_reg_address(fdt, pcie, 0, NULL);

    /* ranges: <phys.hi phys.mid phys.lo> <cpu addr> <size> */
    p = getprop_cells(fdt, pcie, "ranges", &n);
    g_assert_nonnull(p);
    {
        int pac = fdt_address_cells(fdt, fdt_parent_offset(fdt, pcie));
        int entry = 3 + pac + 2;

        g_assert_cmpint(n % entry, ==, 0);
        for (int i = 0; i < n; i += entry) {
            uint32_t space = (fdt32_to_cpu(p[i]) >> 24) & 3;

            if (space == 2) {       /* 32-bit memory space */
                info->pci_mmio32_pci = read_cells(p + i + 1, 2);
                info->pci_mmio32_base = read_cells(p + i + 3, pac);
                info->pci_mmio32_size = read_cells(p + i + 3 + pac, 2);
            }
        }
    }
    g_assert_cmpuint(info->pci_mmio32_size, !=, 0);
}

void smmu_dt_info(QTestState *qts, SmmuDtInfo *info)
{
    g_autofree void *fdt = smmu_dt_fetch(qts);
    int node = smmu_dt_find_smmu(fdt);
    const fdt32_t *p;
    int n;

    memset(info, 0, sizeof(*info));
    info->base = smmu_dt_reg_address(fdt, node, 0, &info->size);
    info->phandle = fdt_get_phandle(fdt, node);

    p = getprop_cells(fdt, node, "interrupts", &n);
    g_assert_cmpint(n, ==, SMMU_DT_NUM_IRQS * 3);
    for (int i = 0; i < SMMU_DT_NUM_IRQS; i++) {
        g_assert_cmpuint(fdt32_to_cpu(p[i * 3]), ==, GIC_DT_SPI);
        info->spi[i] = fdt32_to_cpu(p[i * 3 + 1]);
    }
    dt_machine_info(fdt, info);
}

void smmu_dt_machine_info(QTestState *qts, SmmuDtInfo *info)
{
    g_autofree void *fdt = smmu_dt_fetch(qts);

    memset(info, 0, sizeof(*info));
    dt_machine_info(fdt, info);
}

uint64_t smmu_base(QTestState *qts)
{
    g_autofree void *fdt = smmu_dt_fetch(qts);

    return smmu_dt_reg_address(fdt, smmu_dt_find_smmu(fdt), 0, NULL);
}

/* ---- The checks -------------------------------------------------------- */

typedef enum {
    MSI_PARENT_NONE,            /* no msi-parent at all */
    MSI_PARENT_ITS,             /* <its_phandle msi-devid> */
    MSI_PARENT_NO_ITS,          /* GICv2: the GICv2m frame, if any */
} MsiParentExpect;

typedef struct DtCase {
    const char *name;
    bool fixed;                 /* -M virt,iommu=smmuv3-pm */
    const char *machine;        /* extra -machine options */
    const char *props;          /* extra SMMU properties, "a=b,c=d" */
    MsiParentExpect msi_parent;
    uint32_t devid;
} DtCase;

static QTestState *dt_case_start(const DtCase *c)
{
    g_autoptr(GString) args = g_string_new(NULL);

    g_string_append_printf(args, "-machine virt,%s%s -cpu max -net none",
                           c->machine, c->fixed ? ",iommu=smmuv3-pm" : "");
    if (c->fixed) {
        g_auto(GStrv) props = g_strsplit(c->props, ",", -1);

        for (char **p = props; *p; p++) {
            if (**p) {
                g_string_append_printf(args, " -global arm-smmuv3-pm.%s", *p);
            }
        }
    } else {
        g_string_append_printf(args,
                               " -device arm-smmuv3-pm,primary-bus=pcie.0%s%s",
                               *c->props ? "," : "", c->props);
    }
    return qtest_init(args->str);
}

/* The GIC SPIs every other node of the DT uses */
static GHashTable *other_spis(const void *fdt, int smmu, uint32_t gic_phandle)
{
    GHashTable *spis = g_hash_table_new(NULL, NULL);
    int node;

    for (node = fdt_next_node(fdt, -1, NULL); node >= 0;
         node = fdt_next_node(fdt, node, NULL)) {
        const fdt32_t *p;
        int n, ip = node;
        uint32_t parent = 0;

        if (node == smmu) {
            continue;
        }
        /* interrupt-parent is inherited from the closest ancestor */
        while (ip >= 0) {
            int len;
            const fdt32_t *v = fdt_getprop(fdt, ip, "interrupt-parent", &len);

            if (v) {
                parent = fdt32_to_cpu(*v);
                break;
            }
            ip = fdt_parent_offset(fdt, ip);
        }
        p = getprop_cells(fdt, node, "interrupts", &n);
        if (p && parent == gic_phandle && n % 3 == 0) {
            for (int i = 0; i < n; i += 3) {
                if (fdt32_to_cpu(p[i]) == GIC_DT_SPI) {
                    g_hash_table_add(spis,
                                     GUINT_TO_POINTER(fdt32_to_cpu(p[i + 1])));
                }
            }
        }
    }
    return spis;
}

static void check_interrupts(const void *fdt, int node, const DtCase *c)
{
    static const char *const names[SMMU_DT_NUM_IRQS] = {
        "eventq", "priq", "cmdq-sync", "gerror",
    };
    int gic = find_compatible(fdt, "arm,gic-v3");
    g_autoptr(GHashTable) others = NULL;
    uint32_t spis[SMMU_DT_NUM_IRQS];
    const fdt32_t *p;
    int n;

    if (gic < 0) {
        gic = find_compatible(fdt, "arm,cortex-a15-gic");
    }
    g_assert_cmpint(gic, >=, 0);

    /* 4 interrupts: <GIC_SPI n IRQ_TYPE_EDGE_RISING> */
    p = getprop_cells(fdt, node, "interrupts", &n);
    g_assert_nonnull(p);
    g_assert_cmpint(n, ==, SMMU_DT_NUM_IRQS * 3);
    for (int i = 0; i < SMMU_DT_NUM_IRQS; i++) {
        g_assert_cmpuint(fdt32_to_cpu(p[i * 3]), ==, GIC_DT_SPI);
        g_assert_cmpuint(fdt32_to_cpu(p[i * 3 + 2]), ==, GIC_DT_EDGE_RISING);
        spis[i] = fdt32_to_cpu(p[i * 3 + 1]);
        if (c->fixed) {
            g_assert_cmpuint(spis[i], ==, VIRT_SMMU_FIRST_SPI + i);
        } else {
            g_assert_cmpuint(spis[i], >=, VIRT_PBUS_FIRST_SPI);
            g_assert_cmpuint(spis[i], <,
                             VIRT_PBUS_FIRST_SPI + VIRT_PBUS_NUM_SPIS);
        }
        for (int j = 0; j < i; j++) {
            g_assert_cmpuint(spis[i], !=, spis[j]);
        }
    }

    /* their parent is the GIC, and no other device uses those SPIs */
    {
        int ip = node;
        const fdt32_t *v = NULL;

        while (ip >= 0 && !(v = fdt_getprop(fdt, ip, "interrupt-parent",
                                            NULL))) {
            ip = fdt_parent_offset(fdt, ip);
        }
        g_assert_nonnull(v);
        g_assert_cmpuint(fdt32_to_cpu(*v), ==, fdt_get_phandle(fdt, gic));
    }
    others = other_spis(fdt, node, fdt_get_phandle(fdt, gic));
    for (int i = 0; i < SMMU_DT_NUM_IRQS; i++) {
        g_assert_false(g_hash_table_contains(others,
                                             GUINT_TO_POINTER(spis[i])));
    }

    g_assert_cmpint(fdt_stringlist_count(fdt, node, "interrupt-names"), ==,
                    SMMU_DT_NUM_IRQS);
    for (int i = 0; i < SMMU_DT_NUM_IRQS; i++) {
        g_assert_cmpstr(fdt_stringlist_get(fdt, node, "interrupt-names", i,
                                           NULL), ==, names[i]);
    }
}

static void check_msi_parent(const void *fdt, int node, const DtCase *c)
{
    int n, target;
    const fdt32_t *p = getprop_cells(fdt, node, "msi-parent", &n);
    int its = find_compatible(fdt, "arm,gic-v3-its");

    switch (c->msi_parent) {
    case MSI_PARENT_NONE:
        g_assert_null(p);
        break;
    case MSI_PARENT_ITS:
        g_assert_cmpint(its, >=, 0);
        g_assert_nonnull(p);
        g_assert_cmpint(n, ==, 2);
        g_assert_cmpuint(fdt32_to_cpu(p[0]), ==, fdt_get_phandle(fdt, its));
        g_assert_cmpuint(getprop_u32(fdt, its, "#msi-cells"), ==, 1);
        g_assert_cmpuint(fdt32_to_cpu(p[1]), ==, c->devid);
        break;
    case MSI_PARENT_NO_ITS:
        g_assert_cmpint(its, <, 0);     /* the machine really has no ITS */
        /* MSIs go to the GICv2m frame when there is one: no DeviceID */
        if (fdt_node_offset_by_compatible(fdt, -1, "arm,gic-v2m-frame") < 0) {
            g_assert_null(p);
            break;
        }
        g_assert_nonnull(p);
        g_assert_cmpint(n, ==, 1);
        target = fdt_node_offset_by_phandle(fdt, fdt32_to_cpu(p[0]));
        g_assert_cmpint(target, >=, 0);
        g_assert_cmpint(fdt_node_check_compatible(fdt, target,
                                                  "arm,gic-v2m-frame"), ==, 0);
        g_assert_nonnull(fdt_getprop(fdt, target, "msi-controller", NULL));
        break;
    }
}

static void check_reg(QTestState *qts, const void *fdt, int node,
                      const DtCase *c)
{
    int parent = fdt_parent_offset(fdt, node);
    const char *name = fdt_get_name(fdt, node, NULL);
    g_autofree char *unit = NULL;
    const fdt32_t *p;
    uint64_t base, size, local;
    int n;

    p = getprop_cells(fdt, node, "reg", &n);
    g_assert_nonnull(p);
    if (c->fixed) {
        /* /smmuv3@9050000, reg = <0x0 0x9050000 0x0 0x20000> */
        g_assert_cmpint(parent, ==, 0);
        g_assert_cmpint(fdt_address_cells(fdt, 0), ==, 2);
        g_assert_cmpint(fdt_size_cells(fdt, 0), ==, 2);
        g_assert_cmpint(n, ==, 4);
        local = read_cells(p, 2);
        g_assert_cmphex(local, ==, VIRT_SMMU_BASE);
        g_assert_cmphex(read_cells(p + 2, 2), ==, SMMU_REGION_SIZE);
        g_assert_cmpint(fdt_path_offset(fdt, "/smmuv3@9050000"), ==, node);
    } else {
        /* under /platform-bus@c000000: 1 address and 1 size cell */
        const fdt32_t *r;
        int rn;

        g_assert_cmpstr(fdt_get_name(fdt, parent, NULL), ==,
                        "platform-bus@c000000");
        g_assert_cmpint(fdt_parent_offset(fdt, parent), ==, 0);
        g_assert_cmpint(fdt_address_cells(fdt, parent), ==, 1);
        g_assert_cmpint(fdt_size_cells(fdt, parent), ==, 1);
        r = getprop_cells(fdt, parent, "ranges", &rn);
        g_assert_nonnull(r);
        g_assert_cmpint(rn, ==, 1 + 2 + 1);   /* child, parent(2), size */
        g_assert_cmphex(read_cells(r, 1), ==, 0);
        g_assert_cmphex(read_cells(r + 1, 2), ==, VIRT_PBUS_BASE);
        g_assert_cmphex(read_cells(r + 3, 1), ==, VIRT_PBUS_SIZE);
        g_assert_cmpint(n, ==, 2);
        local = read_cells(p, 1);
        g_assert_cmphex(read_cells(p + 1, 1), ==, SMMU_REGION_SIZE);
        g_assert_cmphex(local + SMMU_REGION_SIZE, <=, VIRT_PBUS_SIZE);
    }
    unit = g_strdup_printf("smmuv3@%" PRIx64, local);
    g_assert_cmpstr(name, ==, unit);

    base = smmu_dt_reg_address(fdt, node, 0, &size);
    g_assert_cmphex(size, ==, SMMU_REGION_SIZE);
    g_assert_cmphex(base, ==, c->fixed ? VIRT_SMMU_BASE
                                       : VIRT_PBUS_BASE + local);

    /* ... and the device really answers there: CoreSight CIDR preamble */
    g_assert_cmphex(qtest_readl(qts, base + SMMU_CIDR0), ==, 0x0d);
    g_assert_cmphex(qtest_readl(qts, base + SMMU_CIDR0 + 4), ==, 0xf0);
    g_assert_cmphex(qtest_readl(qts, base + SMMU_CIDR0 + 8), ==, 0x05);
    g_assert_cmphex(qtest_readl(qts, base + SMMU_CIDR0 + 12), ==, 0xb1);
    /* page 1 is part of the region: EVENTQ_PROD alias reads 0 at reset */
    g_assert_cmphex(qtest_readl(qts, base + 0x100a8), ==, 0);
    g_assert_cmphex(smmu_base(qts), ==, base);
}

static void check_iommu_map(const void *fdt, uint32_t phandle)
{
    int pcie = find_compatible(fdt, "pci-host-ecam-generic");
    const fdt32_t *p;
    int n;

    g_assert_cmpint(pcie, >=, 0);
    /* only one PCIe host */
    g_assert_cmpint(fdt_node_offset_by_compatible(fdt, pcie,
                                                  "pci-host-ecam-generic"),
                    ==, -FDT_ERR_NOTFOUND);
    p = getprop_cells(fdt, pcie, "iommu-map", &n);
    g_assert_nonnull(p);
    /* <rid-base iommu-phandle iommu-base length> */
    g_assert_cmpint(n, ==, 4);
    g_assert_cmphex(fdt32_to_cpu(p[0]), ==, 0);
    g_assert_cmphex(fdt32_to_cpu(p[1]), ==, phandle);
    g_assert_cmphex(fdt32_to_cpu(p[2]), ==, 0);
    g_assert_cmphex(fdt32_to_cpu(p[3]), ==, 0x10000);
}

static void test_dt_node(const void *opaque)
{
    const DtCase *c = opaque;
    QTestState *qts = dt_case_start(c);
    g_autofree void *fdt = smmu_dt_fetch(qts);
    int node = smmu_dt_find_smmu(fdt);
    const char *status;
    const void *prop;
    uint32_t phandle;
    int len;

    /* compatible = "arm,smmu-v3", nothing else */
    prop = fdt_getprop(fdt, node, "compatible", &len);
    g_assert_nonnull(prop);
    g_assert_cmpint(len, ==, sizeof(SMMU_COMPAT));
    g_assert_cmpmem(prop, len, SMMU_COMPAT, sizeof(SMMU_COMPAT));

    status = fdt_getprop(fdt, node, "status", NULL);
    if (status) {
        g_assert_cmpstr(status, ==, "okay");
    }

    check_reg(qts, fdt, node, c);
    check_interrupts(fdt, node, c);

    prop = fdt_getprop(fdt, node, "dma-coherent", &len);
    g_assert_nonnull(prop);
    g_assert_cmpint(len, ==, 0);

    g_assert_cmpuint(getprop_u32(fdt, node, "#iommu-cells"), ==, 1);

    phandle = getprop_u32(fdt, node, "phandle");
    g_assert_cmpuint(phandle, !=, 0);
    g_assert_cmpuint(phandle, !=, ~0u);
    g_assert_cmpint(fdt_node_offset_by_phandle(fdt, phandle), ==, node);

    check_msi_parent(fdt, node, c);
    check_iommu_map(fdt, phandle);

    if (c->fixed) {
        QObject *type = qom_get(qts, "/machine/smmuv3-pm", "type");

        g_assert_nonnull(qobject_to(QString, type));
        g_assert_cmpstr(qstring_get_str(qobject_to(QString, type)), ==,
                        "arm-smmuv3-pm");
        qobject_unref(type);
    }
    qtest_quit(qts);
}

/* Without an SMMU there must be neither a node nor an iommu-map */
static void test_dt_no_smmu(void)
{
    QTestState *qts = qtest_init("-machine virt,gic-version=3 -cpu max "
                                 "-net none");
    g_autofree void *fdt = smmu_dt_fetch(qts);
    int pcie = find_compatible(fdt, "pci-host-ecam-generic");

    g_assert_cmpint(find_compatible(fdt, SMMU_COMPAT), ==, -FDT_ERR_NOTFOUND);
    g_assert_cmpint(pcie, >=, 0);
    g_assert_null(fdt_getprop(fdt, pcie, "iommu-map", NULL));
    qtest_quit(qts);
}

static const DtCase dt_cases[] = {
    { "device/gicv3", false, "gic-version=3", "",
      MSI_PARENT_ITS, SMMU_DEFAULT_DEVID },
    { "device/gicv3-devid", false, "gic-version=3", "msi-devid=0x1234",
      MSI_PARENT_ITS, 0x1234 },
    { "device/gicv3-msi-off", false, "gic-version=3", "msi=off",
      MSI_PARENT_NONE },
    { "device/gicv3-its-off", false, "gic-version=3,its=off", "",
      MSI_PARENT_NONE },
    { "device/gicv2", false, "gic-version=2", "",
      MSI_PARENT_NO_ITS },
    { "device/mmu700", false, "gic-version=3", "model=mmu700",
      MSI_PARENT_ITS, SMMU_DEFAULT_DEVID },
    { "fixed/gicv3", true, "gic-version=3", "",
      MSI_PARENT_ITS, SMMU_DEFAULT_DEVID },
    { "fixed/gicv3-devid", true, "gic-version=3", "msi-devid=42",
      MSI_PARENT_ITS, 42 },
    { "fixed/gicv3-msi-off", true, "gic-version=3", "msi=off",
      MSI_PARENT_NONE },
    { "fixed/gicv2", true, "gic-version=2", "",
      MSI_PARENT_NO_ITS },
};

void smmuv3_pm_dt_register_tests(void)
{
    for (int i = 0; i < G_N_ELEMENTS(dt_cases); i++) {
        g_autofree char *path = g_strdup_printf("/smmuv3-pm/dt/%s",
                                                dt_cases[i].name);

        qtest_add_data_func(path, &dt_cases[i], test_dt_node);
    }
    qtest_add_func("/smmuv3-pm/dt/none", test_dt_no_smmu);
}
