package io.sluice.processor.memorylimiter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.sluice.pipeline.ComponentId;
import io.sluice.pipeline.telemetry.MetricsLevel;
import io.sluice.pipeline.telemetry.Telemetry;

/**
 * The spans a {@code memory_limiter} let through and refused, tagged {@code processor="<id>"}.
 *
 * <p>Registered only at level basic or above, like the collector's; pipelines sharing an id share
 * the counters.
 */
final class MemoryLimiterMetrics {
  private final Counter accepted;
  private final Counter refused;

  private MemoryLimiterMetrics(MeterRegistry registry, String processor) {
    accepted = Counter.builder("otelcol_processor_accepted_spans")
        .description("Number of spans successfully pushed into the next component in the pipeline.")
        .tag("processor", processor)
        .register(registry);
    refused = Counter.builder("otelcol_processor_refused_spans")
        .description("Number of spans that were rejected by the next component in the pipeline.")
        .tag("processor", processor)
        .register(registry);
  }

  /** Returns the counters of processor {@code id}. */
  static MemoryLimiterMetrics create(Telemetry telemetry, ComponentId id) {
    MeterRegistry registry = telemetry.level().atLeast(MetricsLevel.BASIC)
        ? telemetry.registry()
        : new CompositeMeterRegistry();
    return new MemoryLimiterMetrics(registry, id.toString());
  }

  /** Counts spans passed to the next stage. */
  void accepted(int spans) {
    accepted.increment(spans);
  }

  /** Counts spans refused for high memory usage. */
  void refused(int spans) {
    refused.increment(spans);
  }
}
