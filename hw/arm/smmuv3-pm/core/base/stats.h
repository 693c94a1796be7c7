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
    X(utlb_hits, "micro-TLB lookups that hit: with `utlb-entries` > 0 " \
      "every transaction of an enabled SMMU looks it up first, and a hit " \
      "answers for the STE, CD and TLB lookups, which count it too " \
      "(`cfg_hits`, `tlb_hits`)") \
    X(utlb_misses, "micro-TLB lookups that missed (the configuration and " \
      "TLB were looked up)") \
    X(walk_accesses, "table-walk memory accesses: descriptor reads at " \
      "either stage (a nested walk's stage-2 reads for stage-1 tables " \
      "included) and hardware descriptor updates (HTTU, one each)") \
    X(cfg_accesses, "STE and CD reads from memory (level-1 descriptors " \
      "included) on configuration cache misses") \
    X(walkcache_hits, "walk-cache lookups that gave a table (one lookup " \
      "per walk, of either stage)") \
    X(walkcache_misses, "walk-cache lookups that gave none (the walk " \
      "started at the top)") \
    X(cycles, "modelled translation cycles (SMMU clock), the sum of every " \
      "transaction's cost; counted only with timing on (`model=mmu600` or " \
      "`mmu700`)") \
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

/*
 * Z(name, what it counts): counters kept per StreamID, for the first
 * SMMU_PM_STATS_SIDS StreamIDs that send a transaction; the transactions
 * of any other StreamID are counted together as "other".  The "stats"
 * property shows them as "by_sid": {"0x3": {...}, "other": {...}}.
 */
#define SMMU_PM_STATS_SIDS 64
#define SMMU_PM_STATS_PER_SID(Z) \
    Z(translations, "its transactions") \
    Z(tlb_hits, SMMU_PM_STATS_SAME) \
    Z(tlb_misses, SMMU_PM_STATS_SAME) \
    Z(utlb_hits, SMMU_PM_STATS_SAME) \
    Z(utlb_misses, SMMU_PM_STATS_SAME) \
    Z(walk_accesses, SMMU_PM_STATS_SAME) \
    Z(cycles, SMMU_PM_STATS_SAME)
#define SMMU_PM_STATS_SAME "as the counter of that name"

typedef struct SmmuPmSidStats {
#define SMMU_PM_STATS_SID_FIELD(name, doc) uint64_t name;
    SMMU_PM_STATS_PER_SID(SMMU_PM_STATS_SID_FIELD)
#undef SMMU_PM_STATS_SID_FIELD
} SmmuPmSidStats;

typedef struct SmmuPmStatsBySid {
    uint32_t used;                      /* slots taken, in arrival order */
    uint32_t sid[SMMU_PM_STATS_SIDS];
    SmmuPmSidStats slot[SMMU_PM_STATS_SIDS];
    SmmuPmSidStats other;               /* every StreamID without a slot */
    /*
     * A guess, checked before use, of the slot of a StreamID (its low 8
     * bits pick the byte: slot + 1, 0 for none): not migrated, rebuilt
     * by the translations that miss it
     */
    uint8_t hint[256];
} SmmuPmStatsBySid;

typedef struct SmmuPmStats {
#define SMMU_PM_STATS_FIELD(name, doc) uint64_t name;
    SMMU_PM_STATS_COUNTERS(SMMU_PM_STATS_FIELD)
#undef SMMU_PM_STATS_FIELD
#define SMMU_PM_STATS_ARRAY(name, n, doc) uint64_t name[n];
    SMMU_PM_STATS_BY_KEY(SMMU_PM_STATS_ARRAY)
#undef SMMU_PM_STATS_ARRAY
    SmmuPmStatsBySid by_sid;
} SmmuPmStats;

#endif /* SMMUV3_PM_CORE_BASE_STATS_H */
