package io.sluice.pipeline.service;

import static java.util.Objects.requireNonNull;

import io.sluice.pipeline.telemetry.MetricsLevel;
import java.util.Map;
import java.util.Optional;

/**
 * {@code service.telemetry}: where and how much internal telemetry is served, and the log setup.
 *
 * @param metricsLevel default {@code normal}
 * @param metricsHost host of the Prometheus endpoint, default {@code localhost}
 * @param metricsPort port of the Prometheus endpoint, default 8888
 * @param resource resource attributes; a key mapped to an empty optional suppresses that label
 * @param logLevel default {@code info}
 * @param logEncoding {@code console} (default) or {@code json}
 */
public record TelemetryConfig(
    MetricsLevel metricsLevel,
    String metricsHost,
    int metricsPort,
    Map<String, Optional<String>> resource,
    String logLevel,
    String logEncoding) {
  /** Copies the resource map. */
  public TelemetryConfig {
    requireNonNull(metricsLevel, "metricsLevel");
    requireNonNull(metricsHost, "metricsHost");
    resource = Map.copyOf(resource);
    requireNonNull(logLevel, "logLevel");
    requireNonNull(logEncoding, "logEncoding");
  }

  /** Returns the collector's defaults. */
  public static TelemetryConfig defaults() {
    return new TelemetryConfig(MetricsLevel.NORMAL, "localhost", 8888, Map.of(), "info", "console");
  }
}
