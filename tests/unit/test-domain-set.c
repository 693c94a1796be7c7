/*
 * Power-domain providers, core: the domain set and its parser
 *
 * The messages are spelled out here, one macro per message, as a user
 * reads them after "-device arm-scmi-power: " or "-device
 * arm-pck600-ppu: ", and compared whole, so that a changed word in any of
 * them fails here (the qtests check fragments).
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

#define NUM_MSG(n) \
    "invalid value " #n " for property 'num-domains': valid values are " \
    "1 to 32"
#define NAMES_MSG(listed, num) \
    "property 'domain-names' lists " #listed " name(s), 'num-domains' is " \
    #num ": give one name per domain, separated by commas"
#define STATES_MSG(listed, num) \
    "property 'domain-states' lists " #listed " state(s): give one for " \
    "all domains or one per domain (" #num ")"
#define BAD_NAME_MSG(name) \
    "invalid domain name '" name "' in property 'domain-names': valid " \
    "names are 1 to 15 printable characters without spaces"
#define TWICE_MSG(name) \
    "domain name '" name "' appears twice in property 'domain-names': " \
    "names must be distinct"
#define BAD_STATE_MSG(state) \
    "invalid value '" state "' in property 'domain-states': valid values " \
    "are on, off"

typedef struct Refusal {
    const char *path;
    unsigned num;
    const char *names;
    const char *states;
    const char *message;
} Refusal;

static const Refusal refusals[] = {
    { "num-domains/0", 0, NULL, NULL, NUM_MSG(0) },
    { "num-domains/33", 33, NULL, NULL, NUM_MSG(33) },
    { "num-domains/max", 4294967295u, NULL, NULL, NUM_MSG(4294967295) },
    /* before the lists, whatever they hold */
    { "num-domains/first", 0, "a", "standby", NUM_MSG(0) },

    { "name-count/fewer", 2, "a", NULL, NAMES_MSG(1, 2) },
    { "name-count/more", 2, "a,b,c", NULL, NAMES_MSG(3, 2) },
    /* an empty list has no name at all */
    { "name-count/empty", 1, "", NULL, NAMES_MSG(0, 1) },
    /* before the states' count */
    { "name-count/first", 3, "a", "on,off", NAMES_MSG(1, 3) },

    { "state-count/fewer", 3, NULL, "on,off", STATES_MSG(2, 3) },
    { "state-count/more", 1, NULL, "on,on", STATES_MSG(2, 1) },
    { "state-count/empty", 2, NULL, "", STATES_MSG(0, 2) },
    /* before any one name is looked at */
    { "state-count/first", 2, "a b,c", "on,on,on", STATES_MSG(3, 2) },

    { "bad-name/16-chars", 1, "abcdefghijklmnop", NULL,
      BAD_NAME_MSG("abcdefghijklmnop") },
    { "bad-name/empty", 2, "a,", NULL, BAD_NAME_MSG("") },
    { "bad-name/space", 1, "a b", NULL, BAD_NAME_MSG("a b") },
    { "bad-name/tab", 1, "a\tb", NULL, BAD_NAME_MSG("a\tb") },
    { "bad-name/non-ascii", 1, "caf\xc3\xa9", NULL,
      BAD_NAME_MSG("caf\xc3\xa9") },

    { "twice/adjacent", 2, "a,a", NULL, TWICE_MSG("a") },
    { "twice/apart", 4, "gpu,vpu,npu,vpu", NULL, TWICE_MSG("vpu") },

    { "bad-state/word", 1, NULL, "standby", BAD_STATE_MSG("standby") },
    { "bad-state/empty", 2, NULL, "on,", BAD_STATE_MSG("") },
    { "bad-state/case", 1, NULL, "ON", BAD_STATE_MSG("ON") },
    { "bad-state/space", 1, NULL, " on", BAD_STATE_MSG(" on") },

    /* domain by domain: its name, then its state; the first fault wins */
    { "first-fault/state", 2, "a,a", "standby,on",
      BAD_STATE_MSG("standby") },
    { "first-fault/twice", 2, "a,a", "on,standby", TWICE_MSG("a") },
    { "first-fault/name", 2, "a b,c", "standby", BAD_NAME_MSG("a b") },
};

static void test_refused(const void *opaque)
{
    const Refusal *r = opaque;
    DomainSet set;
    g_autofree char *err = NULL;

    g_assert_false(domain_set_parse(&set, r->num, r->names, r->states,
                                    NULL, 0, &err));
    g_assert_cmpstr(err, ==, r->message);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/domain-set/defaults", test_defaults);
    g_test_add_func("/domain-set/states", test_states);
    g_test_add_func("/domain-set/names", test_names);
    g_test_add_func("/domain-set/bounds", test_bounds);
    for (unsigned i = 0; i < G_N_ELEMENTS(refusals); i++) {
        g_autofree char *path = g_strdup_printf("/domain-set/refused/%s",
                                                refusals[i].path);

        g_test_add_data_func(path, &refusals[i], test_refused);
    }
    return g_test_run();
}
