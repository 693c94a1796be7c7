/*
 * arm-pck600-ppu core: configuration from the device's properties
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

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

bool ppu_config_parse(PpuConfig *cfg, unsigned num, const char *states,
                      uint64_t latency_ns, char **err)
{
    memset(cfg, 0, sizeof(*cfg));
    if (!domain_set_parse(&cfg->domains, num, NULL, states, a733_names,
                          G_N_ELEMENTS(a733_names), err)) {
        return false;
    }
    cfg->latency_ns = latency_ns;
    return true;
}
