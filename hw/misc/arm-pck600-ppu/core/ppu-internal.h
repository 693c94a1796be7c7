/*
 * arm-pck600-ppu core: what the register blocks (regfile.c) and the
 * policy sequencer (policy.c) share
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef ARM_PCK600_PPU_CORE_PPU_INTERNAL_H
#define ARM_PCK600_PPU_CORE_PPU_INTERNAL_H

#include "ppu.h"

/* A guest error, counted and handed to the host */
void ppu_report(Ppu *p, const char *msg);
/* Something software got wrong with @dom's PPU */
void ppu_guest_error(Ppu *p, unsigned dom, const char *fmt, ...)
    G_GNUC_PRINTF(3, 4);

/* New ISR and AISR values; the host hears if the interrupt output moved */
void ppu_set_status(Ppu *p, unsigned dom, uint32_t isr, uint32_t aisr);

/*
 * Act on the policy in PWPR: start a transition towards it unless one is
 * in flight (the PPU looks again when it ends), the PPU is locked, or
 * the domain is there already.  @written: software just wrote it (an
 * unsupported policy is then refused and reported).
 */
void ppu_apply_policy(Ppu *p, unsigned dom, bool written);

/* PPU_UNLK.UNLOCK: leave a locked OFF and act on the policy */
void ppu_unlock(Ppu *p, unsigned dom);

#endif /* ARM_PCK600_PPU_CORE_PPU_INTERNAL_H */
