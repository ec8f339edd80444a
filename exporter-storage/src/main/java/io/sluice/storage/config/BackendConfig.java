package io.sluice.storage.config;

/** One entry of {@code jaeger_storage.backends}: exactly one storage type and its settings. */
public sealed interface BackendConfig permits MemoryConfig, ElasticsearchConfig {
  /** Returns the type key as written in the config, e.g. {@code memory}. */
  String typeKey();
}
