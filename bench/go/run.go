package main

import (
	"context"
	"fmt"
	"sync"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracegrpc"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

// drainTimeout bounds the client's shutdown, which exports what is still queued (each export
// may retry for up to a minute).
const drainTimeout = 5 * time.Minute

// loadRun is one run of the user's load through the Go SDK, as a Go service sets it up: a
// tracer provider with a BatchSpanProcessor in front of the OTLP exporter, plus the counters
// that say where every span went. Use it once: sendAll, then drain.
type loadRun struct {
	cfg      config
	ended    *endedCounter
	exporter *countingExporter
	provider *sdktrace.TracerProvider
	drops    *sdkDrops // nil unless --sdk-drop-count
	drained  bool
}

func newLoadRun(ctx context.Context, cfg config) (*loadRun, error) {
	r := &loadRun{cfg: cfg, ended: &endedCounter{}}
	if cfg.sdkDropCount {
		drops, err := enableSDKDrops()
		if err != nil {
			return nil, err
		}
		r.drops = drops
	}
	otlp, err := newOTLPExporter(ctx, cfg)
	if err != nil {
		return nil, err
	}
	r.exporter = &countingExporter{delegate: otlp}
	options := []sdktrace.BatchSpanProcessorOption{
		sdktrace.WithMaxQueueSize(cfg.queueSizeSpans),
		sdktrace.WithMaxExportBatchSize(cfg.batchSizeSpans),
		sdktrace.WithBatchTimeout(cfg.scheduleDelay),
	}
	if cfg.lossless {
		options = append(options, sdktrace.WithBlocking())
	}
	res, err := resource.Merge(resource.Default(), resource.NewSchemaless(
		attribute.String("service.name", cfg.service),
		attribute.String("host.name", "bench-host")))
	if err != nil {
		return nil, err
	}
	r.provider = sdktrace.NewTracerProvider(
		sdktrace.WithResource(res),
		sdktrace.WithSpanProcessor(r.ended),
		sdktrace.WithSpanProcessor(sdktrace.NewBatchSpanProcessor(r.exporter, options...)))
	return r, nil
}

func newOTLPExporter(ctx context.Context, cfg config) (*otlptrace.Exporter, error) {
	switch cfg.protocol {
	case protocolHTTPProtobuf:
		return otlptracehttp.New(ctx,
			otlptracehttp.WithEndpointURL(trimSlash(cfg.endpoint)+"/v1/traces"))
	case protocolHTTPJSON:
		return otlptrace.New(ctx, newJSONClient(cfg.endpoint))
	case protocolGRPC:
		return otlptracegrpc.New(ctx, otlptracegrpc.WithEndpointURL(cfg.endpoint))
	default:
		return nil, fmt.Errorf("--protocol: unsupported value '%s'", cfg.protocol)
	}
}

// sendAll runs the workers, each sending its traces back to back (or at its pace), and returns
// the wall time from the first trace until every span has ended.
func (r *loadRun) sendAll() time.Duration {
	trace := newUserTrace(r.provider)
	start := make(chan struct{})
	var workers sync.WaitGroup
	for range r.cfg.workers {
		workers.Go(func() {
			<-start
			r.work(trace)
		})
	}
	began := time.Now()
	close(start)
	workers.Wait()
	return time.Since(began)
}

func (r *loadRun) work(trace userTrace) {
	var interval time.Duration
	if r.cfg.tracesPerSecond > 0 {
		interval = time.Duration(float64(time.Second) / r.cfg.tracesPerSecond)
	}
	next := time.Now()
	for range r.cfg.tracesPerWorker {
		if interval > 0 {
			next = next.Add(interval)
			time.Sleep(time.Until(next))
		}
		trace.emit(time.Now())
	}
}

// drain shuts the client down, exporting what is still queued, and returns how long it took.
func (r *loadRun) drain() (time.Duration, error) {
	began := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), drainTimeout)
	defer cancel()
	err := r.provider.Shutdown(ctx)
	r.drained = err == nil
	return time.Since(began), err
}

// counts returns where the client's spans are now. Before a clean drain, the spans neither
// exported nor failed are pending: queued, in an export, or dropped (the SDK does not say which).
func (r *loadRun) counts(ctx context.Context) spanCounts {
	c := spanCounts{
		ended:      r.ended.ended.Load(),
		exported:   r.exporter.exported.Load(),
		failed:     r.exporter.failed.Load(),
		sdkDropped: -1,
		drained:    r.drained,
	}
	if r.drops != nil {
		c.sdkDropped = r.drops.dropped(ctx)
	}
	return c
}

func (r *loadRun) close(ctx context.Context) {
	if r.drops != nil {
		_ = r.drops.shutdown(ctx)
	}
}
