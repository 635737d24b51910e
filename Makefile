# Convenience targets; the README's two commands work without make.
GO ?= go
TAGS_APP = migrated_fynedo
TAGS_TEST = ci,migrated_fynedo

.PHONY: build run test bench bench-analysis analysis-exhaustive startup-compare idle-cpu lint fonts \
	dist install uninstall check-dist
build:
	$(GO) build -tags $(TAGS_APP) -o firebreak .

run: build
	./firebreak

# The README's test command.
test:
	$(GO) test -tags $(TAGS_TEST) ./...

# Benchmarks: headless play, durable append (p50/p99), resume of a 10,000-event log;
# then the analysis (bench-analysis).
bench: bench-analysis
	$(GO) test -run '^$$' -bench . -benchtime 200x ./internal/cli/ ./internal/store/ ./internal/exercise/

# The analysis as `firebreak analyze` runs it (both timings, the naive
# policies): each built-in scenario (budget 1 s) and the generated 500-phase
# chain (budget 2 s; analysis.Chain).
bench-analysis:
	$(GO) test -tags $(TAGS_TEST) -run '^$$' -bench 'Explore|Chain' -benchtime 3x ./internal/analysis/

# The merged search against the old exhaustive analysis on every built-in
# scenario (minutes; the test suite compares them on the smaller ones).
analysis-exhaustive:
	$(GO) test -tags $(TAGS_TEST),exhaustive -run Exhaustive -timeout 30m ./internal/analysis/

# Start-up time and memory against a bare Fyne window with the same fonts,
# side by side under Xvfb (issue 13 point 5; docs/architecture.md, "Start-up,
# memory and idle CPU"; needs xvfb and xdotool: scripts/install-deps.sh).
startup-compare:
	bash scripts/startup-compare.sh 7

# Idle CPU with a 4-team exercise running against the bare window, the same
# way (three runs of 30 s each).
idle-cpu:
	bash scripts/idle-cpu.sh 3 30

lint: build
	./firebreak lint scenarios/*.yaml

fonts:
	bash assets/fonts/regenerate.sh

# Packages (docs/packaging.md), built with `fyne package` by scripts/dist.sh:
# the Linux tarball (binary, .desktop file, icon, fyne's Makefile) and the
# Windows .exe, cross-compiled with mingw-w64. Each is rebuilt when a tracked
# file that goes into it (not docs, CI or the other scripts) is newer; outside
# a git checkout, only when it is missing.
DIST_LINUX = dist/Firebreak-linux-amd64.tar.xz
DIST_WINDOWS = dist/Firebreak-windows-amd64.exe
DIST_SOURCES := $(wildcard $(shell git ls-files -- ':!docs' ':!*.md' ':!.ci' ':!scripts' ':!Makefile' ':!.gitignore' 2>/dev/null)) scripts/dist.sh

dist: $(DIST_LINUX) $(DIST_WINDOWS)

$(DIST_LINUX): $(DIST_SOURCES)
	bash scripts/dist.sh linux

$(DIST_WINDOWS): $(DIST_SOURCES)
	bash scripts/dist.sh windows

# Installs the Linux package for the current user (~/.local/bin, the
# applications menu, the icon; no root); uninstall removes those files.
install: $(DIST_LINUX)
	bash scripts/dist-install.sh install $(DIST_LINUX)

uninstall:
	bash scripts/dist-install.sh uninstall

# What CI checks of the packages: unpacks, desktop-file-validate, install
# into a throwaway HOME, the installed binary starts under Xvfb, the .exe linked.
check-dist: dist
	bash scripts/check-dist.sh --windows
