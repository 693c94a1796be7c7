/*
 * arm-smmuv3-pm qtest: ACPI IORT description of the SMMU
 *
 * The ACPI tables the virt machine generated are read back through its
 * MMIO fw_cfg ("etc/acpi/rsdp" and "etc/acpi/tables"), the IORT is found
 * through the XSDT and its nodes are parsed with the layouts of Arm DEN
 * 0049 (E.b onwards), not with QEMU's builder constants.  The SMMUv3 node
 * must agree with the device tree and with the device itself, for both
 *
 *   -device arm-smmuv3-pm,primary-bus=pcie.0   (platform bus)
 *   -M virt,iommu=smmuv3-pm                    (fixed slot)
 *
 * and the root complex must route the RIDs of its bus range through it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include <libfdt.h>
#include "qemu/bswap.h"
#include "tests/qtest/libqtest.h"
#include "tests/qtest/libqos/fw_cfg.h"
#include "hw/pci/pci_regs.h"
#include "smmuv3-pm-dt.h"

/* virt's MMIO fw_cfg: data at +0 (up to 8 bytes wide), selector at +8 */
#define VIRT_FW_CFG_BASE        0x09020000
#define FW_CFG_DATA             0x0
#define FW_CFG_SELECTOR         0x8

#define GIC_SPI_INTID_BASE      32

/* SMMU_IDR0 (Arm IHI 0070, 6.3.1) */
#define SMMU_IDR0               0x0

/* ACPI 6.x, 5.2.5.3: RSDP; 5.2.6: system description table header */
#define RSDP_REVISION           15
#define RSDP_XSDT_ADDRESS       24
#define ACPI_HDR_LENGTH         4
#define ACPI_HDR_SIZE           36

/* Arm DEN 0049E.b, Table 2: the IORT */
#define IORT_NUM_NODES          36
#define IORT_NODES_OFFSET       40

/* Table 3: node header */
#define NODE_TYPE               0
#define NODE_LENGTH             1
#define NODE_REVISION           3
#define NODE_IDENTIFIER         4
#define NODE_NUM_MAPPINGS       8
#define NODE_MAPPINGS_OFFSET    12
#define NODE_HDR_SIZE           16

#define NODE_TYPE_ITS_GROUP     0
#define NODE_TYPE_RC            2
#define NODE_TYPE_SMMUV3        4

/* Table 4: ID mapping */
#define IDMAP_INPUT_BASE        0
#define IDMAP_NUM_IDS           4   /* number of IDs minus one */
#define IDMAP_OUTPUT_BASE       8
#define IDMAP_OUTPUT_REF        12
#define IDMAP_FLAGS             16
#define IDMAP_SIZE              20
#define IDMAP_FLAG_SINGLE       (1u << 0)

/* Table 9: SMMUv3 node */
#define SMMUV3_BASE             16
#define SMMUV3_FLAGS            24
#define SMMUV3_VATOS            32
#define SMMUV3_MODEL            40
#define SMMUV3_EVENT_GSIV       44
#define SMMUV3_PRI_GSIV         48
#define SMMUV3_GERR_GSIV        52
#define SMMUV3_SYNC_GSIV        56
#define SMMUV3_PXM              60
#define SMMUV3_DEVID_INDEX      64
#define SMMUV3_FIXED_SIZE       68
#define SMMUV3_FLAG_COHACC      (1u << 0)
#define SMMUV3_FLAG_HTTU_SHIFT  1           /* HTTU Override [2:1] */
#define SMMUV3_FLAG_HTTU_MASK   (3u << 1)
#define SMMUV3_FLAG_PXM_VALID   (1u << 3)
#define SMMUV3_FLAG_DEVID_VALID (1u << 4)
#define SMMUV3_MODEL_GENERIC    0

/* Table 12: ITS group node */
#define ITS_GROUP_NUM_ITS       16

/* Table 17: root complex node */
#define RC_FIXED_SIZE           36

/* Where the test puts a PCIe root port, and the buses it gives it */
#define ROOT_PORT_DEVFN         (1 << 3)    /* 00:01.0 */
#define PCI_CLASS_PCI_BRIDGE    0x0604
#define ROOT_PORT_SEC_BUS       1
#define ROOT_PORT_SUB_BUS       4

typedef struct IortCase {
    const char *name;
    const char *args;       /* after -machine virt,gic-version=3 */
    bool smmu;              /* an SMMU is expected */
    bool bridge;            /* a root port at 00:01.0 gets buses 1..4 */
    bool bypass;            /* pcie.0 bypasses the IOMMU */
    bool msi;               /* the SMMU signals MSIs through the ITS */
    unsigned httu;          /* its IDR0.HTTU: 0 none, 1 A, 2 AD */
} IortCase;

typedef struct IortIdMap {
    uint32_t input_base;
    uint32_t num_ids;       /* as in the table: count - 1 */
    uint32_t output_base;
    uint32_t output_ref;
    uint32_t flags;
} IortIdMap;

/* ---- fw_cfg, virt flavour ---------------------------------------------- */

/*
 * libqos's mm_fw_cfg_init() has the selector at +0 and the data at +2
 * (sun4/ppc); virt has them at +8 and +0, and its selector register is
 * big-endian, so plug virt's accessors into a QFWCFG instead.
 */
static void virt_fw_cfg_select(QFWCFG *fw_cfg, uint16_t key)
{
    /* a 16-bit little-endian store that the device sees as @key */
    qtest_writew(fw_cfg->qts, fw_cfg->base + FW_CFG_SELECTOR, bswap16(key));
}

static void virt_fw_cfg_read(QFWCFG *fw_cfg, void *data, size_t len)
{
    uint8_t *p = data;

    /* the data register streams bytes in address order at any width */
    for (; len >= 8; len -= 8, p += 8) {
        stq_le_p(p, qtest_readq(fw_cfg->qts, fw_cfg->base + FW_CFG_DATA));
    }
    for (; len; len--, p++) {
        *p = qtest_readb(fw_cfg->qts, fw_cfg->base + FW_CFG_DATA);
    }
}

static uint8_t *fw_cfg_file(QTestState *qts, const char *name, size_t *len)
{
    QFWCFG fw_cfg = {
        .base = VIRT_FW_CFG_BASE,
        .qts = qts,
        .select = virt_fw_cfg_select,
        .read = virt_fw_cfg_read,
    };
    size_t size;
    uint8_t *buf;

    /*
     * Selecting an ACPI file rebuilds the tables once, which may resize
     * it: only look at the size after that.
     */
    qfw_cfg_get_file(&fw_cfg, name, NULL, 0);
    size = qfw_cfg_get_file(&fw_cfg, name, NULL, 0);
    g_assert_cmpuint(size, >, 0);       /* the file exists */
    buf = g_malloc(size);
    g_assert_cmpuint(qfw_cfg_get_file(&fw_cfg, name, buf, size), ==, size);
    *len = size;
    return buf;
}

/* ---- ACPI tables -------------------------------------------------------- */

/*
 * Offset of the only @sig table in "etc/acpi/tables".  Before the firmware
 * runs the linker/loader, every pointer holds an offset into its target
 * file, so RSDP.XsdtAddress and the XSDT entries are offsets in @tables.
 */
static uint32_t find_table(QTestState *qts, const uint8_t *tables,
                           size_t tables_len, const char *sig)
{
    g_autofree uint8_t *rsdp = NULL;
    uint64_t xsdt, entry;
    uint32_t xsdt_len, found = 0, n = 0;
    size_t rsdp_len;

    rsdp = fw_cfg_file(qts, "etc/acpi/rsdp", &rsdp_len);
    g_assert_cmpuint(rsdp_len, >=, RSDP_XSDT_ADDRESS + 8);
    g_assert_cmpmem(rsdp, 8, "RSD PTR ", 8);
    g_assert_cmpuint(rsdp[RSDP_REVISION], ==, 2);
    xsdt = ldq_le_p(rsdp + RSDP_XSDT_ADDRESS);

    g_assert_cmpuint(xsdt + ACPI_HDR_SIZE, <=, tables_len);
    g_assert_cmpmem(tables + xsdt, 4, "XSDT", 4);
    xsdt_len = ldl_le_p(tables + xsdt + ACPI_HDR_LENGTH);
    g_assert_cmpuint(xsdt + xsdt_len, <=, tables_len);
    g_assert_cmpuint((xsdt_len - ACPI_HDR_SIZE) % 8, ==, 0);

    for (uint32_t i = ACPI_HDR_SIZE; i < xsdt_len; i += 8) {
        entry = ldq_le_p(tables + xsdt + i);
        g_assert_cmpuint(entry + ACPI_HDR_SIZE, <=, tables_len);
        if (!memcmp(tables + entry, sig, 4)) {
            found = entry;
            n++;
        }
    }
    g_assert_cmpuint(n, ==, 1);
    g_assert_cmpuint(found + ldl_le_p(tables + found + ACPI_HDR_LENGTH), <=,
                     tables_len);
    return found;
}

/* ---- IORT --------------------------------------------------------------- */

typedef struct Iort {
    const uint8_t *t;       /* the table */
    uint32_t len;
    uint32_t its, rc, smmu; /* node offsets, 0 if absent */
    unsigned n_its, n_rc, n_smmu;
} Iort;

static void iort_parse(Iort *io, const uint8_t *table)
{
    uint32_t nodes, off;
    g_autoptr(GHashTable) ids = g_hash_table_new(NULL, NULL);

    memset(io, 0, sizeof(*io));
    io->t = table;
    io->len = ldl_le_p(table + ACPI_HDR_LENGTH);
    g_assert_cmpmem(table, 4, "IORT", 4);
    g_assert_cmpuint(io->len, >=, IORT_NODES_OFFSET + 8);

    nodes = ldl_le_p(table + IORT_NUM_NODES);
    off = ldl_le_p(table + IORT_NODES_OFFSET);
    for (uint32_t i = 0; i < nodes; i++) {
        uint8_t type;
        uint16_t len;
        uint32_t id;

        g_assert_cmpuint(off + NODE_HDR_SIZE, <=, io->len);
        type = table[off + NODE_TYPE];
        len = lduw_le_p(table + off + NODE_LENGTH);
        g_assert_cmpuint(len, >=, NODE_HDR_SIZE);
        g_assert_cmpuint(off + len, <=, io->len);

        /* identifiers are unique among the nodes */
        id = ldl_le_p(table + off + NODE_IDENTIFIER);
        g_assert_false(g_hash_table_contains(ids, GUINT_TO_POINTER(id + 1)));
        g_hash_table_add(ids, GUINT_TO_POINTER(id + 1));

        /* the ID mappings lie inside the node */
        g_assert_cmpuint(ldl_le_p(table + off + NODE_MAPPINGS_OFFSET) +
                         (uint64_t)IDMAP_SIZE *
                         ldl_le_p(table + off + NODE_NUM_MAPPINGS), <=, len);

        switch (type) {
        case NODE_TYPE_ITS_GROUP:
            io->its = off;
            io->n_its++;
            break;
        case NODE_TYPE_RC:
            io->rc = off;
            io->n_rc++;
            break;
        case NODE_TYPE_SMMUV3:
            io->smmu = off;
            io->n_smmu++;
            break;
        default:
            g_test_message("unexpected IORT node type %u at %u", type, off);
            g_assert_not_reached();
        }
        off += len;
    }
    /* nothing after the last node */
    g_assert_cmpuint(off, ==, io->len);
}

static unsigned iort_idmaps(const Iort *io, uint32_t node, IortIdMap **maps)
{
    const uint8_t *n = io->t + node;
    unsigned count = ldl_le_p(n + NODE_NUM_MAPPINGS);
    const uint8_t *m = n + ldl_le_p(n + NODE_MAPPINGS_OFFSET);

    *maps = g_new0(IortIdMap, count);
    for (unsigned i = 0; i < count; i++, m += IDMAP_SIZE) {
        (*maps)[i].input_base = ldl_le_p(m + IDMAP_INPUT_BASE);
        (*maps)[i].num_ids = ldl_le_p(m + IDMAP_NUM_IDS);
        (*maps)[i].output_base = ldl_le_p(m + IDMAP_OUTPUT_BASE);
        (*maps)[i].output_ref = ldl_le_p(m + IDMAP_OUTPUT_REF);
        (*maps)[i].flags = ldl_le_p(m + IDMAP_FLAGS);
    }
    return count;
}

static int idmap_cmp(const void *a, const void *b)
{
    const IortIdMap *x = a, *y = b;

    return x->input_base < y->input_base ? -1 : x->input_base > y->input_base;
}

/*
 * The root complex maps every RID 0x0000-0xffff exactly once, identically;
 * the ones in [@smmu_first, @smmu_last] go to the SMMUv3 node, the others
 * straight to the ITS group.  An empty window has @smmu_first > @smmu_last.
 */
static void check_rc(const Iort *io, uint32_t smmu_first, uint32_t smmu_last)
{
    g_autofree IortIdMap *maps = NULL;
    unsigned count = iort_idmaps(io, io->rc, &maps);
    uint32_t next = 0, to_smmu = 0;

    g_assert_cmpuint(count, >=, 1);
    qsort(maps, count, sizeof(*maps), idmap_cmp);
    for (unsigned i = 0; i < count; i++) {
        uint32_t first = maps[i].input_base;
        uint32_t last = first + maps[i].num_ids;
        bool in_window = first >= smmu_first && last <= smmu_last;
        bool outside = smmu_first > smmu_last ||
                       last < smmu_first || first > smmu_last;

        g_assert_cmphex(first, ==, next);           /* no gap, no overlap */
        g_assert_cmphex(last, <=, 0xffff);
        g_assert_cmphex(maps[i].output_base, ==, first);
        g_assert_cmphex(maps[i].flags, ==, 0);
        if (maps[i].output_ref == io->smmu && io->smmu) {
            g_assert_true(in_window);
            to_smmu += maps[i].num_ids + 1;
        } else {
            g_assert_cmpuint(maps[i].output_ref, ==, io->its);
            /* ... and then entirely outside the window */
            g_assert_true(outside);
        }
        next = last + 1;
    }
    g_assert_cmphex(next, ==, 0x10000);
    g_assert_cmphex(to_smmu, ==,
                    smmu_first <= smmu_last ? smmu_last - smmu_first + 1 : 0);
}

static void check_its_group(const Iort *io)
{
    const uint8_t *n = io->t + io->its;

    g_assert_cmpuint(io->n_its, ==, 1);
    g_assert_cmpuint(ldl_le_p(n + NODE_NUM_MAPPINGS), ==, 0);
    g_assert_cmpuint(ldl_le_p(n + ITS_GROUP_NUM_ITS), ==, 1);
    /* header, number of ITSs, one GIC ITS identifier */
    g_assert_cmpuint(lduw_le_p(n + NODE_LENGTH), ==, NODE_HDR_SIZE + 4 + 4);
}

/*
 * The ITS DeviceID the DT gives the SMMU's MSIs ("msi-parent" = <its
 * devid>), or -1 without one
 */
static int64_t dt_msi_devid(QTestState *qts)
{
    g_autofree void *fdt = smmu_dt_fetch(qts);
    const fdt32_t *p;
    int len;

    p = fdt_getprop(fdt, smmu_dt_find_smmu(fdt), "msi-parent", &len);
    if (!p) {
        return -1;
    }
    g_assert_cmpint(len, ==, 2 * sizeof(fdt32_t));
    return fdt32_to_cpu(p[1]);
}

/*
 * Wired: the GSIVs are the DT's SPIs (INTID = SPI + 32) and the DeviceID
 * mapping index is unused.  MSIs: no GSIV at all (Linux would otherwise
 * ignore the DeviceID mapping) and the index names a single mapping to
 * the ITS group whose output is the DeviceID the DT gives.
 */
static void check_smmu_interrupts(QTestState *qts, const Iort *io,
                                  const IortCase *c, const SmmuDtInfo *dt,
                                  const IortIdMap *maps, unsigned count)
{
    static const struct {
        unsigned field, dt_irq;
    } gsivs[] = {
        { SMMUV3_EVENT_GSIV, SMMU_DT_IRQ_EVENTQ },
        { SMMUV3_PRI_GSIV, SMMU_DT_IRQ_PRIQ },
        { SMMUV3_GERR_GSIV, SMMU_DT_IRQ_GERROR },
        { SMMUV3_SYNC_GSIV, SMMU_DT_IRQ_CMDQ_SYNC },
    };
    const uint8_t *n = io->t + io->smmu;
    uint32_t index = ldl_le_p(n + SMMUV3_DEVID_INDEX);
    int64_t devid = dt_msi_devid(qts);

    for (int i = 0; i < G_N_ELEMENTS(gsivs); i++) {
        g_assert_cmpuint(ldl_le_p(n + gsivs[i].field), ==, c->msi ? 0 :
                         dt->spi[gsivs[i].dt_irq] + GIC_SPI_INTID_BASE);
    }
    if (!c->msi) {
        g_assert_cmpuint(count, ==, 1);
        g_assert_cmpuint(index, ==, 0);
        return;
    }
    g_assert_cmpint(devid, >=, 0);
    g_assert_cmpuint(count, ==, 2);
    g_assert_cmpuint(index, ==, 1);
    g_assert_cmphex(maps[index].flags, ==, IDMAP_FLAG_SINGLE);
    g_assert_cmphex(maps[index].num_ids, ==, 0);
    g_assert_cmphex(maps[index].output_base, ==, devid);
    g_assert_cmpuint(maps[index].output_ref, ==, io->its);
}

static void check_smmu_node(QTestState *qts, const Iort *io,
                            const IortCase *c)
{
    const uint8_t *n = io->t + io->smmu;
    g_autofree IortIdMap *maps = NULL;
    unsigned count;
    uint32_t flags;
    SmmuDtInfo dt;

    g_assert_cmpuint(io->n_smmu, ==, 1);
    smmu_dt_info(qts, &dt);

    /* the fields below exist from node revision 1 (DEN 0049C) on */
    g_assert_cmpuint(n[NODE_REVISION], >=, 1);
    g_assert_cmpuint(ldl_le_p(n + NODE_MAPPINGS_OFFSET), >=,
                     SMMUV3_FIXED_SIZE);

    /* where the device really is */
    g_assert_cmphex(ldq_le_p(n + SMMUV3_BASE), ==, dt.base);
    g_assert_cmphex(qtest_readl(qts, ldq_le_p(n + SMMUV3_BASE) + SMMU_IDR0),
                    !=, 0);

    flags = ldl_le_p(n + SMMUV3_FLAGS);
    g_assert_cmphex(flags & SMMUV3_FLAG_COHACC, ==, SMMUV3_FLAG_COHACC);
    /* the HTTU Override is what the SMMU does (Linux warns otherwise) */
    g_assert_cmphex((flags & SMMUV3_FLAG_HTTU_MASK) >> SMMUV3_FLAG_HTTU_SHIFT,
                    ==, c->httu);
    g_assert_cmphex((qtest_readl(qts, dt.base + SMMU_IDR0) >> 6) & 3, ==,
                    c->httu);
    g_assert_cmphex(flags & (SMMUV3_FLAG_PXM_VALID | SMMUV3_FLAG_DEVID_VALID),
                    ==, 0);
    g_assert_cmphex(ldq_le_p(n + SMMUV3_VATOS), ==, 0);
    g_assert_cmpuint(ldl_le_p(n + SMMUV3_MODEL), ==, SMMUV3_MODEL_GENERIC);

    count = iort_idmaps(io, io->smmu, &maps);
    check_smmu_interrupts(qts, io, c, &dt, maps, count);

    /* StreamIDs 0x0000-0xffff go on to the ITS group, unchanged */
    g_assert_cmphex(maps[0].input_base, ==, 0);
    g_assert_cmphex(maps[0].num_ids, ==, 0xffff);
    g_assert_cmphex(maps[0].output_base, ==, 0);
    g_assert_cmpuint(maps[0].output_ref, ==, io->its);
    g_assert_cmphex(maps[0].flags & IDMAP_FLAG_SINGLE, ==, 0);
}

/* Give the root port at 00:01.0 buses 1..4, as firmware would */
static void setup_root_port(QTestState *qts)
{
    g_autofree void *fdt = smmu_dt_fetch(qts);
    int pcie = fdt_node_offset_by_compatible(fdt, -1,
                                             "pci-host-ecam-generic");
    uint64_t cfg;

    g_assert_cmpint(pcie, >=, 0);
    cfg = smmu_dt_reg_address(fdt, pcie, 0, NULL) + (ROOT_PORT_DEVFN << 12);
    g_assert_cmphex(qtest_readw(qts, cfg + PCI_CLASS_DEVICE), ==,
                    PCI_CLASS_PCI_BRIDGE);
    qtest_writeb(qts, cfg + PCI_PRIMARY_BUS, 0);
    qtest_writeb(qts, cfg + PCI_SECONDARY_BUS, ROOT_PORT_SEC_BUS);
    qtest_writeb(qts, cfg + PCI_SUBORDINATE_BUS, ROOT_PORT_SUB_BUS);
    g_assert_cmpuint(qtest_readb(qts, cfg + PCI_SUBORDINATE_BUS), ==,
                     ROOT_PORT_SUB_BUS);
}

static void test_iort(const void *opaque)
{
    const IortCase *c = opaque;
    QTestState *qts;
    g_autofree uint8_t *tables = NULL;
    size_t tables_len;
    uint32_t first = 1, last = 0;   /* RIDs behind the SMMU: none */
    Iort io;

    qts = qtest_initf("-machine virt,gic-version=3%s -cpu max -net none%s",
                      c->args, c->bridge ? " -device pcie-root-port,"
                      "bus=pcie.0,chassis=1,addr=1.0" : "");
    if (c->bridge) {
        /* before the first fw_cfg read, which rebuilds the tables */
        setup_root_port(qts);
    }

    tables = fw_cfg_file(qts, "etc/acpi/tables", &tables_len);
    iort_parse(&io, tables + find_table(qts, tables, tables_len, "IORT"));

    g_assert_cmpuint(io.n_rc, ==, 1);
    check_its_group(&io);
    if (c->smmu) {
        check_smmu_node(qts, &io, c);
        g_assert_cmpuint(ldl_le_p(io.t + IORT_NUM_NODES), ==, 3);
        if (!c->bypass) {
            /* the bus range of pcie.0: bus 0 and what is behind it */
            first = 0;
            last = ((c->bridge ? ROOT_PORT_SUB_BUS : 0) + 1) * 0x100 - 1;
        }
    } else {
        g_assert_cmpuint(io.n_smmu, ==, 0);
        g_assert_cmpuint(ldl_le_p(io.t + IORT_NUM_NODES), ==, 2);
    }
    check_rc(&io, first, last);
    qtest_quit(qts);
}

#define DEVICE " -device arm-smmuv3-pm,primary-bus=pcie.0"

static const IortCase iort_cases[] = {
    { "device", DEVICE, true, .msi = true },
    { "fixed", ",iommu=smmuv3-pm", true, .msi = true },
    { "device/wired", DEVICE ",msi=off", true },
    { "fixed/wired", ",iommu=smmuv3-pm -global arm-smmuv3-pm.msi=off", true },
    { "device/msi-devid", DEVICE ",msi-devid=0x1234", true, .msi = true },
    /* without an ITS to send them to, there are no MSIs to describe */
    { "device/its-off", ",its=off" DEVICE, true },
    /* QEMU's own SMMUv3: wired interrupts only */
    { "upstream", ",iommu=smmuv3", true },
    { "device/root-port", DEVICE, true, true, .msi = true },
    { "fixed/root-port", ",iommu=smmuv3-pm", true, true, .msi = true },
    { "device/bypass", ",default-bus-bypass-iommu=on" DEVICE,
      true, false, true, .msi = true },
    { "fixed/bypass", ",iommu=smmuv3-pm,default-bus-bypass-iommu=on",
      true, false, true, .msi = true },
    /* presets with HTTU: the node's HTTU Override follows IDR0.HTTU */
    { "device/mmu600", DEVICE ",model=mmu600", true, .msi = true,
      .httu = 2 },
    { "fixed/mmu700", ",iommu=smmuv3-pm -global arm-smmuv3-pm.model=mmu700",
      true, .msi = true, .httu = 2 },
    { "device/httu-a", DEVICE ",httu=a", true, .msi = true, .httu = 1 },
    { "none", "", false },
    { "none/root-port", "", false, true },
};

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);

    for (int i = 0; i < G_N_ELEMENTS(iort_cases); i++) {
        g_autofree char *path = g_strdup_printf("/smmuv3-pm/iort/%s",
                                                iort_cases[i].name);

        qtest_add_data_func(path, &iort_cases[i], test_iort);
    }
    return g_test_run();
}
