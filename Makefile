# arm-smmuv3-pm — top-level Makefile (GNU make).
#
# A thin driver: ./configure prepares build/ and writes build/config.mk;
# ninja builds QEMU (build/qemu-build) and the unit tests (build/unit);
# scripts/run-tap runs test binaries and prints "N passed, N failed".
#
#   make              build qemu-system-aarch64 (runs ./configure if needed)
#   make check        everything below but guest tests: unit tests, qtests,
#                     script tests, fuzzing (replay + FUZZ_CHECK_SECONDS
#                     each) and the qtests under ASan + UBSan
#   make check-fast   unit tests, qtests, script tests, fuzz replay only
#   make check-unit   layering check + core unit tests (does not build QEMU)
#   make check-layers the cores' layers only (scripts/check-layers)
#   make check-qtest  qtests against the built qemu-system-aarch64
#   make check-sanitized  QEMU + qtests built with ASan + UBSan (build/qemu-san)
#   make check-guest  boot Debian kernels with the SMMU (QEMU=... to use another)
#   make demo         the main job: boot Debian with the SMMU, show what it did
#   make bench-guest  O_DIRECT 4k I/O in a Debian guest, SMMU timing off vs mmu600
#   make bench        core microbenchmarks (translations, TLB lookups /s), then
#                     bench-dma
#   make bench-dma    DMA translations /s through QEMU: arm-smmuv3-pm (and
#                     model=mmu600) vs QEMU's arm-smmuv3 vs no IOMMU
#                     (DMA_BENCH_ARGS="--rounds 1" etc.: the program's options)
#   make coverage     unit tests built with gcov: line coverage per core file
#   make fuzz         libFuzzer harnesses (tests/fuzz), FUZZ_SECONDS=60 each
#   make fuzz-qemu    QEMU's generic-fuzz over the SMMU on virt (build/qemu-fuzz)
#   make check-fuzz   replay the fuzz corpora and regression inputs, then
#                     fuzz each harness FUZZ_CHECK_SECONDS (60; part of check)
#   make clean        remove build outputs (keeps sources and caches)
#   make distclean    remove build/ entirely
#
# SPDX-License-Identifier: GPL-2.0-or-later

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := all

ROOT := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
CONFIG_MK := $(ROOT)/build/config.mk

# ccache: hit across clones at different paths (relative paths under ROOT,
# and the working directory is not hashed even though QEMU builds with -g)
export CCACHE_BASEDIR := $(ROOT)
export CCACHE_NOHASHDIR := 1

# Extra ninja flags, e.g. make NINJAFLAGS=-j3
NINJAFLAGS ?=

# Goals that must work without (or without re-running) ./configure
# (check-guest too when QEMU= names the binary to run)
NO_CONFIG_GOALS := clean distclean help $(if $(QEMU),check-guest demo bench-guest)

ifneq ($(filter-out $(NO_CONFIG_GOALS),$(or $(MAKECMDGOALS),$(.DEFAULT_GOAL))),)
# make remakes an out-of-date included makefile, then restarts: so a missing
# config.mk, or a change to configure or the wiring, reruns ./configure
# (with the arguments it was last given)
include $(CONFIG_MK)
endif

WIRING_INPUTS := $(wildcard $(ROOT)/qemu-wiring/series $(ROOT)/qemu-wiring/overlay.list \
                            $(ROOT)/qemu-wiring/patches/*.patch)

$(CONFIG_MK): $(ROOT)/configure $(WIRING_INPUTS)
	cd $(ROOT) && ./configure $(CONFIGURE_ARGS)

RUN_TAP := $(ROOT)/scripts/run-tap
CORE_DIR := $(ROOT)/hw/arm/smmuv3-pm/core

# Test executables that the current build files define (not stale leftovers)
# $(call ninja_tests,BUILD_DIR,REGEX)
ninja_tests = $(shell $(NINJA) -C $(1) -t targets all 2>/dev/null | \
                sed -n 's|^\($(2)\): .*|$(1)/\1|p' | LC_ALL=C sort -u)
qtest_bins = $(call ninja_tests,$(QEMU_BUILD),tests/qtest/smmuv3-pm/[^/:]*-test)
san_qtest_bins = $(call ninja_tests,$(QEMU_SAN_BUILD),tests/qtest/smmuv3-pm/[^/:]*-test)
unit_bins = $(call ninja_tests,$(UNIT_BUILD),tests/unit/test-[^/:]*)

# A test layer that finds no tests is a failure, never a silent pass
require_tests = $(if $(strip $(1)),,$(error no $(2) test executables were found))

.PHONY: all qemu qtests unit unit-sources core-list bench bench-dma coverage fuzz check-fuzz check check-fast check-unit check-layers check-qtest check-sanitized qemu-san qemu-san-binary check-guest demo bench-guest clean distclean help

all: qemu

qemu:
	@[[ -f $(QEMU_BUILD)/build.ninja ]] || { cd $(ROOT) && ./configure $(CONFIGURE_ARGS); }
	$(NINJA) -C $(QEMU_BUILD) $(NINJAFLAGS) qemu-system-aarch64

# The qtest executables are ninja targets of QEMU's build, present once the
# wiring patch hooks tests/qtest/smmuv3-pm into QEMU's meson.
# (Runs after qemu, which regenerates build.ninja if a meson.build changed.)
qtests: qemu
	$(call require_tests,$(qtest_bins),qtest)
	$(NINJA) -C $(QEMU_BUILD) $(NINJAFLAGS) $(patsubst $(QEMU_BUILD)/%,%,$(qtest_bins))

# Meson cannot glob: reconfigure build/unit when the set of core/**/*.c is not
# the one it was last configured with (or set it up again if it is gone)
unit-sources:
	@[[ -f $(UNIT_BUILD)/build.ninja ]] || { cd $(ROOT) && ./configure $(CONFIGURE_ARGS); }
	@cur="$$(cd $(CORE_DIR) && find . -name '*.c' | sed 's|^\./||' | LC_ALL=C sort)"; \
	 rec=$(UNIT_BUILD)/.core-sources; \
	 if [[ "$$cur" != "$$(cat $$rec 2>/dev/null)" ]]; then \
	   echo "make: (re)configuring build/unit for the current core sources"; \
	   $(MESON) setup --reconfigure $(UNIT_BUILD) $(ROOT) >/dev/null; \
	   printf '%s\n' "$$cur" >$$rec; \
	 fi

unit: unit-sources core-list
	$(call require_tests,$(unit_bins),unit)
	$(NINJA) -C $(UNIT_BUILD) $(NINJAFLAGS)

# QEMU's build lists the core's files by hand: every core/**/*.c must be there
core-list:
	@for f in $$(cd $(CORE_DIR) && find . -name '*.c' | sed 's|^\./||'); do \
	   grep -q "'core/$$f'" $(ROOT)/hw/arm/smmuv3-pm/meson.build || \
	     { echo "make: core/$$f is missing from hw/arm/smmuv3-pm/meson.build" >&2; exit 1; }; \
	 done

# Core microbenchmarks: print translations and TLB lookups per second;
# then the DMA benchmark through QEMU
bench: unit qemu
	$(UNIT_BUILD)/tests/bench/bench-translate
	$(UNIT_BUILD)/tests/bench/bench-tlb
	@$(MAKE) --no-print-directory bench-dma

# DMA translations per second through QEMU (tests/qtest/smmuv3-pm/
# smmuv3-pm-dma-bench.c: a libqtest program built with the qtests but not
# one of them): the same smmu-dma-master burst through arm-smmuv3-pm, its
# MMU-600 preset, QEMU's own arm-smmuv3 and no IOMMU, side by side.  Prints
# a table; exits 1 only if a burst fails or its data is not where the page
# tables put it.  About a minute.
DMA_BENCH := tests/qtest/smmuv3-pm/smmuv3-pm-dma-bench
DMA_BENCH_ARGS ?=
bench-dma: qemu
	$(NINJA) -C $(QEMU_BUILD) $(NINJAFLAGS) $(DMA_BENCH)
	QTEST_QEMU_BINARY=$(QEMU_BINARY) $(QEMU_BUILD)/$(DMA_BENCH) $(DMA_BENCH_ARGS)

# Line coverage of the cores by the unit tests: their own meson build
# (gcov instrumentation, -O0) in build/coverage, the unit tests run there,
# then gcovr's table of every core file (the SMMU's, SCMI's, the PPUs',
# the domain set's; best covered first, the total last).  Separate from check/check-unit, which it does not
# slow down.  Needs gcovr (Debian package; ./configure --install-deps).
COVERAGE_BUILD := $(ROOT)/build/coverage
GCOVR ?= gcovr
coverage:
	@command -v $(GCOVR) >/dev/null || { echo "make: coverage needs gcovr (apt-get install gcovr, or ./configure --install-deps)" >&2; exit 1; }
	@if [[ ! -f $(COVERAGE_BUILD)/build.ninja ]]; then \
	   $(MESON) setup $(COVERAGE_BUILD) $(ROOT) -Db_coverage=true -Dbuildtype=debug >/dev/null; \
	 else \
	   $(MESON) setup --reconfigure $(COVERAGE_BUILD) $(ROOT) >/dev/null; \
	 fi
	$(NINJA) -C $(COVERAGE_BUILD) $(NINJAFLAGS)
	@find $(COVERAGE_BUILD) -name '*.gcda' -delete
	@tests="$$($(NINJA) -C $(COVERAGE_BUILD) -t targets all | \
	          sed -n 's|^\(tests/unit/test-[^/:]*\): .*|$(COVERAGE_BUILD)/\1|p' | LC_ALL=C sort -u)"; \
	 [[ -n $$tests ]] || { echo "make: no unit test executables in $(COVERAGE_BUILD)" >&2; exit 1; }; \
	 $(RUN_TAP) $$tests
	@cd $(ROOT) && $(GCOVR) --root $(ROOT) --object-directory $(COVERAGE_BUILD) \
	   --filter 'hw/arm/smmuv3-pm/core/' --filter 'hw/misc/[^/]+/core/' \
	   --sort-percentage

# Tests of the project's scripts (no QEMU, no guest): the demo's verdict
# and summary on a recorded run, the layering check on broken cores, the
# stats table of docs/user.md against core/base/stats.h, check-guest's
# matrix and record/replay comparison and bench-guest's tables
SCRIPT_TESTS := $(ROOT)/tests/demo/test-demo-summary $(ROOT)/tests/scripts/test-check-layers \
                $(ROOT)/scripts/stats-doc $(ROOT)/tests/guest/test-guest-scripts

# The cores' layers (every hw/**/LAYERS): no upward call or include, no
# cycle (scripts/check-layers); part of check and check-unit
LAYER_CHECK := $(ROOT)/scripts/check-layers

# Everything that needs no guest: the fast layers first, so a plain bug
# shows up in minutes, then the slow ones (each reports "N passed, N failed")
check: check-fast
	@$(MAKE) --no-print-directory check-fuzz-bounded-if-available
	@$(MAKE) --no-print-directory check-sanitized

check-fast: qemu qtests unit
	QTEST_QEMU_BINARY=$(QEMU_BINARY) $(RUN_TAP) $(LAYER_CHECK) $(unit_bins) $(qtest_bins) $(SCRIPT_TESTS)
	@$(MAKE) --no-print-directory check-fuzz-replay-if-available

check-unit: unit
	$(RUN_TAP) $(LAYER_CHECK) $(unit_bins)

check-layers:
	$(LAYER_CHECK)

check-qtest: qemu qtests
	QTEST_QEMU_BINARY=$(QEMU_BINARY) $(RUN_TAP) $(qtest_bins)

# The sanitized build: QEMU and the qtests compiled with ASan (LeakSanitizer
# included) and UBSan in build/qemu-san, set up on first use by
# ./configure --sanitized (the same QEMU source, its own build directory).
# Every qtest runs there; an error in any process — the test program or a
# QEMU it starts — fails it: ASan and LeakSanitizer exit with status 66
# (libqtest fails a test whose QEMU exits with an unexpected status), UBSan
# aborts.
SAN_OPTIONS_ASAN := detect_leaks=1:exitcode=66:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1
SAN_OPTIONS_UBSAN := halt_on_error=1:print_stacktrace=1
qemu-san-binary:
	cd $(ROOT) && ./configure --sanitized $(CONFIGURE_ARGS)
	$(NINJA) -C $(QEMU_SAN_BUILD) $(NINJAFLAGS) qemu-system-aarch64

# (a target of its own: make expands a recipe before running its first line,
# and the qtests are known once build/qemu-san is configured)
qemu-san: qemu-san-binary
	$(call require_tests,$(san_qtest_bins),sanitized qtest)
	$(NINJA) -C $(QEMU_SAN_BUILD) $(NINJAFLAGS) $(patsubst $(QEMU_SAN_BUILD)/%,%,$(san_qtest_bins))

check-sanitized: qemu-san
	@echo "check-sanitized: qtests of build/qemu-san (ASan + LeakSanitizer + UBSan)"
	ASAN_OPTIONS=$(SAN_OPTIONS_ASAN) UBSAN_OPTIONS=$(SAN_OPTIONS_UBSAN) \
	  QTEST_QEMU_BINARY=$(QEMU_SAN_BUILD)/qemu-system-aarch64 $(RUN_TAP) $(san_qtest_bins)

# Guest tests (scripts/check-guest): Debian's arm64 kernels boot with the
# SMMU, one line per case and "N passed, N failed".  GUEST_CASES=PATTERN...
# picks cases; MODEL=LIST the SMMU model presets (default generic,mmu600:
# every case with the default model, then the mmu600 half; MODEL=mmu600
# that half alone, MODEL=generic the default matrix alone);
# QEMU=/path/to/qemu-system-aarch64 skips building ours.
GUEST_CASES ?=
MODEL ?=
check-guest: $(if $(QEMU),,qemu)
	QEMU=$(or $(QEMU),$(QEMU_BINARY)) $(ROOT)/scripts/check-guest $(if $(MODEL),--model '$(MODEL)') $(GUEST_CASES)

# The main job (scripts/demo): one boot of Debian's 6.12 kernel on virt with
# the SMMU, the guest's probe/DMA/network checks and a summary of the
# model's counters read over QMP; exit 1 if anything failed.  Fetches the
# guest kit on first use.  DEMO_KERNEL=6.1, KERNEL=/MODULES=, SMMU_OPTS=
# as scripts/demo says; QEMU=/path/to/qemu-system-aarch64 skips building.
demo: $(if $(QEMU),,qemu)
	QEMU=$(or $(QEMU),$(QEMU_BINARY)) $(ROOT)/scripts/demo

# Guest benchmark (scripts/bench-guest): small-block O_DIRECT I/O on
# virtio-blk and nvme behind the SMMU with iommu.strict=1, one boot with the
# SMMU's timing off (model generic) and one with model=mmu600; prints I/Os,
# time per I/O, commands by opcode, CMD_SYNCs and the model's latency and
# cycle figures when its stats have them, and the ratios (-icount shift=4:
# guest time in instructions and modelled delays).  BENCH_KERNEL,
# BENCH_IOS, BENCH_BS, BENCH_DISKS, BENCH_ICOUNT, BENCH_REPEAT,
# BENCH_CONFIGS as scripts/bench-guest says.  Fails only if the I/O or its
# data did.
bench-guest: $(if $(QEMU),,qemu)
	QEMU=$(or $(QEMU),$(QEMU_BINARY)) $(ROOT)/scripts/bench-guest

clean:
	@for d in $(ROOT)/build/qemu-build $(ROOT)/build/qemu-san $(ROOT)/build/qemu-fuzz $(ROOT)/build/unit; do \
	   if [[ -f $$d/build.ninja ]]; then echo "ninja -C $$d clean"; ninja -C $$d clean >/dev/null; fi; \
	 done

distclean:
	rm -rf $(ROOT)/build

help:
	@sed -n '7,30p' $(ROOT)/Makefile | sed 's/^# \{0,1\}//'

include $(ROOT)/tests/fuzz/fuzz.mk
