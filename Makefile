# cnntutor — set-up, build, run and test in one command each, on Debian/Ubuntu with Swift 6.
#   make run     install missing system libraries, build, start the tutor
#   make test    the same, then the whole test suite and the course's own checks
#   make bench   the engine benchmark (release build), JSON rows on stdout; BENCH_ARGS="--threads 2"…
#   make bench-grade  a generated class of 1,000 learners graded by `cnntutor grade --jobs 2`
#                (release build), one JSON line on stdout; BENCH_GRADE_ARGS="--learners 300"…
#   make bench-feedback  the REPL's feedback on every exercise's wrong answers, timed (release
#                build), JSON on stdout; BENCH_FEEDBACK_ARGS="--read-seconds 5 --only 06-"…
#   make fuzz    coverage-guided fuzzing (libFuzzer) of the answer language, the course loader,
#                the submission reader and the .npy reader, FUZZ_SECONDS each (default 60); findings in .build-fuzz/findings
#   make install    a release build, the course, completions and the man page under PREFIX
#                   (default ~/.local; `sudo make install PREFIX=/usr/local` works too)
#   make uninstall  removes exactly what install put there (same PREFIX)

SWIFT      ?= swift
# pkg-config name → Debian package that provides it.
PC_PACKAGES  := openblas:libopenblas-dev libedit:libedit-dev libcmark-gfm:libcmark-gfm-dev sqlite3:libsqlite3-dev
EXTRA_APT    := libcmark-gfm-extensions-dev
SUDO         := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
BIN          := .build/debug/cnntutor

.PHONY: deps build run test bench bench-grade bench-feedback fuzz check export-key clean release install uninstall install-test

# Where `make install` puts things. DESTDIR is prepended for staged (packaging) installs.
PREFIX     ?= $(HOME)/.local
DESTDIR    ?=
RELEASE    := .build/release
BINDIR     := $(DESTDIR)$(PREFIX)/bin
COURSEDIR  := $(DESTDIR)$(PREFIX)/share/cnntutor
MANDIR     := $(DESTDIR)$(PREFIX)/share/man/man1
BASHDIR    := $(DESTDIR)$(PREFIX)/share/bash-completion/completions
ZSHDIR     := $(DESTDIR)$(PREFIX)/share/zsh/site-functions
FISHDIR    := $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
# Generated beside the release build: completions by the binary, the page by ArgumentParser's
# generate-manual plugin (from the binary's own --help data), never written by hand.
GENERATED  := .build/generated

# Installs only what pkg-config cannot find, so a machine that has everything does nothing.
deps:
	@missing=""; \
	command -v pkg-config >/dev/null 2>&1 || missing="pkg-config"; \
	for pair in $(PC_PACKAGES); do \
	  pc=$${pair%%:*}; deb=$${pair#*:}; \
	  pkg-config --exists $$pc 2>/dev/null || missing="$$missing $$deb"; \
	done; \
	[ -e /usr/include/cmark-gfm-core-extensions.h ] || missing="$$missing $(EXTRA_APT)"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system libraries:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing $(EXTRA_APT); \
	fi

build: deps
	$(SWIFT) build --product cnntutor

run: build
	$(BIN) learn

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --parallel --num-workers 2
	$(BIN) check --course Lessons
	$(BIN) export-key --course Lessons --format html --out .build/answer-key.html

bench: deps
	@$(SWIFT) build -c release --product cnntutor-bench >&2
	@$(SWIFT) run -c release --skip-build cnntutor-bench $(BENCH_ARGS)

bench-grade: deps
	@$(SWIFT) build -c release --product cnntutor >&2
	@$(SWIFT) build -c release --product cnntutor-grade-bench >&2
	@.build/release/cnntutor-grade-bench $(BENCH_GRADE_ARGS)

bench-feedback: deps
	@$(SWIFT) build -c release --product cnntutor-grade-bench >&2
	@.build/release/cnntutor-grade-bench feedback $(BENCH_FEEDBACK_ARGS)

# Its own build folder: every module is compiled with libFuzzer's coverage instrumentation, and
# cnntutor-fuzz without a main (libFuzzer's drives it). -j 1: the machines are shared.
# SWIFT_BACKTRACE=enable=no leaves a trap to libFuzzer, which writes the input to findings/.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= answer course submission npy
FUZZ_BUILD   := .build-fuzz
fuzz: deps
	$(SWIFT) build -j 1 --build-path $(FUZZ_BUILD) --product cnntutor-fuzz \
	  -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library -Xswiftc -DCNNTUTOR_FUZZING
	@for target in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_BUILD)/corpus/$$target $(FUZZ_BUILD)/findings; \
	  echo "== fuzzing $$target for $(FUZZ_SECONDS) s"; \
	  SWIFT_BACKTRACE=enable=no CNNTUTOR_FUZZ_TARGET=$$target $(FUZZ_BUILD)/debug/cnntutor-fuzz \
	    $(FUZZ_BUILD)/corpus/$$target Fuzz/corpus/$$target \
	    -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=4096 -max_len=4096 \
	    -dict=Fuzz/answer.dict -artifact_prefix=$(FUZZ_BUILD)/findings/$$target- \
	    -print_final_stats=1 || exit 1; \
	done

clean:
	$(SWIFT) package clean

# The release binary (Swift's runtime linked in, so it runs for any user), its shell completions
# and its man page. Under `sudo make install`, or with NOBUILD=1, an existing build is reused as
# it is (so root never writes into the checkout's .build).
release:
	@if { [ -n "$(NOBUILD)" ] || { [ "$$(id -u)" = 0 ] && [ -n "$${SUDO_USER:-}" ]; }; } \
	    && [ -x $(RELEASE)/cnntutor ] && [ -f $(GENERATED)/cnntutor.fish ]; then \
	  echo "Using the existing release build (make release rebuilds it)."; \
	else \
	  $(MAKE) -s deps && \
	  $(SWIFT) package plugin generate-manual --configuration release >/dev/null && \
	  $(SWIFT) build -c release --static-swift-stdlib --product cnntutor && \
	  mkdir -p $(GENERATED) && \
	  cp .build/plugins/GenerateManual/outputs/cnntutor/cnntutor.1 $(GENERATED)/cnntutor.1 && \
	  for shell in bash zsh fish; do \
	    $(RELEASE)/cnntutor --generate-completion-script $$shell > $(GENERATED)/cnntutor.$$shell || exit 1; \
	  done; \
	fi

# The binary (and any resource bundles SwiftPM built beside it, which Bundle.module looks for
# next to the binary), the course folder as `share/cnntutor` (Lessons' files, Solutions/ inside it),
# the completions and the man page.
install: release
	install -d $(BINDIR) $(COURSEDIR) $(MANDIR) $(BASHDIR) $(ZSHDIR) $(FISHDIR)
	install -m 755 $(RELEASE)/cnntutor $(BINDIR)/cnntutor
	for bundle in $(RELEASE)/cnntutor_*.resources; do \
	  [ -e "$$bundle" ] || continue; \
	  rm -rf "$(BINDIR)/$$(basename $$bundle)"; cp -R "$$bundle" $(BINDIR)/; \
	done
	rm -rf $(COURSEDIR)
	install -d $(COURSEDIR)
	cp -R Lessons/. $(COURSEDIR)/
	cp -R Solutions $(COURSEDIR)/Solutions
	# The wording module's catalogs, where the binary looks for them (../share/cnntutor/Catalogs).
	if [ -d Sources/Wording/Catalogs ]; then cp -R Sources/Wording/Catalogs $(COURSEDIR)/Catalogs; fi
	chmod -R u+rwX,go+rX $(COURSEDIR)
	install -m 644 $(GENERATED)/cnntutor.1 $(MANDIR)/cnntutor.1
	install -m 644 $(GENERATED)/cnntutor.bash $(BASHDIR)/cnntutor
	install -m 644 $(GENERATED)/cnntutor.zsh $(ZSHDIR)/_cnntutor
	install -m 644 $(GENERATED)/cnntutor.fish $(FISHDIR)/cnntutor.fish
	@echo "Installed cnntutor in $(BINDIR) (course in $(COURSEDIR)); make sure $(BINDIR) is on your PATH."

uninstall:
	rm -f $(BINDIR)/cnntutor $(MANDIR)/cnntutor.1 $(BASHDIR)/cnntutor $(ZSHDIR)/_cnntutor $(FISHDIR)/cnntutor.fish
	rm -rf $(BINDIR)/cnntutor_*.resources $(COURSEDIR)
	@echo "Removed cnntutor from $(DESTDIR)$(PREFIX)."

# Installs into a temporary prefix, runs the installed tutor from another directory, uninstalls,
# and checks nothing is left (Tests/install-test.sh). Needs the release build, so it is not part
# of `make test`: a release build takes several minutes on top of the debug one.
install-test: release
	sh Tests/install-test.sh
