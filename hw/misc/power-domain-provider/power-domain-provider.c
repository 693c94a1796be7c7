/*
 * Power-domain providers: the QOM interface consumers see, and the
 * abstract base every provider derives from
 *
 * The base owns what all providers share: a "domain-power" output per
 * domain, held still during a reset and driven in its exit phase (after
 * every device's reset, so the consumer came out of reset in the state
 * the output will have), the DT phandle allocated on first use, and the
 * interface's methods answered from the provider's DomainSet.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qapi/visitor.h"
#include "qemu/log.h"
#include "hw/irq.h"
#include "system/device_tree.h"
#include "hw/misc/power-domain-provider.h"

/* ---- The interface ------------------------------------------------------ */

static PowerDomainProviderClass *provider_class(DeviceState *dev)
{
    return POWER_DOMAIN_PROVIDER_GET_CLASS(dev);
}

unsigned power_domain_provider_num_domains(DeviceState *dev)
{
    return provider_class(dev)->num_domains(POWER_DOMAIN_PROVIDER(dev));
}

bool power_domain_provider_on_at_reset(DeviceState *dev, unsigned domain)
{
    return provider_class(dev)->domain_on_at_reset(POWER_DOMAIN_PROVIDER(dev),
                                                   domain);
}

uint32_t power_domain_provider_fdt_phandle(DeviceState *dev, void *fdt)
{
    return provider_class(dev)->fdt_phandle(POWER_DOMAIN_PROVIDER(dev), fdt);
}

static gint compare_type_names(gconstpointer a, gconstpointer b)
{
    return strcmp(object_class_get_name((ObjectClass *)a),
                  object_class_get_name((ObjectClass *)b));
}

char *power_domain_provider_type_names(void)
{
    GSList *types = object_class_get_list(TYPE_POWER_DOMAIN_PROVIDER, false);
    GString *names = g_string_new("");

    types = g_slist_sort(types, compare_type_names);
    for (GSList *t = types; t; t = t->next) {
        g_string_append_printf(names, "%s%s", t == types ? "" : ", ",
                               object_class_get_name(t->data));
    }
    g_slist_free(types);
    return g_string_free(names, false);
}

/* ---- The base: outputs -------------------------------------------------- */

void pdp_init_outputs(PowerDomainProviderBase *b, const DomainSet *domains)
{
    b->domains = domains;
    qdev_init_gpio_out_named(DEVICE(b), b->domain_power,
                             POWER_DOMAIN_PROVIDER_GPIO_OUT, domains->num);
}

void pdp_set_power(PowerDomainProviderBase *b, unsigned domain, bool on)
{
    if (!b->in_reset) {
        qemu_set_irq(b->domain_power[domain], on);
    }
}

void pdp_guest_error(void *opaque, const char *msg)
{
    qemu_log_mask(LOG_GUEST_ERROR, "%s: %s\n",
                  object_get_typename(OBJECT(opaque)), msg);
}

static void pdp_reset_enter(Object *obj, ResetType type)
{
    PDP_BASE(obj)->in_reset = true;
}

/* The outputs take their levels at reset once every device is reset */
static void pdp_reset_exit(Object *obj, ResetType type)
{
    PowerDomainProviderBase *b = PDP_BASE(obj);
    PowerDomainProviderBaseClass *bc = PDP_BASE_GET_CLASS(obj);

    b->in_reset = false;
    for (unsigned i = 0; b->domains && i < b->domains->num; i++) {
        qemu_set_irq(b->domain_power[i], bc->domain_on(b, i));
    }
}

/* ---- The base: counters ------------------------------------------------ */

static bool visit_domain(PowerDomainProviderBase *b, Visitor *v,
                         unsigned i, PdpVisitDomainFn *visit_more,
                         Error **errp)
{
    PowerDomainProviderBaseClass *bc = PDP_BASE_GET_CLASS(b);
    char *state = (char *)(bc->domain_on(b, i) ? "on" : "off");
    uint32_t id = i;
    bool ok;

    if (!visit_start_struct(v, b->domains->names[i], NULL, 0, errp)) {
        return false;
    }
    ok = visit_type_uint32(v, "id", &id, errp) &&
         visit_type_str(v, "state", &state, errp) &&
         visit_more(b, v, i, errp) &&
         visit_check_struct(v, errp);
    visit_end_struct(v, NULL);
    return ok;
}

bool pdp_visit_domains(PowerDomainProviderBase *b, Visitor *v,
                       PdpVisitDomainFn *visit_more, Error **errp)
{
    bool ok = true;

    if (!visit_start_struct(v, "domains", NULL, 0, errp)) {
        return false;
    }
    for (unsigned i = 0; ok && i < b->domains->num; i++) {
        ok = visit_domain(b, v, i, visit_more, errp);
    }
    ok = ok && visit_check_struct(v, errp);
    visit_end_struct(v, NULL);
    return ok;
}

/* ---- The base: the interface's methods ---------------------------------- */

static unsigned pdp_num_domains(PowerDomainProvider *p)
{
    PowerDomainProviderBase *b = PDP_BASE(p);

    return b->domains ? b->domains->num : 0;
}

static bool pdp_domain_on_at_reset(PowerDomainProvider *p, unsigned domain)
{
    PowerDomainProviderBase *b = PDP_BASE(p);

    return b->domains && b->domains->on_at_reset[domain];
}

/* A new machine's tree (the fdt pointer moves) gets a new phandle */
static uint32_t pdp_fdt_phandle(PowerDomainProvider *p, void *fdt)
{
    PowerDomainProviderBase *b = PDP_BASE(p);

    if (b->fdt != fdt || !b->phandle) {
        b->fdt = fdt;
        b->phandle = qemu_fdt_alloc_phandle(fdt);
    }
    return b->phandle;
}

static void pdp_base_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    ResettableClass *rc = RESETTABLE_CLASS(klass);
    PowerDomainProviderClass *pdc = POWER_DOMAIN_PROVIDER_CLASS(klass);

    /* Every provider is a -device of its own */
    dc->user_creatable = true;
    rc->phases.enter = pdp_reset_enter;
    rc->phases.exit = pdp_reset_exit;
    pdc->num_domains = pdp_num_domains;
    pdc->domain_on_at_reset = pdp_domain_on_at_reset;
    pdc->fdt_phandle = pdp_fdt_phandle;
}

/* ---- Types -------------------------------------------------------------- */

static const TypeInfo power_domain_provider_types[] = {
    {
        .name = TYPE_POWER_DOMAIN_PROVIDER,
        .parent = TYPE_INTERFACE,
        .class_size = sizeof(PowerDomainProviderClass),
    }, {
        .name = TYPE_PDP_BASE,
        .parent = TYPE_SYS_BUS_DEVICE,
        .abstract = true,
        .instance_size = sizeof(PowerDomainProviderBase),
        .class_size = sizeof(PowerDomainProviderBaseClass),
        .class_init = pdp_base_class_init,
        .interfaces = (InterfaceInfo[]) {
            { TYPE_POWER_DOMAIN_PROVIDER },
            { }
        },
    },
};

DEFINE_TYPES(power_domain_provider_types)
