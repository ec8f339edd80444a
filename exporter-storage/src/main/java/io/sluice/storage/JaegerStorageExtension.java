package io.sluice.storage;

import io.sluice.pipeline.CreateSettings;
import io.sluice.pipeline.Extension;
import io.sluice.pipeline.Host;
import io.sluice.storage.config.BackendConfig;
import io.sluice.storage.config.ElasticsearchConfig;
import io.sluice.storage.config.JaegerStorageConfig;
import io.sluice.storage.config.MemoryConfig;
import io.sluice.storage.opensearch.OpenSearchStorage;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code jaeger_storage} extension: starts the named trace backends and hands them to the
 * storage exporters and the query service.
 */
public final class JaegerStorageExtension implements Extension {
  private static final Logger log = LoggerFactory.getLogger(JaegerStorageExtension.class);

  private final CreateSettings settings;
  private final Map<String, TraceStorage> storages = new LinkedHashMap<>();

  /** Makes (but does not start) every backend of {@code config}. */
  public JaegerStorageExtension(CreateSettings settings, JaegerStorageConfig config) {
    this.settings = settings;
    config.backends().forEach((name, backend) -> storages.put(name, create(name, backend)));
  }

  /** Returns the backend called {@code name} in {@code backends}, if there is one. */
  public Optional<TraceStorage> storage(String name) {
    return Optional.ofNullable(storages.get(name));
  }

  /** Returns the backend names, in config order. */
  public List<String> storageNames() {
    return List.copyOf(storages.keySet());
  }

  @Override
  public Future<Void> start(Host host) {
    List<Future<Void>> started = new ArrayList<>();
    storages.forEach((name, storage) -> {
      log.info("{}: initializing storage '{}' ({})", settings.id(), name, storage.kind());
      started.add(storage.start(host.status()));
    });
    return Future.all(started).mapEmpty();
  }

  @Override
  public Future<Void> shutdown() {
    List<Future<Void>> stopped = new ArrayList<>();
    storages.values().forEach(storage -> stopped.add(storage.shutdown()));
    return Future.join(stopped).mapEmpty();
  }

  private static TraceStorage create(String name, BackendConfig backend) {
    if (backend instanceof MemoryConfig memory) {
      return new MemoryStorage(memory);
    }
    return new OpenSearchStorage(name, (ElasticsearchConfig) backend);
  }
}
