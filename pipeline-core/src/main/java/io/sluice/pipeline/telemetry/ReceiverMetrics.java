package io.sluice.pipeline.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.pipeline.ComponentId;

/**
 * {@code otelcol_receiver_accepted_spans} and {@code otelcol_receiver_refused_spans} of one
 * receiver and transport.
 */
public final class ReceiverMetrics {
  private final Counter accepted;
  private final Counter refused;

  ReceiverMetrics(MeterRegistry registry, ComponentId id, String transport) {
    this.accepted = counter(registry, "otelcol_receiver_accepted_spans",
        "Number of spans successfully pushed into the pipeline. [alpha]", id, transport);
    this.refused = counter(registry, "otelcol_receiver_refused_spans",
        "Number of spans that could not be pushed into the pipeline. [alpha]", id, transport);
  }

  /**
   * Records one non-empty request's outcome. Both counters are touched on every request (one by
   * {@code spans}, the other by 0), as the collector does, so both series exist after the first.
   */
  public void record(int spans, boolean wasAccepted) {
    accepted.increment(wasAccepted ? spans : 0);
    refused.increment(wasAccepted ? 0 : spans);
  }

  /** Returns the spans accepted so far. */
  public long accepted() {
    return (long) accepted.count();
  }

  /** Returns the spans refused so far. */
  public long refused() {
    return (long) refused.count();
  }

  private static Counter counter(
      MeterRegistry registry, String name, String help, ComponentId id, String transport) {
    return Counter.builder(name)
        .description(help)
        .tag("receiver", id.toString())
        .tag("transport", transport)
        .register(registry);
  }
}
