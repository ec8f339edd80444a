package io.sluice.config;

import io.sluice.pipeline.config.ConfigNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Merges config sources the way the collector's {@code --config} list does: maps merge key by
 * key, recursively; a list, a scalar or an empty value from the later source replaces the
 * earlier one whole.
 */
final class ConfigMerger {
  private ConfigMerger() {}

  /** Returns {@code override} laid over {@code base}; keys keep the order they first appeared. */
  static ConfigNode merge(ConfigNode base, ConfigNode override) {
    if (base.kind() != ConfigNode.Kind.MAP || override.kind() != ConfigNode.Kind.MAP) {
      return override;
    }
    Map<String, ConfigNode> merged = new LinkedHashMap<>(base.entries());
    for (Map.Entry<String, ConfigNode> e : override.entries().entrySet()) {
      merged.merge(e.getKey(), e.getValue(), ConfigMerger::merge);
    }
    return ConfigNode.map(base.path(), base.location(), merged);
  }
}
