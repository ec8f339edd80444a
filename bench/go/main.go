// Command bench-go is the Go twin of bench.jar: it sends the user's load to a collector through
// the OpenTelemetry Go SDK (the client the user's services run) and reports where every span
// went: ended by the application, exported (the collector answered 2xx), failed (the exporter
// gave up) or dropped in the BatchSpanProcessor's queue.
//
// The Go SDK does not expose its drop count, so dropped = ended − exported − failed once the
// tracer provider has shut down (which exports everything still queued); --sdk-drop-count
// cross-checks it against the SDK's experimental self-observability counter.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"go.opentelemetry.io/otel"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes one command line and returns the exit status: 0 done, 1 failed, 2 bad usage.
func run(args []string, stdout, stderr io.Writer) int {
	cfg, err := parseConfig(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "bench-go:", err)
		return 2
	}
	mode := "lossy (SDK default)"
	if cfg.lossless {
		mode = "lossless (WithBlocking)"
	}
	fmt.Fprintf(stderr, "bench-go: %d workers x %d traces (%d spans) to %s over %s, %s client\n",
		cfg.workers, cfg.tracesPerWorker, cfg.totalSpans(), cfg.endpoint, cfg.protocol, mode)
	result, err := load(cfg, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "bench-go:", err)
		return 1
	}
	fmt.Fprint(stdout, result)
	return 0
}

// load runs the workers and the drain with a progress line every second and returns the summary.
func load(cfg config, stderr io.Writer) (string, error) {
	ctx := context.Background()
	otel.SetErrorHandler(newErrorLog(stderr))
	r, err := newLoadRun(ctx, cfg)
	if err != nil {
		return "", err
	}
	defer r.close(ctx)
	stop := tickProgress(cfg.progressInterval, stderr, func() spanCounts { return r.counts(ctx) })
	loadTime := r.sendAll()
	drainTime, drainErr := r.drain()
	stop()
	if drainErr != nil {
		fmt.Fprintln(stderr, "bench-go: the client did not shut down cleanly:", drainErr)
	}
	return summary(loadTime, drainTime, r.counts(ctx)), nil
}

func tickProgress(interval time.Duration, out io.Writer, counts func() spanCounts) func() {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		p := newProgress(out)
		ticker := time.NewTicker(interval)
		defer ticker.Stop()
		for {
			select {
			case <-done:
				return
			case now := <-ticker.C:
				p.tick(now, counts())
			}
		}
	})
	return func() {
		close(done)
		wg.Wait()
	}
}

// errorLog prints the SDK's errors (failed exports, partial successes) to stderr, at most
// errorBurst lines, then one line per errorInterval with the count of those left out.
type errorLog struct {
	mu      sync.Mutex
	out     io.Writer
	printed int
	skipped int
	last    time.Time
}

const (
	errorBurst    = 5
	errorInterval = 5 * time.Second
)

func newErrorLog(out io.Writer) *errorLog { return &errorLog{out: out} }

func (l *errorLog) Handle(err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	if l.printed >= errorBurst && now.Sub(l.last) < errorInterval {
		l.skipped++
		return
	}
	if l.skipped > 0 {
		fmt.Fprintf(l.out, "bench-go: otel: %v (%d similar errors left out)\n", err, l.skipped)
	} else {
		fmt.Fprintf(l.out, "bench-go: otel: %v\n", err)
	}
	l.printed++
	l.skipped = 0
	l.last = now
}
