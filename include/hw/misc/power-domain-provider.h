/*
 * Power-domain providers: devices that switch the power of other
 * devices' domains
 *
 * A provider has one named GPIO output per domain,
 * POWER_DOMAIN_PROVIDER_GPIO_OUT[N] (1 = powered, 0 = off), driven at
 * the end of a machine reset and on every completed transition, and a DT
 * node with #power-domain-cells = <1> that a consumer references as
 * power-domains = <&provider N>.  arm-scmi-power and arm-pck600-ppu
 * implement it; arm-smmuv3-pm's power-controller accepts any of them.
 *
 * Consumers see only the QOM interface TYPE_POWER_DOMAIN_PROVIDER.
 * Providers derive from TYPE_PDP_BASE, which implements it once for all:
 * the outputs, their levels at reset, the DT phandle.  A provider then
 *  - parses its domains with domain_set_parse() (core/domain-set.h,
 *    plain C, shared with its core),
 *  - calls pdp_init_outputs() when it realizes,
 *  - reports each completed transition with pdp_set_power(),
 *  - implements PowerDomainProviderBaseClass.domain_on,
 *  - writes its DT node with power_domain_provider_fdt_phandle() as the
 *    node's phandle.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_MISC_POWER_DOMAIN_PROVIDER_H
#define HW_MISC_POWER_DOMAIN_PROVIDER_H

#include "qom/object.h"
#include "hw/qdev-core.h"
#include "hw/sysbus.h"
#include "hw/misc/power-domain-provider/core/domain-set.h"

#define TYPE_POWER_DOMAIN_PROVIDER "power-domain-provider"

typedef struct PowerDomainProviderClass PowerDomainProviderClass;
DECLARE_CLASS_CHECKERS(PowerDomainProviderClass, POWER_DOMAIN_PROVIDER,
                       TYPE_POWER_DOMAIN_PROVIDER)
#define POWER_DOMAIN_PROVIDER(obj) \
    INTERFACE_CHECK(PowerDomainProvider, (obj), TYPE_POWER_DOMAIN_PROVIDER)

typedef struct PowerDomainProvider PowerDomainProvider;

/* Named GPIO outputs, one per domain: 1 = powered, 0 = off */
#define POWER_DOMAIN_PROVIDER_GPIO_OUT "domain-power"

struct PowerDomainProviderClass {
    InterfaceClass parent_class;

    /* Number of domains of the (realized) provider */
    unsigned (*num_domains)(PowerDomainProvider *p);
    /* Whether @domain is on after a machine reset */
    bool (*domain_on_at_reset)(PowerDomainProvider *p, unsigned domain);
    /*
     * Phandle of the provider's node in @fdt, allocated on first use, so
     * that consumers' power-domains and the provider's own node can be
     * written in either order
     */
    uint32_t (*fdt_phandle)(PowerDomainProvider *p, void *fdt);
};

/* The class's methods, for a @dev that implements the interface */
unsigned power_domain_provider_num_domains(DeviceState *dev);
bool power_domain_provider_on_at_reset(DeviceState *dev, unsigned domain);
uint32_t power_domain_provider_fdt_phandle(DeviceState *dev, void *fdt);

/*
 * The provider types QEMU knows, sorted and comma-separated, for error
 * messages ("arm-pck600-ppu, arm-scmi-power"); g_free() it
 */
char *power_domain_provider_type_names(void);

/* ---- The providers' common base (abstract) ------------------------------ */

#define TYPE_PDP_BASE "power-domain-provider-base"
OBJECT_DECLARE_TYPE(PowerDomainProviderBase, PowerDomainProviderBaseClass,
                    PDP_BASE)

struct PowerDomainProviderBase {
    SysBusDevice parent_obj;

    /*< private >*/
    const DomainSet *domains;       /* the provider's, once realized */
    qemu_irq domain_power[DOMAIN_SET_MAX];
    /*
     * From reset entry to exit the outputs stay as they are: the levels
     * at reset are driven once, in the exit phase
     */
    bool in_reset;
    /* The phandle allocated in fdt */
    void *fdt;
    uint32_t phandle;
};

struct PowerDomainProviderBaseClass {
    SysBusDeviceClass parent_class;

    /* Whether @domain is powered now (the level reset exit drives) */
    bool (*domain_on)(PowerDomainProviderBase *b, unsigned domain);
};

/*
 * At realize: @domains (which the provider owns and keeps in place) are
 * the provider's domains; create their "domain-power" outputs
 */
void pdp_init_outputs(PowerDomainProviderBase *b, const DomainSet *domains);

/* A transition of @domain completed: drive its output, unless in reset */
void pdp_set_power(PowerDomainProviderBase *b, unsigned domain, bool on);

/*
 * A core's guest-error callback, its opaque the provider: @msg goes to
 * -d guest_errors as "<type name>: <msg>"
 */
void pdp_guest_error(void *opaque, const char *msg);

/*
 * The "domains" member of a provider's "stats" property: a struct per
 * domain, named after it, with "id", "state" ("on"/"off", as domain_on
 * says) and then the members @visit_more adds
 */
typedef bool PdpVisitDomainFn(PowerDomainProviderBase *b, Visitor *v,
                              unsigned domain, Error **errp);
bool pdp_visit_domains(PowerDomainProviderBase *b, Visitor *v,
                       PdpVisitDomainFn *visit_more, Error **errp);

#endif /* HW_MISC_POWER_DOMAIN_PROVIDER_H */
