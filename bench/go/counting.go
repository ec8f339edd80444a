package main

import (
	"context"
	"sync/atomic"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

// endedCounter counts the spans the application ends. Registered before the batch processor, it
// sees every span, including those the batch processor then drops.
type endedCounter struct {
	ended atomic.Int64
}

func (c *endedCounter) OnStart(context.Context, sdktrace.ReadWriteSpan) {}

func (c *endedCounter) OnEnd(sdktrace.ReadOnlySpan) { c.ended.Add(1) }

func (c *endedCounter) Shutdown(context.Context) error { return nil }

func (c *endedCounter) ForceFlush(context.Context) error { return nil }

// countingExporter wraps the OTLP exporter and counts each export's spans as exported (the
// collector answered with success) or failed (the exporter gave up, after its own retries).
type countingExporter struct {
	delegate sdktrace.SpanExporter
	exported atomic.Int64
	failed   atomic.Int64
}

func (e *countingExporter) ExportSpans(ctx context.Context, spans []sdktrace.ReadOnlySpan) error {
	err := e.delegate.ExportSpans(ctx, spans)
	if err != nil {
		e.failed.Add(int64(len(spans)))
	} else {
		e.exported.Add(int64(len(spans)))
	}
	return err
}

func (e *countingExporter) Shutdown(ctx context.Context) error { return e.delegate.Shutdown(ctx) }
