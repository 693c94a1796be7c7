/*
 * arm-scmi-power: QEMU binding of the SCMI platform
 *
 * An SCMI platform (Arm DEN 0056) with the base and power domain
 * management protocols, reached over the SMC/HVC transport: the agent
 * posts a command in a shared-memory channel (one page of RAM the device
 * owns, placed by virt's platform bus) and rings the doorbell with an
 * SMCCC fast call whose function ID the device owns (smc-id, in the
 * SMCCC registry of hw/arm/smccc-calls.c).  The command is handled
 * synchronously in that call.  Each power domain drives a named GPIO
 * output, "domain-power"[N]: 1 powered, 0 off (a power-domain provider,
 * hw/misc/power-domain-provider.h, whose base owns those outputs).
 *
 * The protocol lives in core/ (plain C, unit-tested); this file adapts
 * it to QEMU: properties, the channel's RAM, the doorbell, reset,
 * migration, counters as a QOM property, trace events and guest-error
 * logging.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/visitor.h"
#include "hw/qdev-properties.h"
#include "hw/arm/smccc-calls.h"
#include "migration/vmstate.h"
#include "system/qtest.h"
#include "system/tcg.h"
#include "arm-scmi-power-internal.h"
#include "core/shmem.h"
#include "trace.h"

/* ---- Host interface for the core --------------------------------------- */

static void host_power_changed(void *opaque, unsigned domain, bool on)
{
    ArmScmiPowerState *s = opaque;

    trace_arm_scmi_power_domain(domain, s->platform.cfg.domains.names[domain],
                                on ? "on" : "off");
    pdp_set_power(PDP_BASE(s), domain, on);
}

static const ScmiHostOps arm_scmi_power_host_ops = {
    .guest_error = pdp_guest_error,
    .power_changed = host_power_changed,
};

/* ---- Doorbell ---------------------------------------------------------- */

/* SMCCC return code for a doorbell whose channel held no usable command */
#define SMCCC_RET_INVALID_PARAMETER (-3)

static void arm_scmi_power_doorbell(void *opaque, uint32_t fid,
                                    const uint64_t args[7], uint64_t res[4])
{
    ArmScmiPowerState *s = opaque;
    uint8_t *mem = memory_region_get_ram_ptr(&s->shmem);
    ScmiShmemInfo info;
    ScmiShmemResult r;

    s->doorbells++;
    trace_arm_scmi_power_doorbell(fid, ldl_le_p(mem + A_SCMI_SHMEM_LENGTH),
                                  ldl_le_p(mem + A_SCMI_SHMEM_HEADER));
    r = scmi_shmem_doorbell(&s->platform, mem, ARM_SCMI_POWER_SHMEM_SIZE,
                            &info);
    memory_region_set_dirty(&s->shmem, 0, ARM_SCMI_POWER_SHMEM_SIZE);

    switch (r) {
    case SCMI_SHMEM_RESPONDED: {
        unsigned proto = FIELD_EX32(info.header, SCMI_HDR, PROTOCOL_ID);
        unsigned msg = FIELD_EX32(info.header, SCMI_HDR, MESSAGE_ID);

        trace_arm_scmi_power_message(
            scmi_msg_name(scmi_msg_index(proto, msg)), proto, msg,
            FIELD_EX32(info.header, SCMI_HDR, TOKEN), info.length,
            scmi_status_name(info.status), info.resp_length);
        res[0] = SMCCC_RET_SUCCESS;
        break;
    }
    case SCMI_SHMEM_NO_MESSAGE:
        trace_arm_scmi_power_transport_error("channel free: no command",
                                             info.length);
        res[0] = (uint64_t)(int64_t)SMCCC_RET_INVALID_PARAMETER;
        break;
    case SCMI_SHMEM_BAD_LENGTH:
        trace_arm_scmi_power_transport_error("bad length: channel error",
                                             info.length);
        res[0] = (uint64_t)(int64_t)SMCCC_RET_INVALID_PARAMETER;
        break;
    }
}

/* ---- Realize, reset ---------------------------------------------------- */

static bool arm_scmi_power_check_smc_id(uint32_t id, Error **errp)
{
    unsigned oen = FIELD_EX32(id, SMCCC_FID, OEN);

    if (!FIELD_EX32(id, SMCCC_FID, FAST) || FIELD_EX32(id, SMCCC_FID, MBZ) ||
        FIELD_EX32(id, SMCCC_FID, SVE_HINT) ||
        (oen != SMCCC_OEN_SIP && oen != SMCCC_OEN_OEM &&
         oen != SMCCC_OEN_VENDOR_HYP)) {
        error_setg(errp, "%s: invalid value 0x%x for property 'smc-id': "
                   "valid values are SMCCC fast-call function IDs of the "
                   "SiP (0x82000000-0x8200ffff, 0xc2000000-0xc200ffff), OEM "
                   "(0x83000000-0x8300ffff, 0xc3000000-0xc300ffff) or vendor "
                   "hypervisor (0x86000000-0x8600ffff, 0xc6000000-0xc600ffff) "
                   "services", TYPE_ARM_SCMI_POWER, id);
        return false;
    }
    return true;
}

static void arm_scmi_power_realize(DeviceState *dev, Error **errp)
{
    ArmScmiPowerState *s = ARM_SCMI_POWER(dev);
    g_autofree char *msg = NULL;
    ScmiConfig cfg;
    bool ambiguous = false;

    if (!scmi_config_parse(&cfg, s->num_domains, s->domain_names,
                           s->domain_states, &msg)) {
        error_setg(errp, "%s: %s", TYPE_ARM_SCMI_POWER, msg);
        return;
    }
    if (!arm_scmi_power_check_smc_id(s->smc_id, errp)) {
        return;
    }
    object_resolve_path_type("", TYPE_ARM_SCMI_POWER, &ambiguous);
    if (ambiguous) {
        error_setg(errp, "%s: only one %s per machine is supported",
                   TYPE_ARM_SCMI_POWER, TYPE_ARM_SCMI_POWER);
        return;
    }
    if (!tcg_enabled() && !qtest_enabled()) {
        error_setg(errp, "%s: the SMC/HVC doorbell needs TCG (under a "
                   "hardware accelerator the host handles HVC/SMC)",
                   TYPE_ARM_SCMI_POWER);
        return;
    }
    if (!arm_smccc_conduit()) {
        error_setg(errp, "%s: the SMC/HVC doorbell needs QEMU's own PSCI "
                   "firmware, and the CPUs have no PSCI conduit (firmware "
                   "of the guest's own at EL3 handles SMC, e.g. "
                   "-M virt,secure=on with -bios)", TYPE_ARM_SCMI_POWER);
        return;
    }

    memory_region_init_ram(&s->shmem, OBJECT(s), "arm-scmi-power.shmem",
                           ARM_SCMI_POWER_SHMEM_SIZE, errp);
    if (!memory_region_size(&s->shmem)) {
        return;
    }
    if (!arm_smccc_register(s->smc_id, s->smc_id, arm_scmi_power_doorbell,
                            s, TYPE_ARM_SCMI_POWER, errp)) {
        return;
    }
    s->registered = true;
    sysbus_init_mmio(SYS_BUS_DEVICE(dev), &s->shmem);
    scmi_platform_init(&s->platform, &cfg, &arm_scmi_power_host_ops, s);
    pdp_init_outputs(PDP_BASE(s), &s->platform.cfg.domains);
}

static void arm_scmi_power_unrealize(DeviceState *dev)
{
    ArmScmiPowerState *s = ARM_SCMI_POWER(dev);

    if (s->registered) {
        arm_smccc_unregister(s->smc_id, s);
        s->registered = false;
    }
}

/* The base drives the outputs at reset exit, from arm_scmi_power_domain_on */
static void arm_scmi_power_reset_hold(Object *obj, ResetType type)
{
    ArmScmiPowerState *s = ARM_SCMI_POWER(obj);

    scmi_platform_reset(&s->platform);
    scmi_shmem_reset(memory_region_get_ram_ptr(&s->shmem),
                     ARM_SCMI_POWER_SHMEM_SIZE);
    memory_region_set_dirty(&s->shmem, 0, ARM_SCMI_POWER_SHMEM_SIZE);
}

static bool arm_scmi_power_domain_on(PowerDomainProviderBase *b,
                                     unsigned domain)
{
    return ARM_SCMI_POWER(b)->platform.state[domain] == SCMI_POWER_STATE_ON;
}

/* ---- Counters ---------------------------------------------------------- */

/*
 * "stats" (read-only): requests per message, responses per status, the
 * requests the agent got wrong ("errors", each logged as a guest error;
 * a NOT_FOUND answer to a discovery is not one), doorbells without a
 * usable message ("transport-errors", counted in "errors" too) and the
 * domains' states and transitions, e.g.
 * {"doorbells": 9, "errors": 0, "transport-errors": 0,
 *  "requests": {"base.PROTOCOL_VERSION": 1, ...},
 *  "responses": {"SUCCESS": 9, "NOT_SUPPORTED": 0, ...},
 *  "domains": {"smmu0": {"id": 0, "state": "on", "power-on": 0,
 *                        "power-off": 0}}}
 */
static const char *msg_key(int i)
{
    return scmi_msg_name(i);
}

static const char *status_key(int i)
{
    return scmi_status_name(-i);
}

/* A struct of @n counters named by @key */
static bool visit_counters(Visitor *v, const char *name, int n,
                           const char *(*key)(int), uint64_t *vals,
                           Error **errp)
{
    bool ok = true;

    if (!visit_start_struct(v, name, NULL, 0, errp)) {
        return false;
    }
    for (int i = 0; ok && i < n; i++) {
        ok = visit_type_uint64(v, key(i), &vals[i], errp);
    }
    ok = ok && visit_check_struct(v, errp);
    visit_end_struct(v, NULL);
    return ok;
}

/* A domain's members after the base's "id" and "state" */
static bool visit_domain(PowerDomainProviderBase *b, Visitor *v,
                         unsigned i, Error **errp)
{
    ScmiStats *st = &ARM_SCMI_POWER(b)->platform.stats;

    return visit_type_uint64(v, "power-on", &st->power_on[i], errp) &&
           visit_type_uint64(v, "power-off", &st->power_off[i], errp);
}

static void arm_scmi_power_get_stats(Object *obj, Visitor *v,
                                     const char *name, void *opaque,
                                     Error **errp)
{
    ArmScmiPowerState *s = ARM_SCMI_POWER(obj);
    ScmiStats *st = &s->platform.stats;
    bool ok;

    if (!visit_start_struct(v, name, NULL, 0, errp)) {
        return;
    }
    ok = visit_type_uint64(v, "doorbells", &s->doorbells, errp) &&
         visit_type_uint64(v, "errors", &st->guest_errors, errp) &&
         visit_type_uint64(v, "transport-errors", &st->transport_errors,
                           errp) &&
         visit_counters(v, "requests", SCMI_M__COUNT, msg_key, st->requests,
                        errp) &&
         visit_counters(v, "responses", SCMI_STATUS_COUNT, status_key,
                        st->responses, errp) &&
         pdp_visit_domains(PDP_BASE(s), v, visit_domain, errp);
    if (ok) {
        visit_check_struct(v, errp);
    }
    visit_end_struct(v, NULL);
}

/* ---- Migration --------------------------------------------------------- */

static int arm_scmi_power_post_load(void *opaque, int version_id)
{
    ArmScmiPowerState *s = opaque;

    for (unsigned i = 0; i < s->platform.cfg.domains.num; i++) {
        if (s->platform.state[i] != SCMI_POWER_STATE_ON &&
            s->platform.state[i] != SCMI_POWER_STATE_OFF) {
            return -EINVAL;
        }
    }
    return 0;
}

/* The channel itself is RAM, migrated with the machine's RAM */
static const VMStateDescription vmstate_arm_scmi_power = {
    .name = TYPE_ARM_SCMI_POWER,
    .version_id = 1,
    .minimum_version_id = 1,
    .post_load = arm_scmi_power_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32_ARRAY(platform.state, ArmScmiPowerState,
                             SCMI_MAX_DOMAINS),
        VMSTATE_UINT64(doorbells, ArmScmiPowerState),
        VMSTATE_UINT64_ARRAY(platform.stats.requests, ArmScmiPowerState,
                             SCMI_M__COUNT),
        VMSTATE_UINT64_ARRAY(platform.stats.responses, ArmScmiPowerState,
                             SCMI_STATUS_COUNT),
        VMSTATE_UINT64(platform.stats.transport_errors, ArmScmiPowerState),
        VMSTATE_UINT64(platform.stats.guest_errors, ArmScmiPowerState),
        VMSTATE_UINT64_ARRAY(platform.stats.power_on, ArmScmiPowerState,
                             SCMI_MAX_DOMAINS),
        VMSTATE_UINT64_ARRAY(platform.stats.power_off, ArmScmiPowerState,
                             SCMI_MAX_DOMAINS),
        VMSTATE_END_OF_LIST()
    }
};

/* ---- Class ------------------------------------------------------------- */

static const Property arm_scmi_power_properties[] = {
    DEFINE_PROP_UINT32("num-domains", ArmScmiPowerState, num_domains, 1),
    DEFINE_PROP_STRING("domain-names", ArmScmiPowerState, domain_names),
    DEFINE_PROP_STRING("domain-states", ArmScmiPowerState, domain_states),
    DEFINE_PROP_UINT32("smc-id", ArmScmiPowerState, smc_id,
                       ARM_SCMI_POWER_DEFAULT_SMC_ID),
};

static void arm_scmi_power_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    ResettableClass *rc = RESETTABLE_CLASS(klass);

    dc->desc = "SCMI power domain provider over the SMC/HVC transport";
    dc->realize = arm_scmi_power_realize;
    dc->unrealize = arm_scmi_power_unrealize;
    dc->vmsd = &vmstate_arm_scmi_power;
    rc->phases.hold = arm_scmi_power_reset_hold;
    PDP_BASE_CLASS(klass)->domain_on = arm_scmi_power_domain_on;
    device_class_set_props(dc, arm_scmi_power_properties);
    object_class_property_set_description(klass, "num-domains",
        "number of power domains, 1-32");
    object_class_property_set_description(klass, "domain-names",
        "comma-separated domain names, 1-15 characters each (default "
        "pd0,pd1,...)");
    object_class_property_set_description(klass, "domain-states",
        "initial state, on or off: one for all domains or a comma-separated "
        "list, one per domain (default on)");
    object_class_property_set_description(klass, "smc-id",
        "SMCCC function ID of the doorbell (DT arm,smc-id), a SiP, OEM or "
        "vendor hypervisor fast call");
    object_class_property_add(klass, "stats", "ScmiStats",
                              arm_scmi_power_get_stats, NULL, NULL, NULL);
    object_class_property_set_description(klass, "stats",
        "read-only: requests per message, responses per status, transport "
        "errors, domain states and transitions");
}

static const TypeInfo arm_scmi_power_info = {
    .name = TYPE_ARM_SCMI_POWER,
    .parent = TYPE_PDP_BASE,
    .instance_size = sizeof(ArmScmiPowerState),
    .class_init = arm_scmi_power_class_init,
};

static void arm_scmi_power_register_types(void)
{
    type_register_static(&arm_scmi_power_info);
}

type_init(arm_scmi_power_register_types)
