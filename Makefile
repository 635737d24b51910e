# Convenience targets; the README's two commands work without make.
GO ?= go
TAGS_APP = migrated_fynedo
TAGS_TEST = ci,migrated_fynedo

.PHONY: build run test bench lint fonts
build:
	$(GO) build -tags $(TAGS_APP) -o firebreak .

run: build
	./firebreak

# The README's test command.
test:
	$(GO) test -tags $(TAGS_TEST) ./...

# Benchmarks: headless play, durable append (p50/p99), resume of a 10,000-event log.
bench:
	$(GO) test -run '^$$' -bench . -benchtime 200x ./internal/cli/ ./internal/store/ ./internal/exercise/

lint: build
	./firebreak lint scenarios/*.yaml

fonts:
	bash assets/fonts/regenerate.sh
