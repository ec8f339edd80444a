package main

import (
	"context"
	"os"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
)

// The Go SDK keeps its BatchSpanProcessor's drop count private. Its experimental
// self-observability (OTEL_GO_X_OBSERVABILITY=true) records every refused span as
// otel.sdk.processor.span.processed{error.type="queue_full"} on the global MeterProvider; with
// --sdk-drop-count, sdkDrops reads that counter as a cross-check of the dropped count the load
// generator derives (ended − exported − failed, once the client has shut down).
const (
	observabilityEnv   = "OTEL_GO_X_OBSERVABILITY"
	processedSpansName = "otel.sdk.processor.span.processed"
	queueFullErrorType = "queue_full"
)

var errorTypeKey = attribute.Key("error.type")

type sdkDrops struct {
	reader   *sdkmetric.ManualReader
	provider *sdkmetric.MeterProvider
}

// enableSDKDrops turns the SDK's self-observability on; call it before creating the processor.
func enableSDKDrops() (*sdkDrops, error) {
	if err := os.Setenv(observabilityEnv, "true"); err != nil {
		return nil, err
	}
	reader := sdkmetric.NewManualReader()
	provider := sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader))
	otel.SetMeterProvider(provider)
	return &sdkDrops{reader: reader, provider: provider}, nil
}

// dropped returns the spans the SDK's batch processors refused because their queue was full.
func (d *sdkDrops) dropped(ctx context.Context) int64 {
	var rm metricdata.ResourceMetrics
	if err := d.reader.Collect(ctx, &rm); err != nil {
		otel.Handle(err)
		return -1
	}
	var total int64
	for _, scope := range rm.ScopeMetrics {
		for _, m := range scope.Metrics {
			sum, ok := m.Data.(metricdata.Sum[int64])
			if m.Name != processedSpansName || !ok {
				continue
			}
			for _, point := range sum.DataPoints {
				if v, ok := point.Attributes.Value(errorTypeKey); ok && v.AsString() == queueFullErrorType {
					total += point.Value
				}
			}
		}
	}
	return total
}

func (d *sdkDrops) shutdown(ctx context.Context) error { return d.provider.Shutdown(ctx) }
