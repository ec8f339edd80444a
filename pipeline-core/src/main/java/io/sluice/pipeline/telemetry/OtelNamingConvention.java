package io.sluice.pipeline.telemetry;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.NamingConvention;
import io.micrometer.prometheusmetrics.PrometheusNamingConvention;
import javax.annotation.Nullable;

/**
 * Keeps meter names as registered, the way the collector's Prometheus exporter does with
 * {@code WithoutUnits} and {@code WithoutCounterSuffixes}: dots become underscores, and no unit
 * or type suffix is added, whatever base unit or meter type a component chose.
 */
final class OtelNamingConvention implements NamingConvention {
  private final PrometheusNamingConvention prometheus = new PrometheusNamingConvention();

  @Override
  public String name(String name, Meter.Type type, @Nullable String baseUnit) {
    // OTHER with no unit: Micrometer's convention then only sanitizes the name.
    return prometheus.name(name, Meter.Type.OTHER, null);
  }

  @Override
  public String tagKey(String key) {
    return prometheus.tagKey(key);
  }
}
