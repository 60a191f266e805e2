# tests/fuzz/fuzz.mk — libFuzzer targets for zetwerk.  Included from the top-level Makefile, or run alone
# from the repository root:
#
#   make -f tests/fuzz/fuzz.mk fuzz FUZZ_SECONDS=600      # build and run every target, one after another
#   make -f tests/fuzz/fuzz.mk -j2 fuzz                   # two at a time
#   make -f tests/fuzz/fuzz.mk fuzz-run-fuzz_render       # one target
#   make -f tests/fuzz/fuzz.mk fuzz-regress               # replay tests/fuzz/regressions/ (no fuzzing)
#
# Objects are built with clang, ASan + UBSan (UB aborts) and libFuzzer's coverage instrumentation into
# build/fuzz/obj/.  Each run grows build/fuzz/corpus-<target>/ (seeded from tests/fuzz/seeds/<target>/
# and the repository's data or layout files), logs to build/fuzz/<target>.log and writes any crash,
# timeout, leak or OOM input to build/fuzz/crashes/<target>-….  See tests/fuzz/README.md.

FUZZ_CC       ?= clang
FUZZ_SECONDS  ?= 60
FUZZ_NICE     ?= nice -n 10
FUZZ_ARGS     ?=
FUZZ_TARGETS  := fuzz_data fuzz_layout fuzz_render
FUZZ_DIR      := build/fuzz
FUZZ_HB_CFLAGS := $(shell pkg-config --cflags harfbuzz 2>/dev/null)
FUZZ_SAN      := -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS   := -std=c11 -D_GNU_SOURCE -g -O1 -Iinclude $(FUZZ_HB_CFLAGS)
FUZZ_LIBS     := -lhpdf -lyaml -lhyphen -lharfbuzz -ldeflate -lpng -ljpeg -lm
FUZZ_LIB_SRC  := $(filter-out src/main.c,$(sort $(wildcard src/*.c)))
# objects get fuzzer-no-link instrumentation; only the harness links libFuzzer's main
FUZZ_OBJ      := $(FUZZ_LIB_SRC:src/%.c=$(FUZZ_DIR)/obj/%.o) $(FUZZ_DIR)/obj/hyph_tables.o $(FUZZ_DIR)/obj/srgb_icc.o
FUZZ_BINS     := $(FUZZ_TARGETS:%=$(FUZZ_DIR)/%)
FUZZ_RUNFLAGS := -max_len=65536 -timeout=10 -rss_limit_mb=2048 -dict=tests/fuzz/yaml.dict -print_final_stats=1

# seeds per target: its own, plus the real data files (data targets) or layouts (layout target)
FUZZ_SEEDS_fuzz_data   := $(shell find data -name '*.yaml' 2>/dev/null)
FUZZ_SEEDS_fuzz_render := $(FUZZ_SEEDS_fuzz_data)
FUZZ_SEEDS_fuzz_layout := $(wildcard layouts/*.yaml)

.SECONDARY: $(FUZZ_OBJ)
.PHONY: fuzz fuzz-build fuzz-regress $(FUZZ_TARGETS:%=fuzz-run-%)

fuzz: $(FUZZ_TARGETS:%=fuzz-run-%)

fuzz-build: $(FUZZ_BINS)

$(FUZZ_DIR)/obj/%.o: src/%.c $(wildcard include/*.h src/*.h)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all \
	  -fno-omit-frame-pointer -c $< -o $@

# the hyphenation tables compiled at build time (see the top-level Makefile and src/hyphen_tables.h)
build/gen/hyph_tables.c:
	@$(MAKE) --no-print-directory -f Makefile build/gen/hyph_tables.c

$(FUZZ_DIR)/obj/hyph_tables.o: build/gen/hyph_tables.c src/hyphen_tables.h
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -Isrc -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all \
	  -fno-omit-frame-pointer -c $< -o $@

# the sRGB profile compiled in (icc/README.md)
build/gen/srgb_icc.c:
	@$(MAKE) --no-print-directory -f Makefile build/gen/srgb_icc.c

$(FUZZ_DIR)/obj/srgb_icc.o: build/gen/srgb_icc.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c $< -o $@

$(FUZZ_DIR)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.h $(FUZZ_OBJ)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_SAN) $< $(FUZZ_OBJ) -o $@ $(FUZZ_LIBS)

# Run one target for FUZZ_SECONDS; fails (after saving the input to build/fuzz/crashes/) on a finding.
$(FUZZ_TARGETS:%=fuzz-run-%): fuzz-run-%: $(FUZZ_DIR)/%
	@mkdir -p $(FUZZ_DIR)/corpus-$* $(FUZZ_DIR)/crashes
	@cp -n tests/fuzz/seeds/$*/* $(FUZZ_SEEDS_$*) $(FUZZ_DIR)/corpus-$*/ 2>/dev/null || true
	@echo "fuzz: $* for $(FUZZ_SECONDS) s (log: $(FUZZ_DIR)/$*.log)"
	@before=$$(ls $(FUZZ_DIR)/crashes | grep -c '^$*-'); \
	  ZW_ROOT=$(CURDIR) $(FUZZ_NICE) ./$(FUZZ_DIR)/$* $(FUZZ_RUNFLAGS) -max_total_time=$(FUZZ_SECONDS) \
	  -artifact_prefix=$(FUZZ_DIR)/crashes/$*- $(FUZZ_ARGS) $(FUZZ_DIR)/corpus-$* >$(FUZZ_DIR)/$*.log 2>&1; \
	  rc=$$?; after=$$(ls $(FUZZ_DIR)/crashes | grep -c '^$*-'); \
	  grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' $(FUZZ_DIR)/$*.log || \
	    grep -E '^#[0-9]+: cov' $(FUZZ_DIR)/$*.log | tail -n 1; \
	  if [ $$rc -ne 0 ] || [ $$after -gt $$before ]; then \
	    echo "fuzz: $* found something (exit $$rc, $$((after - before)) new input(s) in $(FUZZ_DIR)/crashes/; log $(FUZZ_DIR)/$*.log)"; \
	    grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error)' $(FUZZ_DIR)/$*.log | sort | uniq -c | head -5; exit 1; fi

# Replay every saved regression input through the target named by its file name prefix
# (data-*, layout-*, render-*; anything else through all three).  Fails if any still crashes or takes over
# 60 s (the bound make test uses; instrumentation makes linebreak.c up to 50 times slower than -O2).
fuzz-regress: $(FUZZ_BINS)
	@status=0; for f in tests/fuzz/regressions/*.yaml; do [ -e "$$f" ] || continue; \
	  b=$$(basename $$f); case $$b in data-*) ts=fuzz_data;; layout-*) ts=fuzz_layout;; \
	  render-*) ts=fuzz_render;; *) ts="$(FUZZ_TARGETS)";; esac; \
	  for t in $$ts; do \
	    if ZW_ROOT=$(CURDIR) ./$(FUZZ_DIR)/$$t -timeout=60 -rss_limit_mb=2048 $$f >$(FUZZ_DIR)/regress.log 2>&1; \
	    then echo "ok   $$t $$f"; else echo "FAIL $$t $$f"; grep -m3 -E 'ERROR|SUMMARY|runtime error' $(FUZZ_DIR)/regress.log; status=1; fi; \
	  done; done; exit $$status
