/*
 * Power-domain providers, core: the set of domains a provider switches
 *
 * Every provider (the SCMI platform, the PCK-600 PPUs, ...) has 1 to
 * DOMAIN_SET_MAX domains, each with a name (for the guest where the
 * protocol carries it, for traces and counters otherwise) and the state
 * it takes at reset.  The devices configure them with the same
 * properties, "num-domains", "domain-states" and, where names are the
 * guest's business, "domain-names"; domain_set_parse() is their one
 * parser, so that every provider refuses a bad value with the same
 * message.
 *
 * Plain C11 + GLib: no QEMU headers (the providers' cores use it).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef POWER_DOMAIN_PROVIDER_CORE_DOMAIN_SET_H
#define POWER_DOMAIN_PROVIDER_CORE_DOMAIN_SET_H

#include <stdbool.h>

#define DOMAIN_SET_MAX      32
/* A name and its NUL: SCMI's 16-byte name fields fix the size */
#define DOMAIN_NAME_SIZE    16

typedef struct DomainSet {
    unsigned num;
    char names[DOMAIN_SET_MAX][DOMAIN_NAME_SIZE];
    bool on_at_reset[DOMAIN_SET_MAX];
} DomainSet;

/*
 * Fill @set from a provider's properties:
 *  @num      "num-domains", 1..DOMAIN_SET_MAX;
 *  @names    "domain-names", @num comma-separated names of 1..15
 *            printable characters without spaces, distinct; NULL: the
 *            first @num_defaults domains are named @defaults[i] (which
 *            must be valid names), the others "pd<index>";
 *  @states   "domain-states", "on" or "off", one for every domain or a
 *            comma-separated list of one per domain; NULL: all "on".
 * Returns false with *@err (g_free it) naming the property at fault and
 * its valid values; the checks run in that order, then domain by domain
 * (its name, then its state), so the first fault is the one reported.
 */
bool domain_set_parse(DomainSet *set, unsigned num, const char *names,
                      const char *states, const char *const *defaults,
                      unsigned num_defaults, char **err);

#endif /* POWER_DOMAIN_PROVIDER_CORE_DOMAIN_SET_H */
