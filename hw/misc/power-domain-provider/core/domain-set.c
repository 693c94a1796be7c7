/*
 * Power-domain providers, core: the set of domains and its parser
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <stdio.h>
#include <string.h>
#include <glib.h>

#include "domain-set.h"

/* 1..15 characters, each printable and not a space */
static bool valid_name(const char *s)
{
    size_t n = strlen(s);

    if (n == 0 || n >= DOMAIN_NAME_SIZE) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        if (!g_ascii_isgraph(s[i])) {
            return false;
        }
    }
    return true;
}

/* "on" or "off" into *@on; false for anything else */
static bool parse_state(const char *s, bool *on)
{
    *on = !strcmp(s, "on");
    return *on || !strcmp(s, "off");
}

/* The lists' lengths against @num, before any one entry is looked at */
static bool check_counts(unsigned num, char **nv, char **sv, char **err)
{
    if (num < 1 || num > DOMAIN_SET_MAX) {
        *err = g_strdup_printf("invalid value %u for property 'num-domains': "
                               "valid values are 1 to %d", num,
                               DOMAIN_SET_MAX);
        return false;
    }
    if (nv && g_strv_length(nv) != num) {
        *err = g_strdup_printf("property 'domain-names' lists %u name(s), "
                               "'num-domains' is %u: give one name per "
                               "domain, separated by commas",
                               g_strv_length(nv), num);
        return false;
    }
    if (g_strv_length(sv) != 1 && g_strv_length(sv) != num) {
        *err = g_strdup_printf("property 'domain-states' lists %u state(s): "
                               "give one for all domains or one per domain "
                               "(%u)", g_strv_length(sv), num);
        return false;
    }
    return true;
}

/* Domain @i's name: set->names[0..i-1] are the names accepted so far */
static bool set_name(DomainSet *set, unsigned i, const char *name,
                     char **err)
{
    if (!valid_name(name)) {
        *err = g_strdup_printf("invalid domain name '%s' in property "
                               "'domain-names': valid names are 1 to %d "
                               "printable characters without spaces",
                               name, DOMAIN_NAME_SIZE - 1);
        return false;
    }
    for (unsigned j = 0; j < i; j++) {
        if (!strcmp(set->names[j], name)) {
            *err = g_strdup_printf("domain name '%s' appears twice in "
                                   "property 'domain-names': names must be "
                                   "distinct", name);
            return false;
        }
    }
    g_strlcpy(set->names[i], name, DOMAIN_NAME_SIZE);
    return true;
}

bool domain_set_parse(DomainSet *set, unsigned num, const char *names,
                      const char *states, const char *const *defaults,
                      unsigned num_defaults, char **err)
{
    g_auto(GStrv) nv = names ? g_strsplit(names, ",", -1) : NULL;
    g_auto(GStrv) sv = g_strsplit(states ? states : "on", ",", -1);
    bool one_state;

    memset(set, 0, sizeof(*set));
    if (!check_counts(num, nv, sv, err)) {
        return false;
    }
    set->num = num;
    one_state = g_strv_length(sv) == 1;
    for (unsigned i = 0; i < num; i++) {
        const char *state = sv[one_state ? 0 : i];
        char def[DOMAIN_NAME_SIZE];

        if (i < num_defaults) {
            g_strlcpy(def, defaults[i], sizeof(def));
        } else {
            snprintf(def, sizeof(def), "pd%u", i);
        }
        if (!set_name(set, i, nv ? nv[i] : def, err)) {
            return false;
        }
        if (!parse_state(state, &set->on_at_reset[i])) {
            *err = g_strdup_printf("invalid value '%s' in property "
                                   "'domain-states': valid values are on, "
                                   "off", state);
            return false;
        }
    }
    return true;
}
