/*
 * arm-smmuv3-pm core: what the model counts about its own work
 *
 * Every counter is listed once, here, with what it counts.  The lists
 * produce the SmmuPmStats structure, the names and order of the QEMU
 * device's "stats" property (hw/arm/smmuv3-pm/smmuv3-pm.c) and the table
 * of docs/user.md (scripts/stats-doc writes it; make check compares), so
 * a counter cannot be added without being reachable and documented.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SMMUV3_PM_CORE_BASE_STATS_H
#define SMMUV3_PM_CORE_BASE_STATS_H

#include <stdint.h>

#include "hw/arm/smmuv3-pm/core/base/host.h"

/* X(name, what it counts): one counter */
#define SMMU_PM_STATS_COUNTERS(X) \
    X(reads, "register reads (any size)") \
    X(writes, "register writes (any size)") \
    X(guest_errors, "accesses the architecture does not allow (also " \
      "logged with `-d guest_errors`)") \
    X(translations, "incoming transactions: every translation QEMU asked " \
      "for (one per DMA access within a page; a terminated access is " \
      "retried 8 bytes at a time, each a translation)") \
    X(bypassed, "of those, bypassed: SMMUEN=0 with GBPA.ABORT=0, or an " \
      "STE in bypass") \
    X(aborted, "of those, terminated with an abort (the master sees a " \
      "bus error)") \
    X(tlb_hits, "TLB lookups of translated transactions that hit") \
    X(tlb_misses, "TLB lookups of translated transactions that missed") \
    X(walks, "table walks (a nested translation walks both stages)") \
    X(cfg_hits, "STE and CD lookups that hit the configuration cache (a " \
      "stage-1 translation looks up one of each)") \
    X(cfg_misses, "STE and CD lookups that missed the configuration " \
      "cache") \
    X(commands, "commands consumed from the command queue (illegal ones " \
      "are not)") \
    X(cmd_errors, "command queue errors (CERROR_ILL, _ABT, " \
      "_ATC_INV_SYNC)") \
    X(syncs, "CMD_SYNCs completed") \
    X(events, "events raised, recorded or not") \
    X(events_dropped_disabled, "events lost because EVENTQEN=0") \
    X(events_dropped_overflow, "events lost because the event queue was " \
      "full") \
    X(events_dropped_abort, "events lost because the event queue write " \
      "was aborted") \
    X(events_deferred, "stall events that waited for a writable event " \
      "queue (7.2.1) instead of being lost") \
    X(stalls, "transactions held by the Stall model") \
    X(stalls_retried, "held transactions retried (CMD_RESUME retry)") \
    X(stalls_terminated, "held transactions terminated (CMD_RESUME " \
      "abort or RAZ/WI, CMD_STALL_TERM, SMMUEN 1->0, power-off)") \
    X(pri_requests, "PCIe page requests received from endpoints") \
    X(pri_discarded, "page requests not queued (SMMU off, PRI queue off, " \
      "overflow, abort)") \
    X(pri_auto_responses, "PRG Responses the SMMU sent on its own " \
      "(IHI 0070 8.1/8.2)") \
    X(pri_responses, "PRG Responses sent for CMD_PRI_RESP") \
    X(msis, "MSIs written (event queue, PRI queue, GERROR, CMD_SYNC)") \
    X(msi_aborts, "of those, aborted by the bus") \
    X(gerrors, "global errors raised: GERROR bits that became active " \
      "(injected ones included)")

/*
 * Y(name, number of keys, what it counts): counters by a key that the
 * "stats" property names (opcode, event type, interrupt line); only the
 * non-zero ones are shown
 */
#define SMMU_PM_STATS_BY_KEY(Y) \
    Y(commands_by_op, 0x50, "`commands` by opcode: " \
      "`{\"CMD_SYNC\": 12, \"TLBI_NH_VA\": 40}`") \
    Y(events_by_type, 0x40, "`events` by type: `{\"F_TRANSLATION\": 1}`") \
    Y(irq_pulses, SMMU_PM_IRQ__MAX, "wired interrupt edges by line: " \
      "`{\"cmd-sync\": 2, \"gerror\": 1}` (an MSI is counted in `msis` " \
      "instead)")

typedef struct SmmuPmStats {
#define SMMU_PM_STATS_FIELD(name, doc) uint64_t name;
    SMMU_PM_STATS_COUNTERS(SMMU_PM_STATS_FIELD)
#undef SMMU_PM_STATS_FIELD
#define SMMU_PM_STATS_ARRAY(name, n, doc) uint64_t name[n];
    SMMU_PM_STATS_BY_KEY(SMMU_PM_STATS_ARRAY)
#undef SMMU_PM_STATS_ARRAY
} SmmuPmStats;

#endif /* SMMUV3_PM_CORE_BASE_STATS_H */
