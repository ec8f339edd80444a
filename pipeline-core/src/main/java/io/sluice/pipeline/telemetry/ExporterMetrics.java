package io.sluice.pipeline.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.pipeline.ComponentId;

/**
 * {@code otelcol_exporter_sent_spans}, {@code otelcol_exporter_send_failed_spans} and
 * {@code otelcol_exporter_enqueue_failed_spans} of one exporter.
 *
 * <p>In Sluice "sent" means acknowledged by the storage, item by item; "send failed" means given
 * up with the reason logged; "enqueue failed" means refused by a full queue and reported
 * upstream.
 */
public final class ExporterMetrics {
  private final MeterRegistry registry;
  private final ComponentId id;
  private final Counter sent;
  private final Counter sendFailed;

  ExporterMetrics(MeterRegistry registry, ComponentId id) {
    this.registry = registry;
    this.id = id;
    this.sent = counter(registry, "otelcol_exporter_sent_spans",
        "Number of spans successfully sent to destination. [alpha]", id);
    this.sendFailed = counter(registry, "otelcol_exporter_send_failed_spans",
        "Number of spans in failed attempts to send to destination. [alpha]", id);
  }

  /** Records spans the destination acknowledged. */
  public void sent(long spans) {
    sent.increment(spans);
  }

  /** Records spans given up on; the caller logs the reason. */
  public void sendFailed(long spans) {
    sendFailed.increment(spans);
  }

  /**
   * Records spans a full queue refused. The series is registered on first use, as the collector
   * shows it only for exporters whose queue has refused something.
   */
  public void enqueueFailed(long spans) {
    counter(registry, "otelcol_exporter_enqueue_failed_spans",
        "Number of spans failed to be added to the sending queue. [alpha]", id).increment(spans);
  }

  /** Returns the spans sent so far. */
  public long sentCount() {
    return (long) sent.count();
  }

  /** Returns the spans that failed so far. */
  public long sendFailedCount() {
    return (long) sendFailed.count();
  }

  private static Counter counter(MeterRegistry registry, String name, String help, ComponentId id) {
    return Counter.builder(name)
        .description(help)
        .tag("exporter", id.toString())
        .register(registry);
  }
}
