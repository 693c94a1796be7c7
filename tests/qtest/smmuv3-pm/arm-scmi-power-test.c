/*
 * arm-scmi-power qtests: what the guest is told and sees before it talks
 *
 * The device tree (the "arm,scmi-smc" node with its smc-id and channel,
 * the power-domain provider and the SMMU's power-domains), the channel's
 * reset state read at the address the DT gives, the domain outputs after
 * a system reset, and the counters over QMP.  qtest cannot execute the
 * HVC that rings the doorbell: the protocol is covered by the unit tests
 * (tests/unit/test-scmi.c) and end to end by the guest tests.
 *
 * Expected values are written out from the bindings and Arm DEN 0056.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include <libfdt.h>
#include "tests/qtest/libqtest.h"
#include "qobject/qdict.h"
#include "smmuv3-pm-dt.h"
#include "qtest-util.h"

#define MACHINE "-machine virt,gic-version=3 -cpu max -net none "
#define PD_PATH "/machine/peripheral/pd0"

/* virt's platform bus window (hw/arm/virt.c memmap) */
#define PLATFORM_BUS_BASE 0x0c000000ull
#define PLATFORM_BUS_SIZE 0x02000000ull

/* DEN 0056 shared memory layout */
#define CH_STATUS       0x04
#define CH_FLAGS        0x10
#define CH_LENGTH       0x14
#define CH_HEADER       0x18
#define CH_PAYLOAD      0x1c

static uint32_t prop_u32(const void *fdt, int node, const char *name)
{
    int len;
    const fdt32_t *p = fdt_getprop(fdt, node, name, &len);

    g_assert_nonnull(p);
    g_assert_cmpint(len, ==, 4);
    return fdt32_to_cpu(*p);
}

/* The compatible string of @node is exactly @compat */
static void assert_compatible(const void *fdt, int node, const char *compat)
{
    int len;
    const char *p = fdt_getprop(fdt, node, "compatible", &len);

    g_assert_nonnull(p);
    g_assert_cmpint(len, ==, strlen(compat) + 1);
    g_assert_cmpstr(p, ==, compat);
}

/* Address of the channel, from the DT as the guest finds it */
static uint64_t shmem_address(const void *fdt, uint64_t *size)
{
    int scmi = fdt_path_offset(fdt, "/firmware/scmi");
    int shmem;

    g_assert_cmpint(scmi, >=, 0);
    shmem = fdt_node_offset_by_phandle(fdt, prop_u32(fdt, scmi, "shmem"));
    g_assert_cmpint(shmem, >=, 0);
    return smmu_dt_reg_address(fdt, shmem, 0, size);
}

static void test_dt(void)
{
    QTestState *qts = qtest_init(MACHINE
        "-device arm-scmi-power,id=pd0,num-domains=3,smc-id=0xc2000042 "
        "-device arm-smmuv3-pm,primary-bus=pcie.0,power-controller=pd0,"
        "power-domain=2");
    g_autofree void *fdt = smmu_dt_fetch(qts);
    int scmi = fdt_path_offset(fdt, "/firmware/scmi");
    int proto = fdt_path_offset(fdt, "/firmware/scmi/protocol@11");
    int shmem, smmu, len;
    const fdt32_t *pd;
    uint64_t base, size;

    /* The SCMI node: SMC transport, its doorbell, its channel */
    g_assert_cmpint(scmi, >=, 0);
    assert_compatible(fdt, scmi, "arm,scmi-smc");
    g_assert_cmphex(prop_u32(fdt, scmi, "arm,smc-id"), ==, 0xc2000042);
    g_assert_cmpuint(prop_u32(fdt, scmi, "#address-cells"), ==, 1);
    g_assert_cmpuint(prop_u32(fdt, scmi, "#size-cells"), ==, 0);
    shmem = fdt_node_offset_by_phandle(fdt, prop_u32(fdt, scmi, "shmem"));
    g_assert_cmpint(shmem, >=, 0);
    assert_compatible(fdt, shmem, "arm,scmi-shmem");
    base = smmu_dt_reg_address(fdt, shmem, 0, &size);
    g_assert_cmphex(size, ==, 0x1000);
    g_assert_cmphex(base & 0xfff, ==, 0);
    g_assert_cmphex(base, >=, PLATFORM_BUS_BASE);
    g_assert_cmphex(base + size, <=, PLATFORM_BUS_BASE + PLATFORM_BUS_SIZE);

    /* The power domain protocol: a provider with one cell, the index */
    g_assert_cmpint(proto, >=, 0);
    g_assert_cmphex(prop_u32(fdt, proto, "reg"), ==, 0x11);
    g_assert_cmpuint(prop_u32(fdt, proto, "#power-domain-cells"), ==, 1);
    /* No node for the base protocol: it is implicit */
    g_assert_cmpint(fdt_path_offset(fdt, "/firmware/scmi/protocol@10"), <, 0);

    /* The SMMU is a consumer of domain 2 */
    smmu = smmu_dt_find_smmu(fdt);
    pd = fdt_getprop(fdt, smmu, "power-domains", &len);
    g_assert_nonnull(pd);
    g_assert_cmpint(len, ==, 8);
    g_assert_cmpuint(fdt32_to_cpu(pd[0]), ==, prop_u32(fdt, proto, "phandle"));
    g_assert_cmpuint(fdt32_to_cpu(pd[1]), ==, 2);
    qtest_quit(qts);
}

/* Defaults: SiP fast call 0x82000010; an SMMU without a controller has no
 * power-domains, and neither device alone changes the other's node */
static void test_dt_defaults(void)
{
    QTestState *qts = qtest_init(MACHINE "-device arm-scmi-power "
        "-device arm-smmuv3-pm,primary-bus=pcie.0");
    g_autofree void *fdt = smmu_dt_fetch(qts);
    int scmi = fdt_path_offset(fdt, "/firmware/scmi");

    g_assert_cmpint(scmi, >=, 0);
    g_assert_cmphex(prop_u32(fdt, scmi, "arm,smc-id"), ==, 0x82000010);
    g_assert_null(fdt_getprop(fdt, smmu_dt_find_smmu(fdt), "power-domains",
                              NULL));
    qtest_quit(qts);

    /* without the device: no /firmware/scmi at all */
    qts = qtest_init(MACHINE "-device arm-smmuv3-pm,primary-bus=pcie.0");
    g_free(fdt);
    fdt = smmu_dt_fetch(qts);
    g_assert_cmpint(fdt_path_offset(fdt, "/firmware/scmi"), <, 0);
    g_assert_cmpint(fdt_node_offset_by_compatible(fdt, -1, "arm,scmi-shmem"),
                    <, 0);
    qtest_quit(qts);
}

/* At reset the channel is free with no error, the rest zero; a reset
 * puts it back that way whatever was left in it */
static void test_channel_reset(void)
{
    QTestState *qts = qtest_init(MACHINE "-device arm-scmi-power,id=pd0");
    g_autofree void *fdt = smmu_dt_fetch(qts);
    uint64_t size, ch = shmem_address(fdt, &size);

    g_assert_cmphex(qtest_readl(qts, ch + CH_STATUS), ==, 0x1);
    for (uint64_t off = 0; off < size; off += 4) {
        if (off != CH_STATUS) {
            g_assert_cmphex(qtest_readl(qts, ch + off), ==, 0);
        }
    }
    /* the agent's side of a command, left behind */
    qtest_writel(qts, ch + CH_STATUS, 0);
    qtest_writel(qts, ch + CH_FLAGS, 1);
    qtest_writel(qts, ch + CH_LENGTH, 8);
    qtest_writel(qts, ch + CH_HEADER, 0x11 << 10 | 0x5);
    qtest_writel(qts, ch + CH_PAYLOAD, 0);
    qtest_writel(qts, ch + size - 4, 0xdeadbeef);
    g_assert_cmphex(qtest_readl(qts, ch + CH_HEADER), ==, 0x4405);
    qtest_system_reset(qts);
    g_assert_cmphex(qtest_readl(qts, ch + CH_STATUS), ==, 0x1);
    g_assert_cmphex(qtest_readl(qts, ch + CH_FLAGS), ==, 0);
    g_assert_cmphex(qtest_readl(qts, ch + CH_LENGTH), ==, 0);
    g_assert_cmphex(qtest_readl(qts, ch + CH_HEADER), ==, 0);
    g_assert_cmphex(qtest_readl(qts, ch + size - 4), ==, 0);
    qtest_quit(qts);
}

/* "domain-power"[N] follows each domain's initial state at reset */
static void test_outputs(void)
{
    QTestState *qts = qtest_init(MACHINE "-device arm-scmi-power,id=pd0,"
                                 "num-domains=3,domain-states=on,,off,,on");

    qtest_irq_intercept_out_named(qts, PD_PATH, "domain-power");
    qtest_system_reset(qts);
    g_assert_true(qtest_get_irq(qts, 0));
    g_assert_false(qtest_get_irq(qts, 1));
    g_assert_true(qtest_get_irq(qts, 2));
    qtest_quit(qts);

    qts = qtest_init(MACHINE "-device arm-scmi-power,id=pd0,num-domains=2,"
                     "domain-states=off");
    qtest_irq_intercept_out_named(qts, PD_PATH, "domain-power");
    qtest_system_reset(qts);
    g_assert_false(qtest_get_irq(qts, 0));
    g_assert_false(qtest_get_irq(qts, 1));
    qtest_quit(qts);
}

/* The counters: zero before any doorbell, with every message and status
 * named, and the domains as configured */
static void test_stats(void)
{
    static const char *const messages[] = {
        "base.PROTOCOL_VERSION", "base.PROTOCOL_ATTRIBUTES",
        "base.PROTOCOL_MESSAGE_ATTRIBUTES", "base.DISCOVER_VENDOR",
        "base.DISCOVER_SUB_VENDOR", "base.DISCOVER_IMPLEMENTATION_VERSION",
        "base.DISCOVER_LIST_PROTOCOLS", "base.DISCOVER_AGENT",
        "power.PROTOCOL_VERSION", "power.PROTOCOL_ATTRIBUTES",
        "power.PROTOCOL_MESSAGE_ATTRIBUTES",
        "power.POWER_DOMAIN_ATTRIBUTES", "power.POWER_STATE_SET",
        "power.POWER_STATE_GET", "power.POWER_STATE_NOTIFY",
        "unknown-message", "unknown-protocol",
    };
    static const char *const statuses[] = {
        "SUCCESS", "NOT_SUPPORTED", "INVALID_PARAMETERS", "DENIED",
        "NOT_FOUND", "OUT_OF_RANGE", "BUSY", "COMMS_ERROR", "GENERIC_ERROR",
        "HARDWARE_ERROR", "PROTOCOL_ERROR",
    };
    QTestState *qts = qtest_init(MACHINE "-device arm-scmi-power,id=pd0,"
                                 "num-domains=2,domain-names=smmu0,,gpu,"
                                 "domain-states=on,,off");
    QDict *st = qom_get_dict(qts, PD_PATH, "stats");
    QDict *rsp, *req, *resp, *doms, *d;

    g_assert_cmpint(qdict_get_int(st, "doorbells"), ==, 0);
    g_assert_cmpint(qdict_get_int(st, "errors"), ==, 0);
    g_assert_cmpint(qdict_get_int(st, "transport-errors"), ==, 0);
    req = qdict_get_qdict(st, "requests");
    for (int i = 0; i < G_N_ELEMENTS(messages); i++) {
        g_assert_true(qdict_haskey(req, messages[i]));
        g_assert_cmpint(qdict_get_int(req, messages[i]), ==, 0);
    }
    resp = qdict_get_qdict(st, "responses");
    g_assert_cmpint(qdict_size(resp), ==, G_N_ELEMENTS(statuses));
    for (int i = 0; i < G_N_ELEMENTS(statuses); i++) {
        g_assert_cmpint(qdict_get_int(resp, statuses[i]), ==, 0);
    }
    doms = qdict_get_qdict(st, "domains");
    g_assert_cmpint(qdict_size(doms), ==, 2);
    d = qdict_get_qdict(doms, "smmu0");
    g_assert_cmpint(qdict_get_int(d, "id"), ==, 0);
    g_assert_cmpstr(qdict_get_str(d, "state"), ==, "on");
    g_assert_cmpint(qdict_get_int(d, "power-on"), ==, 0);
    g_assert_cmpint(qdict_get_int(d, "power-off"), ==, 0);
    d = qdict_get_qdict(doms, "gpu");
    g_assert_cmpint(qdict_get_int(d, "id"), ==, 1);
    g_assert_cmpstr(qdict_get_str(d, "state"), ==, "off");
    qobject_unref(st);

    /* read-only */
    rsp = qtest_qmp(qts, "{'execute': 'qom-set', 'arguments': "
                    "{'path': %s, 'property': 'stats', 'value': 0}}",
                    PD_PATH);
    g_assert_true(qdict_haskey(rsp, "error"));
    qobject_unref(rsp);
    qtest_quit(qts);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("/arm-scmi-power/dt", test_dt);
    qtest_add_func("/arm-scmi-power/dt-defaults", test_dt_defaults);
    qtest_add_func("/arm-scmi-power/channel-reset", test_channel_reset);
    qtest_add_func("/arm-scmi-power/outputs", test_outputs);
    qtest_add_func("/arm-scmi-power/stats", test_stats);
    return g_test_run();
}
