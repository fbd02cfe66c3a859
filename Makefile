# The two commands of the README are `go run ./cmd/jinzai demo` and `make test`.

GO ?= go

.PHONY: test test-deps demo bench fuzz lint

## test: install the test dependencies (Chromium) if missing, then run every test
test: test-deps
	$(GO) vet ./...
	$(GO) test -count=1 ./...

test-deps:
	./scripts/install-test-deps.sh

## demo: generate the demo city and run the whole pipeline on it
demo:
	$(GO) run ./cmd/jinzai demo

## bench: the benchmarks of the hot paths (see docs/benchmarks.md)
bench:
	./scripts/bench.sh

## fuzz: run each fuzz target for FUZZTIME (default 60s)
FUZZTIME ?= 60s
fuzz:
	$(GO) test -run='^$$' -fuzz=FuzzDate -fuzztime=$(FUZZTIME) ./ingest/parse
	$(GO) test -run='^$$' -fuzz=FuzzCSV -fuzztime=$(FUZZTIME) ./ingest/table

## lint: gofmt, go vet and staticcheck
lint:
	test -z "$$(gofmt -l .)"
	$(GO) vet ./...
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...
