package io.sluice.pipeline.telemetry;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.pipeline.ComponentId;

/**
 * The service's internal telemetry: one Micrometer registry, served as Prometheus text on the
 * telemetry address, and the level that decides which metrics exist.
 *
 * <p>Metric names and labels follow the collector inside Jaeger v2.1.0: {@code otelcol_*}, no
 * {@code _total} suffix, resource labels on every series (spec/collector-runtime.md §5).
 */
public final class Telemetry {
  private final MetricsLevel level;
  private final MeterRegistry registry;

  /** Creates the telemetry over {@code registry}, which already carries the resource labels. */
  public Telemetry(MetricsLevel level, MeterRegistry registry) {
    this.level = requireNonNull(level, "level");
    this.registry = requireNonNull(registry, "registry");
  }

  /** Returns the level. */
  public MetricsLevel level() {
    return level;
  }

  /** Returns the registry every component records into. */
  public MeterRegistry registry() {
    return registry;
  }

  /** Returns the accepted/refused span counters of one receiver and transport. */
  public ReceiverMetrics receiver(ComponentId id, String transport) {
    return new ReceiverMetrics(registry, id, transport);
  }

  /** Returns the sent/failed span counters of one exporter. */
  public ExporterMetrics exporter(ComponentId id) {
    return new ExporterMetrics(registry, id);
  }
}
