/*
 * Power-domain providers, core: the domain set and its parser
 *
 * The messages are written out in full, as a user reads them after
 * "-device arm-scmi-power: " or "-device arm-pck600-ppu: ", so that a
 * changed word in any of them fails here (the qtests check fragments).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <glib.h>
#include <string.h>

#include "hw/misc/power-domain-provider/core/domain-set.h"

static const char *const three_defaults[] = { "VI", "DE_SYS", "VE_DEC" };

/* @set's @num names and states, as "name:on name:off ..." */
static char *describe(const DomainSet *set)
{
    GString *s = g_string_new("");

    for (unsigned i = 0; i < set->num; i++) {
        g_string_append_printf(s, "%s%s:%s", i ? " " : "", set->names[i],
                               set->on_at_reset[i] ? "on" : "off");
    }
    return g_string_free(s, false);
}

static void assert_parsed(unsigned num, const char *names,
                          const char *states, const char *const *defaults,
                          unsigned num_defaults, const char *expected)
{
    DomainSet set;
    g_autofree char *err = NULL;
    g_autofree char *got = NULL;

    if (!domain_set_parse(&set, num, names, states, defaults, num_defaults,
                          &err)) {
        g_error("num %u names '%s' states '%s' refused: %s", num,
                names ? names : "(null)", states ? states : "(null)", err);
    }
    g_assert_null(err);
    g_assert_cmpuint(set.num, ==, num);
    got = describe(&set);
    g_assert_cmpstr(got, ==, expected);
    /* nothing past the last domain */
    for (unsigned i = num; i < DOMAIN_SET_MAX; i++) {
        g_assert_cmpstr(set.names[i], ==, "");
        g_assert_false(set.on_at_reset[i]);
    }
}

static void assert_refused(unsigned num, const char *names,
                           const char *states, const char *message)
{
    DomainSet set;
    g_autofree char *err = NULL;

    g_assert_false(domain_set_parse(&set, num, names, states, NULL, 0,
                                    &err));
    g_assert_cmpstr(err, ==, message);
}

/* ---- Valid configurations ---------------------------------------------- */

static void test_defaults(void)
{
    /* no names, no states: pd<i>, all on */
    assert_parsed(1, NULL, NULL, NULL, 0, "pd0:on");
    assert_parsed(3, NULL, NULL, NULL, 0, "pd0:on pd1:on pd2:on");
    /* a provider's own names first, then pd<i> from the first past them */
    assert_parsed(2, NULL, NULL, three_defaults, 3, "VI:on DE_SYS:on");
    assert_parsed(5, NULL, "off", three_defaults, 3,
                  "VI:off DE_SYS:off VE_DEC:off pd3:off pd4:off");
}

static void test_states(void)
{
    /* one state for all */
    assert_parsed(2, NULL, "on", NULL, 0, "pd0:on pd1:on");
    assert_parsed(2, NULL, "off", NULL, 0, "pd0:off pd1:off");
    /* one per domain, in order */
    assert_parsed(3, NULL, "off,on,off", NULL, 0,
                  "pd0:off pd1:on pd2:off");
    assert_parsed(1, NULL, "off", NULL, 0, "pd0:off");
}

static void test_names(void)
{
    /* 1 and 15 characters; any printable character but a space */
    assert_parsed(2, "a,bcdefghijklmno", "off,on", NULL, 0,
                  "a:off bcdefghijklmno:on");
    assert_parsed(3, "smmu0,gpu.core,x-y_z!", NULL, NULL, 0,
                  "smmu0:on gpu.core:on x-y_z!:on");
    /* given names win over the provider's own */
    assert_parsed(2, "p,q", NULL, three_defaults, 3, "p:on q:on");
    /* names differing in case only are distinct */
    assert_parsed(2, "gpu,GPU", NULL, NULL, 0, "gpu:on GPU:on");
}

static void test_bounds(void)
{
    g_autofree char *expected = NULL;
    GString *all = g_string_new("");
    DomainSet set;
    g_autofree char *err = NULL;

    for (unsigned i = 0; i < 32; i++) {
        g_string_append_printf(all, "%spd%u:on", i ? " " : "", i);
    }
    expected = g_string_free(all, false);
    assert_parsed(32, NULL, NULL, NULL, 0, expected);

    /* the last of 32 per-domain states lands on domain 31 */
    g_assert_true(domain_set_parse(&set, 32, NULL,
                                   "on,on,on,on,on,on,on,on,on,on,on,on,on,"
                                   "on,on,on,on,on,on,on,on,on,on,on,on,on,"
                                   "on,on,on,on,on,off", NULL, 0, &err));
    g_assert_null(err);
    g_assert_true(set.on_at_reset[30]);
    g_assert_false(set.on_at_reset[31]);
    g_assert_cmpstr(set.names[31], ==, "pd31");
}

/* ---- Every message ------------------------------------------------------ */

static void test_num_domains(void)
{
    assert_refused(0, NULL, NULL, "invalid value 0 for property "
                   "'num-domains': valid values are 1 to 32");
    assert_refused(33, NULL, NULL, "invalid value 33 for property "
                   "'num-domains': valid values are 1 to 32");
    assert_refused(4294967295u, NULL, NULL, "invalid value 4294967295 for "
                   "property 'num-domains': valid values are 1 to 32");
    /* before the lists, whatever they hold */
    assert_refused(0, "a", "standby", "invalid value 0 for property "
                   "'num-domains': valid values are 1 to 32");
}

static void test_name_count(void)
{
    assert_refused(2, "a", NULL, "property 'domain-names' lists 1 name(s), "
                   "'num-domains' is 2: give one name per domain, separated "
                   "by commas");
    assert_refused(2, "a,b,c", NULL, "property 'domain-names' lists 3 "
                   "name(s), 'num-domains' is 2: give one name per domain, "
                   "separated by commas");
    /* an empty list has no name at all */
    assert_refused(1, "", NULL, "property 'domain-names' lists 0 name(s), "
                   "'num-domains' is 1: give one name per domain, separated "
                   "by commas");
    /* before the states' count */
    assert_refused(3, "a", "on,off", "property 'domain-names' lists 1 "
                   "name(s), 'num-domains' is 3: give one name per domain, "
                   "separated by commas");
}

static void test_state_count(void)
{
    assert_refused(3, NULL, "on,off", "property 'domain-states' lists 2 "
                   "state(s): give one for all domains or one per domain "
                   "(3)");
    assert_refused(1, NULL, "on,on", "property 'domain-states' lists 2 "
                   "state(s): give one for all domains or one per domain "
                   "(1)");
    assert_refused(2, NULL, "", "property 'domain-states' lists 0 state(s): "
                   "give one for all domains or one per domain (2)");
    /* before any one name is looked at */
    assert_refused(2, "a b,c", "on,on,on", "property 'domain-states' lists "
                   "3 state(s): give one for all domains or one per domain "
                   "(2)");
}

static void test_bad_name(void)
{
    assert_refused(1, "abcdefghijklmnop", NULL, "invalid domain name "
                   "'abcdefghijklmnop' in property 'domain-names': valid "
                   "names are 1 to 15 printable characters without spaces");
    assert_refused(2, "a,", NULL, "invalid domain name '' in property "
                   "'domain-names': valid names are 1 to 15 printable "
                   "characters without spaces");
    assert_refused(1, "a b", NULL, "invalid domain name 'a b' in property "
                   "'domain-names': valid names are 1 to 15 printable "
                   "characters without spaces");
    assert_refused(1, "a\tb", NULL, "invalid domain name 'a\tb' in property "
                   "'domain-names': valid names are 1 to 15 printable "
                   "characters without spaces");
    assert_refused(1, "caf\xc3\xa9", NULL, "invalid domain name "
                   "'caf\xc3\xa9' in property 'domain-names': valid names "
                   "are 1 to 15 printable characters without spaces");
}

static void test_duplicate_name(void)
{
    assert_refused(2, "a,a", NULL, "domain name 'a' appears twice in "
                   "property 'domain-names': names must be distinct");
    assert_refused(4, "gpu,vpu,npu,vpu", NULL, "domain name 'vpu' appears "
                   "twice in property 'domain-names': names must be "
                   "distinct");
}

static void test_bad_state(void)
{
    assert_refused(1, NULL, "standby", "invalid value 'standby' in property "
                   "'domain-states': valid values are on, off");
    assert_refused(2, NULL, "on,", "invalid value '' in property "
                   "'domain-states': valid values are on, off");
    assert_refused(1, NULL, "ON", "invalid value 'ON' in property "
                   "'domain-states': valid values are on, off");
    assert_refused(1, NULL, " on", "invalid value ' on' in property "
                   "'domain-states': valid values are on, off");
}

/* Domain by domain: its name, then its state; the first fault wins */
static void test_first_fault(void)
{
    assert_refused(2, "a,a", "standby,on", "invalid value 'standby' in "
                   "property 'domain-states': valid values are on, off");
    assert_refused(2, "a,a", "on,standby", "domain name 'a' appears twice "
                   "in property 'domain-names': names must be distinct");
    assert_refused(2, "a b,c", "standby", "invalid domain name 'a b' in "
                   "property 'domain-names': valid names are 1 to 15 "
                   "printable characters without spaces");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/domain-set/defaults", test_defaults);
    g_test_add_func("/domain-set/states", test_states);
    g_test_add_func("/domain-set/names", test_names);
    g_test_add_func("/domain-set/bounds", test_bounds);
    g_test_add_func("/domain-set/num-domains", test_num_domains);
    g_test_add_func("/domain-set/name-count", test_name_count);
    g_test_add_func("/domain-set/state-count", test_state_count);
    g_test_add_func("/domain-set/bad-name", test_bad_name);
    g_test_add_func("/domain-set/duplicate-name", test_duplicate_name);
    g_test_add_func("/domain-set/bad-state", test_bad_state);
    g_test_add_func("/domain-set/first-fault", test_first_fault);
    return g_test_run();
}
