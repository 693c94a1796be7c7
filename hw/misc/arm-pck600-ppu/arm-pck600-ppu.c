/*
 * arm-pck600-ppu: QEMU binding of the PCK-600's Power Policy Units
 *
 * One PPU (Arm DEN 0051E) per power domain, each a 4 KiB register block
 * at domain * 0x1000, the way Allwinner's A733 lays out its PCK-600 and
 * Linux's sun55i-pck600 driver ("allwinner,sun60i-a733-pck-600") drives
 * it: a policy written to PWPR, PWSR polled until it follows.  Each
 * domain drives a named GPIO output, "domain-power"[N]: 1 powered, 0 off
 * (a power-domain provider, hw/misc/power-domain-provider.h, whose base
 * owns those outputs).
 *
 * The PPUs live in core/ (plain C, unit-tested); this file adapts them
 * to QEMU: properties, the MMIO window, a virtual-time timer for the
 * transitions, GPIOs, reset, migration, counters as a QOM property,
 * trace events and guest-error logging.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/visitor.h"
#include "qemu/host-utils.h"
#include "qemu/timer.h"
#include "hw/irq.h"
#include "hw/qdev-properties.h"
#include "migration/vmstate.h"
#include "arm-pck600-ppu-internal.h"
#include "trace.h"

/* Default time of a transition: a few hundred PPU clock cycles */
#define ARM_PCK600_PPU_DEFAULT_LATENCY_NS 10000

/* ---- Host interface for the core --------------------------------------- */

static void host_power_changed(void *opaque, unsigned domain, bool on)
{
    ArmPck600PpuState *s = opaque;

    trace_arm_pck600_ppu_domain(domain, s->ppu.cfg.domains.names[domain],
                                on ? "on" : "off");
    pdp_set_power(PDP_BASE(s), domain, on);
}

static void host_irq_changed(void *opaque, unsigned domain, bool level)
{
    ArmPck600PpuState *s = opaque;

    trace_arm_pck600_ppu_irq(domain, s->ppu.cfg.domains.names[domain], level);
    qemu_set_irq(s->irq[domain], level);
}

/* The timer fires at the earliest deadline of the transitions in flight */
static void arm_pck600_ppu_rearm(ArmPck600PpuState *s)
{
    int64_t next = INT64_MAX;

    for (unsigned i = 0; i < s->ppu.cfg.domains.num; i++) {
        if (s->deadline[i] && s->deadline[i] < next) {
            next = s->deadline[i];
        }
    }
    if (next == INT64_MAX) {
        timer_del(s->timer);
    } else {
        timer_mod(s->timer, next);
    }
}

static void host_schedule(void *opaque, unsigned domain, uint64_t delay_ns)
{
    ArmPck600PpuState *s = opaque;
    PpuDomain *d = &s->ppu.d[domain];

    trace_arm_pck600_ppu_transition(domain, s->ppu.cfg.domains.names[domain],
        ppu_mode_name(FIELD_EX32(d->pwsr, PPU_PWSR, PWR_STATUS)),
        ppu_mode_name(d->target), delay_ns);
    s->deadline[domain] = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) + delay_ns;
    arm_pck600_ppu_rearm(s);
}

static const PpuHostOps arm_pck600_ppu_host_ops = {
    .guest_error = pdp_guest_error,
    .power_changed = host_power_changed,
    .irq_changed = host_irq_changed,
    .schedule = host_schedule,
};

/* Every transition whose time has come ends (and may start another) */
static void arm_pck600_ppu_timer_cb(void *opaque)
{
    ArmPck600PpuState *s = opaque;
    int64_t now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);

    for (unsigned i = 0; i < s->ppu.cfg.domains.num; i++) {
        if (s->deadline[i] && s->deadline[i] <= now) {
            s->deadline[i] = 0;
            ppu_transition_done(&s->ppu, i);
        }
    }
    arm_pck600_ppu_rearm(s);
}

/* ---- MMIO -------------------------------------------------------------- */

/* The domain of @offset, for traces; past the last one, "none" */
static const char *domain_name(ArmPck600PpuState *s, hwaddr offset)
{
    unsigned d = offset / PPU_BLOCK_SIZE;

    return d < s->ppu.cfg.domains.num ? s->ppu.cfg.domains.names[d] : "none";
}

static uint64_t arm_pck600_ppu_read(void *opaque, hwaddr offset,
                                    unsigned size)
{
    ArmPck600PpuState *s = opaque;
    uint32_t v = ppu_read(&s->ppu, offset);

    trace_arm_pck600_ppu_read(offset / PPU_BLOCK_SIZE,
                              domain_name(s, offset), ppu_reg_name(offset),
                              offset % PPU_BLOCK_SIZE, v);
    return v;
}

static void arm_pck600_ppu_write(void *opaque, hwaddr offset, uint64_t v,
                                 unsigned size)
{
    ArmPck600PpuState *s = opaque;

    trace_arm_pck600_ppu_write(offset / PPU_BLOCK_SIZE,
                               domain_name(s, offset), ppu_reg_name(offset),
                               offset % PPU_BLOCK_SIZE, v);
    ppu_write(&s->ppu, offset, v);
}

/* 32-bit registers: other sizes and unaligned accesses are bus errors */
static const MemoryRegionOps arm_pck600_ppu_ops = {
    .read = arm_pck600_ppu_read,
    .write = arm_pck600_ppu_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = {
        .min_access_size = 4,
        .max_access_size = 4,
        .unaligned = false,
    },
};

/* ---- Realize, reset ---------------------------------------------------- */

static void arm_pck600_ppu_realize(DeviceState *dev, Error **errp)
{
    ArmPck600PpuState *s = ARM_PCK600_PPU(dev);
    g_autofree char *msg = NULL;
    PpuConfig cfg;

    if (!ppu_config_parse(&cfg, s->num_domains, s->domain_states,
                          s->latency_ns, &msg)) {
        error_setg(errp, "%s: %s", TYPE_ARM_PCK600_PPU, msg);
        return;
    }
    ppu_init(&s->ppu, &cfg, &arm_pck600_ppu_host_ops, s);
    /*
     * The window is a power of two of blocks, as the platform bus aligns
     * it anyway; blocks past the last domain answer as no domain's
     */
    memory_region_init_io(&s->mmio, OBJECT(s), &arm_pck600_ppu_ops, s,
                          TYPE_ARM_PCK600_PPU,
                          pow2ceil(cfg.domains.num) * PPU_BLOCK_SIZE);
    sysbus_init_mmio(SYS_BUS_DEVICE(dev), &s->mmio);
    pdp_init_outputs(PDP_BASE(s), &s->ppu.cfg.domains);
    qdev_init_gpio_out_named(dev, s->irq, ARM_PCK600_PPU_IRQ_OUT,
                             cfg.domains.num);
    s->timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, arm_pck600_ppu_timer_cb, s);
}

static void arm_pck600_ppu_unrealize(DeviceState *dev)
{
    ArmPck600PpuState *s = ARM_PCK600_PPU(dev);

    timer_free(s->timer);
    s->timer = NULL;
}

static void arm_pck600_ppu_reset_hold(Object *obj, ResetType type)
{
    ArmPck600PpuState *s = ARM_PCK600_PPU(obj);

    ppu_reset(&s->ppu);
    memset(s->deadline, 0, sizeof(s->deadline));
    timer_del(s->timer);
}

static bool arm_pck600_ppu_domain_on(PowerDomainProviderBase *b,
                                     unsigned domain)
{
    return ppu_domain_on(&ARM_PCK600_PPU(b)->ppu, domain);
}

/*
 * The outputs take their levels at reset once every device is reset:
 * the base drives "domain-power" (from arm_pck600_ppu_domain_on), then
 * the interrupts follow
 */
static void arm_pck600_ppu_reset_exit(Object *obj, ResetType type)
{
    ArmPck600PpuState *s = ARM_PCK600_PPU(obj);
    ArmPck600PpuClass *c = ARM_PCK600_PPU_GET_CLASS(obj);

    c->parent_phases.exit(obj, type);
    for (unsigned i = 0; i < s->ppu.cfg.domains.num; i++) {
        qemu_set_irq(s->irq[i], ppu_irq_level(&s->ppu, i));
    }
}

/* ---- Counters ---------------------------------------------------------- */

/*
 * "stats" (read-only): the accesses software got wrong ("errors", each
 * logged as a guest error) and each domain's state, e.g.
 * {"errors": 0,
 *  "domains": {"VI": {"id": 0, "state": "on", "policy": "ON",
 *                     "in-transition": false, "locked": false,
 *                     "power-on": 0, "power-off": 0,
 *                     "unsupported-policies": 0}, ...}}
 */

/* A domain's members after the base's "id" and "state" */
static bool visit_domain(PowerDomainProviderBase *b, Visitor *v,
                         unsigned i, Error **errp)
{
    PpuDomain *d = &ARM_PCK600_PPU(b)->ppu.d[i];
    char *policy = (char *)ppu_mode_name(FIELD_EX32(d->pwpr, PPU_PWPR,
                                                    PWR_POLICY));
    bool locked = FIELD_EX32(d->pwsr, PPU_PWSR, LOCK_STATUS);

    return visit_type_str(v, "policy", &policy, errp) &&
           visit_type_bool(v, "in-transition", &d->busy, errp) &&
           visit_type_bool(v, "locked", &locked, errp) &&
           visit_type_uint64(v, "power-on", &d->power_on, errp) &&
           visit_type_uint64(v, "power-off", &d->power_off, errp) &&
           visit_type_uint64(v, "unsupported-policies", &d->unsupported,
                             errp);
}

static void arm_pck600_ppu_get_stats(Object *obj, Visitor *v,
                                     const char *name, void *opaque,
                                     Error **errp)
{
    ArmPck600PpuState *s = ARM_PCK600_PPU(obj);
    bool ok;

    if (!visit_start_struct(v, name, NULL, 0, errp)) {
        return;
    }
    ok = visit_type_uint64(v, "errors", &s->ppu.guest_errors, errp) &&
         pdp_visit_domains(PDP_BASE(s), v, visit_domain, errp);
    if (ok) {
        visit_check_struct(v, errp);
    }
    visit_end_struct(v, NULL);
}

/* ---- Migration --------------------------------------------------------- */

static bool valid_mode(uint32_t mode)
{
    return mode == PPU_MODE_OFF || mode == PPU_MODE_ON;
}

static int arm_pck600_ppu_post_load(void *opaque, int version_id)
{
    ArmPck600PpuState *s = opaque;

    for (unsigned i = 0; i < s->ppu.cfg.domains.num; i++) {
        PpuDomain *d = &s->ppu.d[i];

        if (!valid_mode(FIELD_EX32(d->pwsr, PPU_PWSR, PWR_STATUS)) ||
            (d->busy && (!valid_mode(d->target) || !s->deadline[i]))) {
            return -EINVAL;
        }
    }
    return 0;
}

static const VMStateDescription vmstate_ppu_domain = {
    .name = TYPE_ARM_PCK600_PPU "/domain",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32(pwpr, PpuDomain),
        VMSTATE_UINT32(pwsr, PpuDomain),
        VMSTATE_UINT32(pwcr, PpuDomain),
        VMSTATE_UINT32(ptcr, PpuDomain),
        VMSTATE_UINT32(imr, PpuDomain),
        VMSTATE_UINT32(aimr, PpuDomain),
        VMSTATE_UINT32(isr, PpuDomain),
        VMSTATE_UINT32(aisr, PpuDomain),
        VMSTATE_UINT32(iesr, PpuDomain),
        VMSTATE_UINT32(dcdr0, PpuDomain),
        VMSTATE_UINT32(dcdr1, PpuDomain),
        VMSTATE_UINT32(sunxi_lpsdr0, PpuDomain),
        VMSTATE_UINT32(sunxi_lpsdr1, PpuDomain),
        VMSTATE_UINT32(sunxi_off2on, PpuDomain),
        VMSTATE_BOOL(busy, PpuDomain),
        VMSTATE_UINT32(target, PpuDomain),
        VMSTATE_UINT64(power_on, PpuDomain),
        VMSTATE_UINT64(power_off, PpuDomain),
        VMSTATE_UINT64(unsupported, PpuDomain),
        VMSTATE_END_OF_LIST()
    }
};

static const VMStateDescription vmstate_arm_pck600_ppu = {
    .name = TYPE_ARM_PCK600_PPU,
    .version_id = 1,
    .minimum_version_id = 1,
    .post_load = arm_pck600_ppu_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_STRUCT_ARRAY(ppu.d, ArmPck600PpuState, PPU_MAX_DOMAINS, 1,
                             vmstate_ppu_domain, PpuDomain),
        VMSTATE_UINT64(ppu.guest_errors, ArmPck600PpuState),
        VMSTATE_INT64_ARRAY(deadline, ArmPck600PpuState, PPU_MAX_DOMAINS),
        VMSTATE_TIMER_PTR(timer, ArmPck600PpuState),
        VMSTATE_END_OF_LIST()
    }
};

/* ---- Class ------------------------------------------------------------- */

static const Property arm_pck600_ppu_properties[] = {
    DEFINE_PROP_UINT32("num-domains", ArmPck600PpuState, num_domains,
                       ARM_PCK600_PPU_A733_DOMAINS),
    DEFINE_PROP_STRING("domain-states", ArmPck600PpuState, domain_states),
    DEFINE_PROP_UINT64("transition-latency-ns", ArmPck600PpuState,
                       latency_ns, ARM_PCK600_PPU_DEFAULT_LATENCY_NS),
};

static void arm_pck600_ppu_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    ResettableClass *rc = RESETTABLE_CLASS(klass);
    ArmPck600PpuClass *pc = ARM_PCK600_PPU_CLASS(klass);

    dc->desc = "Arm PCK-600 Power Policy Units (Allwinner A733 layout)";
    dc->realize = arm_pck600_ppu_realize;
    dc->unrealize = arm_pck600_ppu_unrealize;
    dc->vmsd = &vmstate_arm_pck600_ppu;
    resettable_class_set_parent_phases(rc, NULL, arm_pck600_ppu_reset_hold,
                                       arm_pck600_ppu_reset_exit,
                                       &pc->parent_phases);
    pc->parent_class.domain_on = arm_pck600_ppu_domain_on;
    device_class_set_props(dc, arm_pck600_ppu_properties);
    object_class_property_set_description(klass, "num-domains",
        "number of power domains (one PPU register block each), 1-32; "
        "Linux's A733 driver uses 11");
    object_class_property_set_description(klass, "domain-states",
        "state after reset, on or off: one for all domains or a "
        "comma-separated list, one per domain (default on, which Linux's "
        "driver assumes)");
    object_class_property_set_description(klass, "transition-latency-ns",
        "virtual time from a PWPR policy write to PWSR following it");
    object_class_property_add(klass, "stats", "ArmPck600PpuStats",
                              arm_pck600_ppu_get_stats, NULL, NULL, NULL);
    object_class_property_set_description(klass, "stats",
        "read-only: guest errors, each domain's state, policy and "
        "transitions");
}

static const TypeInfo arm_pck600_ppu_info = {
    .name = TYPE_ARM_PCK600_PPU,
    .parent = TYPE_PDP_BASE,
    .instance_size = sizeof(ArmPck600PpuState),
    .class_size = sizeof(ArmPck600PpuClass),
    .class_init = arm_pck600_ppu_class_init,
};

static void arm_pck600_ppu_register_types(void)
{
    type_register_static(&arm_pck600_ppu_info);
}

type_init(arm_pck600_ppu_register_types)
