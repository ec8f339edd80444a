package io.sluice.bench;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads the BatchSpanProcessor's own metrics on demand: how many spans it dropped because its
 * queue was full, and how many wait in the queue.
 *
 * <p>The SDK (1.68, with its default {@code InternalTelemetryVersion.LEGACY}) records a counter
 * {@code processedSpans} with attributes {@code processorType=BatchSpanProcessor} and
 * {@code dropped=true|false}, and a gauge {@code queueSize}, on the MeterProvider given to
 * {@code BatchSpanProcessorBuilder.setMeterProvider}. This reader is that provider's only reader
 * and collects in cumulative temporality, so each read returns the totals since start.
 */
final class ProcessorMetricsReader implements MetricReader {
  static final String PROCESSED_SPANS = "processedSpans";
  static final String QUEUE_SIZE = "queueSize";
  private static final AttributeKey<Boolean> DROPPED = AttributeKey.booleanKey("dropped");

  private volatile CollectionRegistration registration = CollectionRegistration.noop();

  @Override
  public void register(CollectionRegistration registration) {
    this.registration = registration;
  }

  /** Returns the spans the processor dropped so far. */
  long droppedSpans() {
    return sum(PROCESSED_SPANS, point -> Boolean.TRUE.equals(point.getAttributes().get(DROPPED)));
  }

  /** Returns the spans in the processor's queue at its last observation. */
  long queuedSpans() {
    return sum(QUEUE_SIZE, point -> true);
  }

  private long sum(String name, Predicate<LongPointData> filter) {
    Collection<MetricData> metrics = registration.collectAllMetrics();
    return metrics.stream()
        .filter(metric -> metric.getName().equals(name))
        .flatMap(metric -> longPoints(metric).stream())
        .filter(filter)
        .mapToLong(LongPointData::getValue)
        .sum();
  }

  private static Collection<LongPointData> longPoints(MetricData metric) {
    return switch (metric.getType()) {
      case LONG_SUM -> metric.getLongSumData().getPoints();
      case LONG_GAUGE -> metric.getLongGaugeData().getPoints();
      default -> List.of();
    };
  }

  @Override
  public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
    return AggregationTemporality.CUMULATIVE;
  }

  @Override
  public CompletableResultCode forceFlush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }
}
