# Convenience targets; the README's two commands work without make.
GO ?= go
TAGS_APP = migrated_fynedo
TAGS_TEST = ci,migrated_fynedo

.PHONY: build run test bench bench-analysis analysis-exhaustive startup-compare idle-cpu lint fonts
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
