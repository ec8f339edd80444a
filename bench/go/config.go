package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
	"time"
)

// Protocols the exporter speaks, spelt as OTEL_EXPORTER_OTLP_PROTOCOL spells them.
const (
	protocolHTTPProtobuf = "http/protobuf"
	protocolHTTPJSON     = "http/json"
	protocolGRPC         = "grpc"
)

var protocols = []string{protocolHTTPProtobuf, protocolHTTPJSON, protocolGRPC}

// The SDK's BatchSpanProcessor defaults (OTEL_BSP_*), shared by the Go and Java SDKs; the user's
// services run with them, so the load generator does too unless told otherwise.
const (
	defaultWorkers         = 8
	defaultTraces          = 10000
	defaultService         = "grm-service"
	defaultQueueSizeSpans  = 2048
	defaultBatchSizeSpans  = 512
	defaultScheduleDelayMs = 5000
)

// config is one run's settings, from the command line.
type config struct {
	endpoint         string
	protocol         string
	workers          int
	tracesPerWorker  int
	service          string
	lossless         bool
	tracesPerSecond  float64 // per worker; 0 sends back to back
	queueSizeSpans   int
	batchSizeSpans   int
	scheduleDelay    time.Duration
	sdkDropCount     bool
	progressInterval time.Duration
}

// totalSpans returns the spans the run ends: three per trace.
func (c config) totalSpans() int64 {
	return int64(c.workers) * int64(c.tracesPerWorker) * spansPerTrace
}

// parseConfig reads the flags (the same as bench.jar's, plus http/json) and checks them.
func parseConfig(args []string, stderr io.Writer) (config, error) {
	var c config
	var scheduleDelayMs int64
	fs := flag.NewFlagSet("bench-go", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { usage(fs, stderr) }
	fs.StringVar(&c.endpoint, "endpoint", "",
		"the collector's OTLP base URL (default http://localhost:4318, :4317 for grpc)")
	fs.StringVar(&c.protocol, "protocol", protocolHTTPProtobuf, strings.Join(protocols, ", "))
	fs.IntVar(&c.workers, "workers", defaultWorkers, "goroutines sending traces")
	fs.IntVar(&c.tracesPerWorker, "traces", defaultTraces, "traces per worker, 3 spans each")
	fs.StringVar(&c.service, "service", defaultService, "the resource's service.name")
	fs.BoolVar(&c.lossless, "lossless", false,
		"a full client queue makes the worker wait (sdktrace.WithBlocking) instead of dropping")
	fs.Float64Var(&c.tracesPerSecond, "rate", 0,
		"each worker's pace in traces per second; 0 sends back to back")
	fs.IntVar(&c.queueSizeSpans, "queue-size", defaultQueueSizeSpans,
		"BatchSpanProcessor queue, in spans (SDK default)")
	fs.IntVar(&c.batchSizeSpans, "batch-size", defaultBatchSizeSpans,
		"most spans per export request (SDK default)")
	fs.Int64Var(&scheduleDelayMs, "schedule-delay-ms", defaultScheduleDelayMs,
		"wait for a full batch before exporting a short one, in milliseconds (SDK default)")
	fs.BoolVar(&c.sdkDropCount, "sdk-drop-count", false,
		"also read the SDK's own drop count (experimental OTEL_GO_X_OBSERVABILITY metrics)")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected argument '%s'", fs.Arg(0))
	}
	c.scheduleDelay = time.Duration(scheduleDelayMs) * time.Millisecond
	c.progressInterval = time.Second
	if c.endpoint == "" {
		c.endpoint = defaultEndpoint(c.protocol)
	}
	return c, c.check(scheduleDelayMs)
}

func (c config) check(scheduleDelayMs int64) error {
	if !contains(protocols, c.protocol) {
		return fmt.Errorf("--protocol: unsupported value '%s', expected one of %s",
			c.protocol, strings.Join(protocols, ", "))
	}
	positive := []struct {
		name  string
		value int64
	}{
		{"--workers", int64(c.workers)},
		{"--traces", int64(c.tracesPerWorker)},
		{"--queue-size", int64(c.queueSizeSpans)},
		{"--batch-size", int64(c.batchSizeSpans)},
		{"--schedule-delay-ms", scheduleDelayMs},
	}
	for _, p := range positive {
		if p.value <= 0 {
			return fmt.Errorf("%s: got %d, expected > 0", p.name, p.value)
		}
	}
	if c.tracesPerSecond < 0 {
		return fmt.Errorf("--rate: got %g, expected >= 0", c.tracesPerSecond)
	}
	if !strings.HasPrefix(c.endpoint, "http://") && !strings.HasPrefix(c.endpoint, "https://") {
		return fmt.Errorf("--endpoint: got '%s', expected an http:// or https:// URL",
			c.endpoint)
	}
	return nil
}

func defaultEndpoint(protocol string) string {
	if protocol == protocolGRPC {
		return "http://localhost:4317"
	}
	return "http://localhost:4318"
}

func contains(values []string, value string) bool {
	for _, v := range values {
		if v == value {
			return true
		}
	}
	return false
}

func usage(fs *flag.FlagSet, out io.Writer) {
	fmt.Fprintln(out, "Usage: bench-go [flags]")
	fmt.Fprintln(out, "Sends the user's load (per trace: a Gin SERVER span /ping/GRM with a redis 'ping'"+
		" and a gorm 'gorm.Raw' CLIENT child) through the OpenTelemetry Go SDK's"+
		" BatchSpanProcessor and OTLP exporter, then prints how many spans were ended, exported,"+
		" failed and dropped. Progress goes to stderr once a second; the summary to stdout.")
	fs.PrintDefaults()
}
