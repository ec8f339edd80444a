package io.sluice.storage.config;

import io.sluice.pipeline.config.ConfigLocation;
import io.sluice.pipeline.config.ConfigNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds config trees for tests from maps, lists and scalars, as the YAML loader would. */
public final class YamlNodes {
  private static final ConfigLocation FILE = new ConfigLocation("config.yaml", 7);

  private YamlNodes() {}

  /** Returns a map of alternating keys and values; a null value is a key written empty. */
  public static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  /** Returns the node of {@code value} at {@code path}. */
  public static ConfigNode node(String path, Object value) {
    if (value == null) {
      return ConfigNode.nullValue(path, FILE);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, ConfigNode> entries = new LinkedHashMap<>();
      map.forEach((k, v) ->
          entries.put((String) k, node(ConfigNode.childPath(path, (String) k), v)));
      return ConfigNode.map(path, FILE, entries);
    }
    if (value instanceof List<?> list) {
      List<ConfigNode> elements = new ArrayList<>();
      for (Object element : list) {
        elements.add(node(path, element));
      }
      return ConfigNode.list(path, FILE, elements);
    }
    Object scalar = value instanceof Integer i ? Long.valueOf(i) : value;
    return ConfigNode.scalar(path, FILE, scalar, false);
  }
}
