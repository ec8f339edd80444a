package io.sluice.collector.health;

import io.sluice.pipeline.config.ConfigLocation;
import io.sluice.pipeline.config.ConfigNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds config nodes by hand, as the loader would from a small YAML file. */
final class Yaml {
  private static final ConfigLocation LOCATION = new ConfigLocation("config.yaml", 7);

  private Yaml() {}

  /** Returns a map node at {@code path} from alternating keys and values. */
  static ConfigNode map(String path, Object... keysAndValues) {
    Map<String, ConfigNode> entries = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      String key = (String) keysAndValues[i];
      entries.put(key, node(ConfigNode.childPath(path, key), keysAndValues[i + 1]));
    }
    return ConfigNode.map(path, LOCATION, entries);
  }

  private static ConfigNode node(String path, Object value) {
    if (value == null) {
      return ConfigNode.nullValue(path, LOCATION);
    }
    if (value instanceof Object[] nested) {
      return map(path, nested);
    }
    if (value instanceof Integer i) {
      return ConfigNode.scalar(path, LOCATION, (long) i, false);
    }
    return ConfigNode.scalar(path, LOCATION, value, false);
  }

  /** Returns nested key-value pairs for {@link #map}. */
  static Object[] of(Object... keysAndValues) {
    return keysAndValues;
  }
}
