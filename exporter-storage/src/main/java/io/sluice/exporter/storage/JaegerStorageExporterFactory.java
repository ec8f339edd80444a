package io.sluice.exporter.storage;

import io.sluice.pipeline.CreateSettings;
import io.sluice.pipeline.Exporter;
import io.sluice.pipeline.ExporterFactory;
import io.sluice.pipeline.config.ConfigNode;

/** Makes {@code jaeger_storage_exporter}: writes traces to a {@code jaeger_storage} backend. */
public final class JaegerStorageExporterFactory implements ExporterFactory<StorageExporterConfig> {
  /** The type name written in config files. */
  public static final String TYPE = "jaeger_storage_exporter";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public StorageExporterConfig decodeConfig(ConfigNode node) {
    return StorageExporterConfig.decode(node);
  }

  @Override
  public Exporter createTraces(CreateSettings settings, StorageExporterConfig config) {
    return new StorageExporter(settings, config);
  }
}
