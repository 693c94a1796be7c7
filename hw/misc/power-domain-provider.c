/*
 * Power-domain providers: the QOM interface
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "hw/misc/power-domain-provider.h"

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

static const TypeInfo power_domain_provider_info = {
    .name = TYPE_POWER_DOMAIN_PROVIDER,
    .parent = TYPE_INTERFACE,
    .class_size = sizeof(PowerDomainProviderClass),
};

static void power_domain_provider_register_types(void)
{
    type_register_static(&power_domain_provider_info);
}

type_init(power_domain_provider_register_types)
