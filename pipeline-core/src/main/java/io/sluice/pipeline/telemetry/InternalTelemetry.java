package io.sluice.pipeline.telemetry;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sluice.pipeline.service.TelemetryConfig;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * The service's internal telemetry as {@link TelemetryFactory} built it: the {@link Telemetry}
 * handed to components, the Prometheus registry behind it, the resource, and the means to serve
 * it on {@code service.telemetry.metrics} (spec/collector-runtime.md §5).
 */
public final class InternalTelemetry {
  private final TelemetryConfig config;
  private final PrometheusMeterRegistry registry;
  private final Telemetry telemetry;
  private final Map<String, String> resource;
  private final PrometheusText text;
  // Held so that the weakly referenced process meters keep reporting.
  @Nullable private final ProcessMetrics processMetrics;

  InternalTelemetry(
      TelemetryConfig config,
      PrometheusMeterRegistry registry,
      Map<String, String> resource,
      Map<String, String> resourceLabels,
      @Nullable ProcessMetrics processMetrics) {
    this.config = config;
    this.registry = registry;
    this.telemetry = new Telemetry(config.metricsLevel(), registry);
    this.resource = Map.copyOf(resource);
    this.text = new PrometheusText(registry.getPrometheusRegistry(), resourceLabels);
    this.processMetrics = processMetrics;
  }

  /** Returns what components get in their create settings. */
  public Telemetry telemetry() {
    return telemetry;
  }

  /** Returns the registry; at level {@code none} it accepts meters but records nothing. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /**
   * Returns the resource attributes, e.g. {@code service.name -> jaeger}; suppressed ones are
   * absent.
   */
  public Map<String, String> resource() {
    return resource;
  }

  /** Returns the current Prometheus text exposition. */
  public String scrape() {
    return text.scrape();
  }

  /**
   * Returns an unstarted server for {@code GET /metrics} on the configured host and port, or
   * empty at level {@code none}, where the collector serves nothing.
   */
  public Optional<TelemetryServer> newServer(Vertx vertx) {
    if (config.metricsLevel() == MetricsLevel.NONE) {
      return Optional.empty();
    }
    return Optional.of(
        new TelemetryServer(vertx, config.metricsHost(), config.metricsPort(), text::scrape));
  }

  /** Closes the registry; call after the server and every component have stopped. */
  public void close() {
    registry.close();
  }

  /** Returns whether the process metrics are registered (false at level {@code none}). */
  boolean hasProcessMetrics() {
    return processMetrics != null;
  }
}
