/*
 * arm-pck600-ppu core: configuration from the device's properties
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <stdio.h>
#include <string.h>
#include <glib.h>

#include "ppu.h"

/*
 * The A733's domains, in the order of its DT binding
 * (include/dt-bindings/power/allwinner,sun60i-a733-pck-600.h), which is
 * also the order of its register blocks
 */
static const char *const a733_names[] = {
    "VI", "DE_SYS", "VE_DEC", "VE_ENC", "NPU", "GPU_TOP", "GPU_CORE",
    "PCIE", "USB2", "VO", "VO1",
};

/* "on" or "off" into *@on; false for anything else */
static bool parse_state(const char *s, bool *on)
{
    *on = !strcmp(s, "on");
    return *on || !strcmp(s, "off");
}

bool ppu_config_parse(PpuConfig *cfg, unsigned num, const char *states,
                      uint64_t latency_ns, char **err)
{
    g_auto(GStrv) sv = g_strsplit(states ? states : "on", ",", -1);
    unsigned nstates = g_strv_length(sv);

    memset(cfg, 0, sizeof(*cfg));
    if (num < 1 || num > PPU_MAX_DOMAINS) {
        *err = g_strdup_printf("invalid value %u for property 'num-domains': "
                               "valid values are 1 to %d", num,
                               PPU_MAX_DOMAINS);
        return false;
    }
    if (nstates != 1 && nstates != num) {
        *err = g_strdup_printf("property 'domain-states' lists %u state(s): "
                               "give one for all domains or one per domain "
                               "(%u)", nstates, num);
        return false;
    }
    cfg->num_domains = num;
    cfg->latency_ns = latency_ns;
    for (unsigned i = 0; i < num; i++) {
        const char *state = sv[nstates == 1 ? 0 : i];

        if (!parse_state(state, &cfg->on_at_reset[i])) {
            *err = g_strdup_printf("invalid value '%s' in property "
                                   "'domain-states': valid values are on, "
                                   "off", state);
            return false;
        }
        if (i < G_N_ELEMENTS(a733_names)) {
            g_strlcpy(cfg->names[i], a733_names[i], PPU_NAME_SIZE);
        } else {
            snprintf(cfg->names[i], PPU_NAME_SIZE, "pd%u", i);
        }
    }
    return true;
}
