/*
 * arm-pck600-ppu core: the Power Policy Units of a PCK-600
 *
 * One PPU per power domain, each with its 4 KiB register block at
 * domain * PPU_BLOCK_SIZE in the device's window.  Software writes a
 * policy (PWPR); the PPU moves the domain to that mode in its own time
 * (the host schedules the end of each transition) and reports the mode
 * it is in (PWSR).  A transition, once started, runs to completion; the
 * PPU then compares the policy again, as the hardware sequencer does.
 * Power changes, interrupt levels and diagnostics go back through
 * PpuHostOps.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef ARM_PCK600_PPU_CORE_PPU_H
#define ARM_PCK600_PPU_CORE_PPU_H

#include <stdbool.h>
#include <stdint.h>
#include <glib.h>

#include "hw/misc/power-domain-provider/core/domain-set.h"
#include "regs.h"

#define PPU_MAX_DOMAINS DOMAIN_SET_MAX

/* What the PPUs need from their host */
typedef struct PpuHostOps {
    /* An access or a request software got wrong: -d guest_errors */
    void (*guest_error)(void *opaque, const char *msg);
    /* Domain @domain is now powered (@on) or off */
    void (*power_changed)(void *opaque, unsigned domain, bool on);
    /* The interrupt output of @domain's PPU is now at @level */
    void (*irq_changed)(void *opaque, unsigned domain, bool level);
    /* Call ppu_transition_done(@domain) once @delay_ns have passed */
    void (*schedule)(void *opaque, unsigned domain, uint64_t delay_ns);
} PpuHostOps;

typedef struct PpuConfig {
    DomainSet domains;
    uint64_t latency_ns;        /* of every transition */
} PpuConfig;

typedef struct PpuDomain {
    /* Registers with state; the others are constant or derived */
    uint32_t pwpr;
    uint32_t pwsr;
    uint32_t pwcr;
    uint32_t ptcr;
    uint32_t imr;
    uint32_t aimr;
    uint32_t isr;               /* without OTHER_IRQ, derived from aisr */
    uint32_t aisr;
    uint32_t iesr;
    uint32_t dcdr0;
    uint32_t dcdr1;
    uint32_t sunxi_lpsdr0;
    uint32_t sunxi_lpsdr1;
    uint32_t sunxi_off2on;
    /* A transition in flight, towards mode @target */
    bool busy;
    uint32_t target;
    /* Counters: completed transitions to ON and to OFF, policies refused */
    uint64_t power_on;
    uint64_t power_off;
    uint64_t unsupported;
} PpuDomain;

typedef struct Ppu {
    PpuConfig cfg;
    PpuDomain d[PPU_MAX_DOMAINS];
    uint64_t guest_errors;
    const PpuHostOps *ops;
    void *opaque;
} Ppu;

/*
 * Build a configuration from the device's properties: @num domains and
 * their @states (NULL: all on), as domain_set_parse() takes them, each
 * transition taking @latency_ns.  Domains are named after the A733's
 * (VI, DE_SYS, ...), then pd11, pd12, ...  Returns false with *@err
 * naming the property and its valid values.
 */
bool ppu_config_parse(PpuConfig *cfg, unsigned num, const char *states,
                      uint64_t latency_ns, char **err);

void ppu_init(Ppu *p, const PpuConfig *cfg, const PpuHostOps *ops,
              void *opaque);
/* Every domain in its reset mode, transitions dropped (power_changed each) */
void ppu_reset(Ppu *p);

/* A 32-bit access at @offset of the window of every domain's block */
uint32_t ppu_read(Ppu *p, uint32_t offset);
void ppu_write(Ppu *p, uint32_t offset, uint32_t value);

/* The transition ppu_schedule'd for @domain has taken its time */
void ppu_transition_done(Ppu *p, unsigned domain);

/* Whether @domain is powered: PWSR says ON */
bool ppu_domain_on(const Ppu *p, unsigned domain);
/* The interrupt output of @domain's PPU */
bool ppu_irq_level(const Ppu *p, unsigned domain);

/* Names for traces and messages */
const char *ppu_mode_name(uint32_t mode);
const char *ppu_reg_name(uint32_t offset);

#endif /* ARM_PCK600_PPU_CORE_PPU_H */
