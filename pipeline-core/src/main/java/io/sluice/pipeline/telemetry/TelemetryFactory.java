package io.sluice.pipeline.telemetry;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sluice.pipeline.service.TelemetryConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Builds the service's internal telemetry from {@code service.telemetry}. */
public final class TelemetryFactory {
  /** {@code service.name} when the config does not set it: the command's name. */
  public static final String DEFAULT_SERVICE_NAME = "sluice";

  private TelemetryFactory() {}

  /**
   * Returns the registry, resource and process metrics for {@code config}.
   *
   * <p>The resource holds {@code service.name} ({@value #DEFAULT_SERVICE_NAME} unless set),
   * {@code service.version} ({@code serviceVersion} unless set) and {@code service.instance.id}
   * (a random UUID v4 unless set), plus every other attribute of
   * {@code service.telemetry.resource}; an attribute mapped to an empty optional (written as
   * {@code null} in YAML) is left out. Each attribute becomes a label on every series, dots
   * turned into underscores. At level {@code none} no meter records anything and no process
   * metrics exist.
   */
  public static InternalTelemetry create(TelemetryConfig config, String serviceVersion) {
    requireNonNull(config, "config");
    requireNonNull(serviceVersion, "serviceVersion");
    Map<String, String> resource = resource(config.resource(), serviceVersion);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().namingConvention(new OtelNamingConvention());
    ProcessMetrics process = null;
    if (config.metricsLevel() == MetricsLevel.NONE) {
      registry.config().meterFilter(MeterFilter.deny());
    } else {
      process = ProcessMetrics.register(registry);
    }
    return new InternalTelemetry(config, registry, resource, labels(resource), process);
  }

  /** Returns the resource attributes: the defaults overlaid with the configured ones. */
  static Map<String, String> resource(
      Map<String, Optional<String>> configured, String serviceVersion) {
    Map<String, Optional<String>> merged = new LinkedHashMap<>();
    merged.put("service.name", Optional.of(DEFAULT_SERVICE_NAME));
    merged.put("service.version", Optional.of(serviceVersion));
    merged.put("service.instance.id", Optional.of(UUID.randomUUID().toString()));
    merged.putAll(configured);
    Map<String, String> resource = new LinkedHashMap<>();
    merged.forEach((key, value) -> value.ifPresent(v -> resource.put(key, v)));
    return resource;
  }

  private static Map<String, String> labels(Map<String, String> resource) {
    Map<String, String> labels = new LinkedHashMap<>();
    resource.forEach((key, value) -> labels.put(labelName(key), value));
    return labels;
  }

  /** Returns {@code attribute} as a Prometheus label name: other characters become {@code _}. */
  static String labelName(String attribute) {
    String name = attribute.replaceAll("[^a-zA-Z0-9_]", "_");
    return !name.isEmpty() && Character.isDigit(name.charAt(0)) ? "key_" + name : name;
  }
}
