package io.sluice.collector.exporter;

import io.sluice.pipeline.CreateSettings;
import io.sluice.pipeline.Exporter;
import io.sluice.pipeline.ExporterFactory;
import io.sluice.pipeline.config.ConfigNode;

/** Makes {@code nop} exporters, which discard what they get; for tests and benchmarks. */
public final class NopExporterFactory implements ExporterFactory<NopExporterFactory.NopConfig> {
  /** The type name in config files. */
  public static final String TYPE = "nop";

  /** The {@code nop} exporter's config, which has no keys. */
  public record NopConfig() {}

  @Override
  public String type() {
    return TYPE;
  }

  /** Returns the empty config; any key is an error, as in the collector. */
  @Override
  public NopConfig decodeConfig(ConfigNode node) {
    node.fields().finish();
    return new NopConfig();
  }

  /** Returns a nop exporter that counts into {@code otelcol_exporter_sent_spans}. */
  @Override
  public Exporter createTraces(CreateSettings settings, NopConfig config) {
    return new NopExporter(settings.telemetry().exporter(settings.id()));
  }
}
