/*
 * arm-smmuv3-pm: the SMMU's power domain
 *
 * "power-controller" names the provider of the SMMU's power domain (any
 * power-domain provider: arm-scmi-power, arm-pck600-ppu) and
 * "power-domain" the domain's index there.
 * The DT node then says power-domains = <&provider index>, so Linux
 * attaches the SMMU to that genpd (and defers its probe until the
 * provider is there), and the provider's "domain-power"[index] output
 * drives the SMMU's "power" input when the SMMU has one.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/misc/power-domain-provider.h"
#include "system/device_tree.h"
#include "smmuv3-pm-internal.h"

bool smmuv3_pm_power_domain_check(ArmSmmuV3PmState *s, Error **errp)
{
    g_autofree char *name = NULL;
    g_autofree char *providers = power_domain_provider_type_names();
    unsigned n;

    if (!s->power_controller) {
        if (s->power_domain) {
            error_setg(errp, "%s: property 'power-domain' needs "
                       "'power-controller' (the id of a power-domain "
                       "provider: %s)", TYPE_ARM_SMMUV3_PM, providers);
            return false;
        }
        return true;
    }
    name = qdev_get_human_name(s->power_controller);
    if (!object_dynamic_cast(OBJECT(s->power_controller),
                             TYPE_POWER_DOMAIN_PROVIDER)) {
        error_setg(errp, "%s: property 'power-controller': '%s' is a %s, "
                   "not a power-domain provider (%s)", TYPE_ARM_SMMUV3_PM,
                   name, object_get_typename(OBJECT(s->power_controller)),
                   providers);
        return false;
    }
    if (!s->power_controller->realized) {
        error_setg(errp, "%s: property 'power-controller': '%s' is not "
                   "realized yet", TYPE_ARM_SMMUV3_PM, name);
        return false;
    }
    n = power_domain_provider_num_domains(s->power_controller);
    if (s->power_domain >= n) {
        error_setg(errp, "%s: invalid value %u for property 'power-domain': "
                   "power controller '%s' has %u domain(s), valid values "
                   "are 0 to %u", TYPE_ARM_SMMUV3_PM, s->power_domain, name,
                   n, n - 1);
        return false;
    }
    return true;
}

void smmuv3_pm_power_domain_connect(ArmSmmuV3PmState *s)
{
    if (s->power_controller) {
        qdev_connect_gpio_out_named(s->power_controller,
                                    POWER_DOMAIN_PROVIDER_GPIO_OUT,
                                    s->power_domain,
                                    qdev_get_gpio_in_named(DEVICE(s),
                                                           "power", 0));
    }
}

/*
 * The provider drives its outputs at the end of a machine reset, after
 * the SMMU's own reset: the SMMU must already come out of reset in the
 * state that output will have, or it would see a power transition that
 * never happened.
 */
bool smmuv3_pm_power_domain_on_at_reset(ArmSmmuV3PmState *s, bool *on)
{
    if (!s->power_controller) {
        return false;
    }
    *on = power_domain_provider_on_at_reset(s->power_controller,
                                            s->power_domain);
    return true;
}

void smmuv3_pm_power_domain_fdt(ArmSmmuV3PmState *s, void *fdt,
                                const char *node)
{
    if (s->power_controller) {
        qemu_fdt_setprop_cells(fdt, node, "power-domains",
                               power_domain_provider_fdt_phandle(
                                   s->power_controller, fdt),
                               s->power_domain);
    }
}
