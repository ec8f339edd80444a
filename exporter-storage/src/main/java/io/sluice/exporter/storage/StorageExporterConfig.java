package io.sluice.exporter.storage;

import io.sluice.pipeline.config.ConfigException;
import io.sluice.pipeline.config.ConfigNode;
import io.sluice.pipeline.config.Fields;

/**
 * The {@code jaeger_storage_exporter} config (spec collector-runtime §6.5). Like Jaeger it has no
 * {@code retry_on_failure}, {@code timeout} or {@code sending_queue} key: writing one is an
 * invalid-keys error.
 *
 * @param traceStorage the {@code jaeger_storage} backend to write to; required
 * @param queue the exporter queue
 */
public record StorageExporterConfig(String traceStorage, QueueConfig queue) {
  /** Decodes the exporter block. */
  public static StorageExporterConfig decode(ConfigNode node) {
    Fields f = node.fields();
    ConfigNode storageNode = f.node("trace_storage");
    String storage = storageNode.isEmpty() ? "" : storageNode.asString();
    QueueConfig queue = QueueConfig.decode(f.node("queue"));
    f.finish();
    if (storage.isEmpty()) {
      throw ConfigException.at(storageNode,
          "trace_storage is required: the name of a jaeger_storage backend");
    }
    return new StorageExporterConfig(storage, queue);
  }
}
