# zetwerk — build, test, demo.  `make demo` and `make test` work on a fresh Debian 12 as root: both
# depend on `deps`, which installs the Debian packages that are missing (and does nothing otherwise).

PREFIX  ?= /usr/local
DESTDIR ?=
CC      ?= gcc
VERSION := 0.1.0

DEB_PACKAGES := gcc make pkg-config libhpdf-dev libyaml-dev libcmocka-dev libhyphen-dev hyphen-nl \
                libharfbuzz-dev libdeflate-dev libpng-dev libjpeg-dev fonts-crosextra-carlito fonts-liberation2 fonts-noto-core \
                poppler-utils qpdf python3 python3-yaml valgrind \
                python3-pikepdf default-jre-headless libpdfbox2-java libactivation-java libjaxb-api-java \
                libcommons-logging-java

HB_CFLAGS = $(shell pkg-config --cflags harfbuzz 2>/dev/null)
HB_LIBS   = $(shell pkg-config --libs harfbuzz 2>/dev/null || echo -lharfbuzz)

WARN    = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter
CFLAGS  ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) -Iinclude $(HB_CFLAGS) \
             -DZW_VERSION='"$(VERSION)"' -DZW_LAYOUTS_DIR='"$(PREFIX)/share/zetwerk/layouts"' \
             -DZW_FONTS_DIR='"$(PREFIX)/share/zetwerk/fonts"'
LIBS    = -lhpdf -lyaml -lhyphen $(HB_LIBS) -ldeflate -lpng -ljpeg -lm
SAN     = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

SRC      := $(sort $(wildcard src/*.c))
LIB_SRC  := $(filter-out src/main.c,$(SRC))
HYPH_DIC := /usr/share/hyphen/hyph_nl_NL.dic
OBJ      := $(SRC:src/%.c=build/obj/%.o) build/obj/hyph_tables.o build/obj/srgb_icc.o
SAN_OBJ  := $(SRC:src/%.c=build/san/%.o) build/san/hyph_tables.o build/san/srgb_icc.o
SAN_LIB  := $(filter-out build/san/main.o,$(SAN_OBJ))
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=build/san/%)
DATA     := $(shell grep -l '^document:' $$(find data -name '*.yaml') | sort)   # data files, not the layouts beside them

.PHONY: all deps demo test unit e2e bad golden update-golden install bench fuzz clean

all: build/zetwerk

deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "deps: installing$$missing"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get update -qq && apt-get install -y -qq --no-install-recommends $$missing; \
	fi

build/obj/%.o: src/%.c $(wildcard include/*.h src/*.h) | deps
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(ALL_CFLAGS) -c $< -o $@

build/san/%.o: src/%.c $(wildcard include/*.h src/*.h) | deps
	@mkdir -p $(@D)
	@echo "  CC san  $<"
	@$(CC) $(ALL_CFLAGS) -O1 $(SAN) -c $< -o $@

# The hyphenation patterns compiled at build time by libhyphen itself (src/tools/hyphgen.c, hyphen_tables.h)
build/hyphgen: src/tools/hyphgen.c | deps
	@mkdir -p $(@D)
	@echo "  CC      $@"
	@$(CC) -std=c11 $(WARN) -O2 $< -o $@ -lhyphen

build/gen/hyph_tables.c: build/hyphgen $(wildcard $(HYPH_DIC))
	@mkdir -p $(@D)
	@echo "  GEN     $@"
	@build/hyphgen $(HYPH_DIC) $@

build/obj/hyph_tables.o: build/gen/hyph_tables.c src/hyphen_tables.h
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(ALL_CFLAGS) -Isrc -c $< -o $@

build/san/hyph_tables.o: build/gen/hyph_tables.c src/hyphen_tables.h
	@mkdir -p $(@D)
	@echo "  CC san  $<"
	@$(CC) $(ALL_CFLAGS) -O1 $(SAN) -Isrc -c $< -o $@

# The sRGB profile of the PDF/A output intent, compiled in (icc/README.md)
build/bin2c: src/tools/bin2c.c | deps
	@mkdir -p $(@D)
	@echo "  CC      $@"
	@$(CC) -std=c11 $(WARN) -O2 $< -o $@

build/gen/srgb_icc.c: build/bin2c icc/sRGB.icc
	@mkdir -p $(@D)
	@echo "  GEN     $@"
	@build/bin2c icc/sRGB.icc zw_srgb_icc $@

build/obj/srgb_icc.o: build/gen/srgb_icc.c
	@mkdir -p $(@D)
	@$(CC) $(ALL_CFLAGS) -c $< -o $@

build/san/srgb_icc.o: build/gen/srgb_icc.c
	@mkdir -p $(@D)
	@$(CC) $(ALL_CFLAGS) -O1 $(SAN) -c $< -o $@

build/zetwerk: $(OBJ)
	@echo "  LD      $@"
	@$(CC) $(ALL_CFLAGS) $^ -o $@ $(LIBS)

build/san/zetwerk: $(SAN_OBJ)
	@echo "  LD      $@"
	@$(CC) $(ALL_CFLAGS) -O1 $(SAN) $^ -o $@ $(LIBS)

build/san/test_%: tests/unit/test_%.c tests/unit/fake_font.h $(SAN_LIB)
	@echo "  LD      $@"
	@$(CC) $(ALL_CFLAGS) -O1 $(SAN) -Itests/unit $< $(SAN_LIB) -o $@ $(LIBS) -lcmocka

demo: build/zetwerk
	@mkdir -p out
	@set -e; for f in $(DATA); do \
	  n=$$(basename $$f .yaml); echo "render $$f -> out/$$n.pdf"; \
	  ./build/zetwerk render $$f -o out/$$n.pdf; \
	done

test: unit e2e

unit: $(UNIT_BIN)
	@set -e; for t in $(UNIT_BIN); do echo "== $$t"; ZW_ROOT=$(CURDIR) ./$$t; done

e2e: build/san/zetwerk build/zetwerk
	@ZW=build/san/zetwerk bash tests/e2e/run.sh

update-golden: build/zetwerk
	@ZW=build/zetwerk bash tests/e2e/golden.sh update

install: build/zetwerk
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/zetwerk/layouts $(DESTDIR)$(PREFIX)/share/zetwerk/fonts
	install -m 755 build/zetwerk $(DESTDIR)$(PREFIX)/bin/zetwerk
	install -m 644 layouts/*.yaml $(DESTDIR)$(PREFIX)/share/zetwerk/layouts/
	install -m 644 fonts/*.ttf fonts/*.txt $(DESTDIR)$(PREFIX)/share/zetwerk/fonts/

build/floor: bench/floor.c $(filter-out build/obj/main.o,$(OBJ))
	@echo "  LD      $@"
	@$(CC) $(ALL_CFLAGS) $^ -o $@ $(LIBS)

bench: build/zetwerk build/floor
	@bash bench/run.sh

fuzz: deps
	@$(MAKE) -f tests/fuzz/fuzz.mk fuzz

clean:
	rm -rf build out
