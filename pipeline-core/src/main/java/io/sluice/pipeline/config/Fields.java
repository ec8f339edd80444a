package io.sluice.pipeline.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the fields of one config map with defaults and remembers which keys were read, so that
 * {@link #finish()} can reject the rest as invalid keys.
 *
 * <p>A field that is absent or written with no value gets its default.
 */
public final class Fields {
  private final ConfigNode map;
  private final Set<String> used = new HashSet<>();

  Fields(ConfigNode map) {
    this.map = map;
  }

  /** Returns the node under {@code key} (possibly absent) and marks the key used. */
  public ConfigNode node(String key) {
    used.add(key);
    return map.get(key);
  }

  /** Returns the string under {@code key}, or {@code defaultValue}. */
  public String string(String key, String defaultValue) {
    ConfigNode n = node(key);
    return n.isEmpty() ? defaultValue : n.asString();
  }

  /** Returns the int under {@code key}, or {@code defaultValue}. */
  public int integer(String key, int defaultValue) {
    ConfigNode n = node(key);
    return n.isEmpty() ? defaultValue : n.asInt();
  }

  /** Returns the long under {@code key}, or {@code defaultValue}. */
  public long longValue(String key, long defaultValue) {
    ConfigNode n = node(key);
    return n.isEmpty() ? defaultValue : n.asLong();
  }

  /** Returns the double under {@code key}, or {@code defaultValue}. */
  public double number(String key, double defaultValue) {
    ConfigNode n = node(key);
    return n.isEmpty() ? defaultValue : n.asDouble();
  }

  /** Returns the bool under {@code key}, or {@code defaultValue}. */
  public boolean bool(String key, boolean defaultValue) {
    ConfigNode n = node(key);
    return n.isEmpty() ? defaultValue : n.asBoolean();
  }

  /** Returns the duration under {@code key}, or {@code defaultValue}. */
  public Duration duration(String key, Duration defaultValue) {
    ConfigNode n = node(key);
    return n.isEmpty() ? defaultValue : n.asDuration();
  }

  /** Returns the strings under {@code key}, or {@code defaultValue}. */
  public List<String> strings(String key, List<String> defaultValue) {
    ConfigNode n = node(key);
    return n.isEmpty() ? defaultValue : n.asStringList();
  }

  /**
   * Rejects every key that no call read, with the collector's wording
   * ({@code has invalid keys: a, b}) and the location of the first such key.
   */
  public void finish() {
    List<String> invalid = new ArrayList<>();
    ConfigNode first = null;
    for (Map.Entry<String, ConfigNode> e : map.entries().entrySet()) {
      if (!used.contains(e.getKey())) {
        invalid.add(e.getKey());
        first = first == null ? e.getValue() : first;
      }
    }
    if (first != null) {
      throw new ConfigException(
          first.location(), map.path(), "has invalid keys: " + String.join(", ", invalid));
    }
  }
}
