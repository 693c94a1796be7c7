# libFuzzer harnesses of the cores (tests/fuzz/*.c), included by the
# top-level Makefile.  A build of their own in build/fuzz, independent of
# meson and of QEMU: clang (Debian's clang-14 + libclang-rt-14-dev) with
# -fsanitize=fuzzer,address,undefined and -fno-sanitize-recover=all.
#
#   make fuzz         build, then fuzz each harness FUZZ_SECONDS (60) over
#                     a copy of its corpus (build/fuzz/corpus/<harness>)
#   make check-fuzz-replay  replay tests/fuzz/corpus/<h>/ and
#                     tests/fuzz/regress/<h>/ through each harness (-runs=0):
#                     one TAP line each (part of make check-fast)
#   make check-fuzz   the replay, then fuzz each harness FUZZ_CHECK_SECONDS
#                     (60) like make fuzz (part of make check)
#   make fuzz-corpus  regenerate the seed corpora (tests/fuzz/gen-corpus.c)
#
# FUZZ_HARNESSES=fuzz-walk picks harnesses; FUZZ_FLAGS adds libFuzzer flags.
#
# SPDX-License-Identifier: GPL-2.0-or-later

FUZZ_DIR := $(ROOT)/tests/fuzz
FUZZ_BUILD := $(ROOT)/build/fuzz
FUZZ_CC ?= $(or $(shell command -v clang-14 2>/dev/null),$(shell command -v clang 2>/dev/null),clang-14)
FUZZ_SECONDS ?= 60
FUZZ_FLAGS ?=
FUZZ_ALL := fuzz-core fuzz-walk fuzz-scmi fuzz-ppu
FUZZ_HARNESSES ?= $(FUZZ_ALL)

FUZZ_GLIB_CFLAGS = $(shell pkg-config --cflags glib-2.0)
FUZZ_GLIB_LIBS = $(shell pkg-config --libs glib-2.0)
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all \
            -fno-omit-frame-pointer
FUZZ_CFLAGS := -std=gnu11 -g -O1 $(FUZZ_SAN) -Wall -Wno-unused-parameter \
               -Wno-unused-function -I$(ROOT) -I$(ROOT)/hw/arm/smmuv3-pm/core \
               -I$(ROOT)/hw/arm/smmuv3-pm -I$(ROOT)/tests/common \
               -I$(ROOT)/tests/unit -I$(FUZZ_DIR) \
               -I$(ROOT)/hw/misc/arm-scmi-power/core \
               -I$(ROOT)/hw/misc/arm-pck600-ppu/core

# Sources of the cores (instrumented for coverage: fuzzer-no-link)
FUZZ_SMMU_SRCS := $(shell cd $(ROOT) && find hw/arm/smmuv3-pm/core -name '*.c' | LC_ALL=C sort)
FUZZ_PD_SRCS := hw/misc/power-domain-provider/core/domain-set.c
FUZZ_SCMI_SRCS := $(addprefix hw/misc/arm-scmi-power/core/,base.c message.c platform.c power.c shmem.c)
FUZZ_PPU_SRCS := $(addprefix hw/misc/arm-pck600-ppu/core/,config.c policy.c regfile.c)
FUZZ_BUILDER_SRCS := tests/common/smmu-builder.c

fuzz_obj = $(patsubst %.c,$(FUZZ_BUILD)/obj/%.o,$(1))

FUZZ_OBJS_fuzz-core := $(call fuzz_obj,$(FUZZ_SMMU_SRCS) $(FUZZ_BUILDER_SRCS))
FUZZ_OBJS_fuzz-walk := $(call fuzz_obj,$(FUZZ_SMMU_SRCS))
FUZZ_OBJS_fuzz-scmi := $(call fuzz_obj,$(FUZZ_SCMI_SRCS) $(FUZZ_PD_SRCS))
FUZZ_OBJS_fuzz-ppu := $(call fuzz_obj,$(FUZZ_PPU_SRCS) $(FUZZ_PD_SRCS))

$(FUZZ_BUILD)/obj/%.o: $(ROOT)/%.c
	@mkdir -p $(dir $@)
	@echo "  CC (fuzz) $*.c"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(FUZZ_GLIB_CFLAGS) -MMD -MP -c $< -o $@

-include $(shell find $(FUZZ_BUILD)/obj -name '*.d' 2>/dev/null)

# One harness: its own .c with the fuzzer's main, linked with its cores
.SECONDEXPANSION:
$(addprefix $(FUZZ_BUILD)/,$(FUZZ_ALL)): $(FUZZ_BUILD)/%: $(FUZZ_DIR)/%.c $(FUZZ_DIR)/fuzz-common.h $$(FUZZ_OBJS_%)
	@mkdir -p $(dir $@)
	@echo "  LINK (fuzz) $*"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer $(FUZZ_GLIB_CFLAGS) -MMD -MP -MF $@.d \
	   $< $(FUZZ_OBJS_$*) $(FUZZ_GLIB_LIBS) -o $@

-include $(wildcard $(FUZZ_BUILD)/*.d)

# The seed generator: plain C over the builder, no sanitizers needed
$(FUZZ_BUILD)/gen-corpus: $(FUZZ_DIR)/gen-corpus.c $(FUZZ_DIR)/fuzz-common.h $(ROOT)/tests/common/smmu-builder.c $(ROOT)/tests/common/smmu-builder.h
	@mkdir -p $(dir $@)
	@echo "  CC gen-corpus"
	@$(FUZZ_CC) -std=gnu11 -g -O1 -Wall -Wno-unused-parameter -I$(ROOT)/tests/common -I$(FUZZ_DIR) \
	   $(FUZZ_GLIB_CFLAGS) $< $(ROOT)/tests/common/smmu-builder.c $(FUZZ_GLIB_LIBS) -o $@

.PHONY: fuzz fuzz-qemu fuzz-build check-fuzz check-fuzz-replay check-fuzz-bounded check-fuzz-bounded-if-available check-fuzz-replay-if-available fuzz-corpus fuzz-toolchain

fuzz-toolchain:
	@command -v $(FUZZ_CC) >/dev/null || { echo "make: fuzzing needs clang (apt-get install clang-14 libclang-rt-14-dev, or ./configure --install-deps)" >&2; exit 1; }
	@echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return 0; }' | \
	   $(FUZZ_CC) -x c - -fsanitize=fuzzer,address,undefined -o /dev/null 2>/dev/null || \
	   { echo "make: $(FUZZ_CC) cannot link -fsanitize=fuzzer (apt-get install libclang-rt-14-dev, or ./configure --install-deps)" >&2; exit 1; }

fuzz-build: fuzz-toolchain $(addprefix $(FUZZ_BUILD)/,$(FUZZ_HARNESSES))

fuzz-corpus: $(FUZZ_BUILD)/gen-corpus
	$(FUZZ_BUILD)/gen-corpus $(FUZZ_DIR)/corpus

# Fuzz each harness FUZZ_SECONDS over a working copy of its corpus (new
# inputs stay in build/fuzz/corpus, crashes in build/fuzz/artifacts): one
# TAP line each with its executions, coverage and seed (tests/fuzz/bounded)
fuzz: fuzz-build
	@$(FUZZ_DIR)/bounded $(FUZZ_BUILD) $(FUZZ_DIR) $(FUZZ_SECONDS) $(FUZZ_HARNESSES) -- $(FUZZ_FLAGS)

# Replay the seed corpora and regression inputs: deterministic, seconds
check-fuzz-replay: fuzz-build
	@$(FUZZ_DIR)/replay $(FUZZ_BUILD) $(FUZZ_DIR) $(FUZZ_HARNESSES)

# A bounded run of each harness, FUZZ_CHECK_SECONDS each (make check runs
# it after check-fast's replay); check-fuzz is both
FUZZ_CHECK_SECONDS ?= 60
check-fuzz-bounded: fuzz-build
	@$(FUZZ_DIR)/bounded $(FUZZ_BUILD) $(FUZZ_DIR) $(FUZZ_CHECK_SECONDS) $(FUZZ_HARNESSES) -- $(FUZZ_FLAGS)

check-fuzz: check-fuzz-replay
	@$(MAKE) --no-print-directory check-fuzz-bounded

# make check-fast runs the replay, make check then the bounded runs, when
# clang with libFuzzer is installed (a note otherwise; ./configure
# --install-deps installs it)
check-fuzz-replay-if-available check-fuzz-bounded-if-available: check-%-if-available:
	@if $(MAKE) --no-print-directory -s fuzz-toolchain >/dev/null 2>&1; then \
	   $(MAKE) --no-print-directory check-$*; \
	 else \
	   echo "check-$*: skipped, no clang with libFuzzer (apt-get install clang-14 libclang-rt-14-dev)"; \
	 fi

# QEMU's own generic-fuzz aimed at the SMMU and DMA masters on virt
# (tests/qtest/fuzz, configurations in tests/fuzz/qemu-generic-fuzz):
# qemu-fuzz-aarch64 built with clang-14, ASan and UBSan in build/qemu-fuzz,
# set up on first use by ./configure --qemu-fuzz; FUZZ_SECONDS per
# configuration, QEMU_FUZZ_CONFIGS=smmu picks configurations.  Not part of
# make check: its own QEMU build takes about as long as the first one.
QEMU_FUZZ_CONFIGS ?=
fuzz-qemu: fuzz-toolchain
	cd $(ROOT) && ./configure --qemu-fuzz $(CONFIGURE_ARGS)
	$(NINJA) -C $(QEMU_FUZZ_BUILD) $(NINJAFLAGS) qemu-fuzz-aarch64
	@$(FUZZ_DIR)/qemu-generic-fuzz $(QEMU_FUZZ_BUILD)/qemu-fuzz-aarch64 $(FUZZ_BUILD)/qemu \
	   $(FUZZ_SECONDS) $(QEMU_FUZZ_CONFIGS)
