package io.sluice.storage.config;

import io.sluice.pipeline.config.ConfigException;
import io.sluice.pipeline.config.ConfigNode;
import io.sluice.pipeline.config.Fields;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code jaeger_storage} extension's config: named trace backends (spec collector-runtime
 * §9.2).
 *
 * @param backends backend name to its settings, in written order; never empty
 */
public record JaegerStorageConfig(Map<String, BackendConfig> backends) {
  private static final List<String> SUPPORTED = List.of("memory", "elasticsearch", "opensearch");
  private static final Set<String> UNSUPPORTED = Set.of("badger", "grpc", "cassandra");

  /** Copies the map, keeping its order. */
  public JaegerStorageConfig {
    backends = Collections.unmodifiableMap(new LinkedHashMap<>(backends));
  }

  /**
   * Decodes the extension block: at least one backend, each with exactly one type.
   * {@code metric_backends} is accepted and only checked to be a map of maps.
   */
  public static JaegerStorageConfig decode(ConfigNode node) {
    Fields f = node.fields();
    ConfigNode backendsNode = f.node("backends");
    Map<String, BackendConfig> backends = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigNode> e : backendsNode.entries().entrySet()) {
      backends.put(e.getKey(), decodeBackend(e.getKey(), e.getValue()));
    }
    checkMetricBackends(f.node("metric_backends"));
    f.finish();
    if (backends.isEmpty()) {
      throw ConfigException.at(backendsNode, "at least one storage backend is required");
    }
    return new JaegerStorageConfig(backends);
  }

  private static BackendConfig decodeBackend(String name, ConfigNode node) {
    Map<String, ConfigNode> types = node.entries();
    if (types.isEmpty()) {
      throw ConfigException.at(node, "empty backend configuration for storage '" + name
          + "'; expected one of " + SUPPORTED);
    }
    if (types.size() > 1) {
      throw ConfigException.at(node, "storage '" + name + "' has " + types.keySet()
          + "; expected exactly one backend type");
    }
    Map.Entry<String, ConfigNode> only = types.entrySet().iterator().next();
    return decodeType(name, only.getKey(), only.getValue());
  }

  private static BackendConfig decodeType(String name, String type, ConfigNode node) {
    return switch (type) {
      case "memory" -> MemoryConfig.decode(node);
      case "elasticsearch" -> ElasticsearchConfig.decode(SearchFlavor.ELASTICSEARCH, node);
      case "opensearch" -> ElasticsearchConfig.decode(SearchFlavor.OPENSEARCH, node);
      default -> throw ConfigException.at(node, UNSUPPORTED.contains(type)
          ? "backend type '" + type + "' of storage '" + name + "' is not supported by Sluice;"
              + " use one of " + SUPPORTED
          : "unknown backend type '" + type + "' for storage '" + name + "'; expected one of "
              + SUPPORTED);
    };
  }

  private static void checkMetricBackends(ConfigNode node) {
    for (ConfigNode backend : node.entries().values()) {
      backend.entries();
    }
  }
}
