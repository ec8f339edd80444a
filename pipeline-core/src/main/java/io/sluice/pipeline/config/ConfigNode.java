package io.sluice.pipeline.config;

import static java.util.Objects.requireNonNull;

import io.sluice.pipeline.go.GoDurations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One value of a loaded config, with the key path and file location it came from.
 *
 * <p>Component factories decode their config from a node with {@link #fields()}, which reads
 * typed values with defaults and, on {@link Fields#finish()}, rejects keys nobody read: unknown
 * keys are errors, as in the collector. Typing is strict, as in the collector: a YAML string is
 * not an int or a bool, unless the whole scalar came from a {@code ${...}} expansion.
 *
 * <p>A key written with nothing after it ({@code batch:}) is a {@link Kind#NULL} node and
 * decodes to the defaults, like a key that is absent.
 */
public final class ConfigNode {
  /** The shape of a node. */
  public enum Kind {
    MAP,
    LIST,
    SCALAR,
    NULL,
    ABSENT
  }

  private final Kind kind;
  private final String path;
  private final ConfigLocation location;
  private final Map<String, ConfigNode> entries;
  private final List<ConfigNode> elements;
  private final Object value;
  private final boolean expanded;

  private ConfigNode(
      Kind kind,
      String path,
      ConfigLocation location,
      Map<String, ConfigNode> entries,
      List<ConfigNode> elements,
      Object value,
      boolean expanded) {
    this.kind = kind;
    this.path = requireNonNull(path, "path");
    this.location = requireNonNull(location, "location");
    this.entries = entries;
    this.elements = elements;
    this.value = value;
    this.expanded = expanded;
  }

  /** Returns a map node; the entries keep their order. */
  public static ConfigNode map(String path, ConfigLocation location, Map<String, ConfigNode> map) {
    return new ConfigNode(
        Kind.MAP,
        path,
        location,
        Collections.unmodifiableMap(new LinkedHashMap<>(map)),
        List.of(),
        null,
        false);
  }

  /** Returns a list node. */
  public static ConfigNode list(String path, ConfigLocation location, List<ConfigNode> list) {
    return new ConfigNode(Kind.LIST, path, location, Map.of(), List.copyOf(list), null, false);
  }

  /**
   * Returns a scalar node.
   *
   * @param value a {@link String}, {@link Long}, {@link Double} or {@link Boolean}
   * @param expanded true when the whole scalar came from a {@code ${...}} expansion, which allows
   *     a string to fill a number or bool field
   */
  public static ConfigNode scalar(
      String path, ConfigLocation location, Object value, boolean expanded) {
    requireNonNull(value, "value");
    return new ConfigNode(Kind.SCALAR, path, location, Map.of(), List.of(), value, expanded);
  }

  /** Returns a node for a key written with no value. */
  public static ConfigNode nullValue(String path, ConfigLocation location) {
    return new ConfigNode(Kind.NULL, path, location, Map.of(), List.of(), null, false);
  }

  /** Returns a node for a key that is not in the config at all. */
  public static ConfigNode absent(String path, ConfigLocation parentLocation) {
    return new ConfigNode(Kind.ABSENT, path, parentLocation, Map.of(), List.of(), null, false);
  }

  /** Returns the path of a child key: parts joined by {@code ::}, as the collector prints. */
  public static String childPath(String parent, String key) {
    return parent.isEmpty() ? key : parent + "::" + key;
  }

  /** Returns the shape of this node. */
  public Kind kind() {
    return kind;
  }

  /** Returns the key path of this node, parts joined by {@code ::}. */
  public String path() {
    return path;
  }

  /** Returns where this node was written (for an absent key: where its parent was). */
  public ConfigLocation location() {
    return location;
  }

  /** Returns true when the key is absent or written with no value. */
  public boolean isEmpty() {
    return kind == Kind.ABSENT || kind == Kind.NULL;
  }

  /** Returns true when the key is present in the config, even with no value. */
  public boolean isPresent() {
    return kind != Kind.ABSENT;
  }

  /** Returns the raw scalar value ({@link String}, {@link Long}, {@link Double}, {@link Boolean}). */
  public Object rawValue() {
    requireKind(Kind.SCALAR, "a scalar");
    return value;
  }

  /** Returns true when this scalar came whole from a {@code ${...}} expansion. */
  public boolean isExpanded() {
    return expanded;
  }

  /** Returns a map's entries in written order; empty for an absent or null node. */
  public Map<String, ConfigNode> entries() {
    if (isEmpty()) {
      return Map.of();
    }
    requireKind(Kind.MAP, "a map");
    return entries;
  }

  /** Returns a list's elements; empty for an absent or null node. */
  public List<ConfigNode> elements() {
    if (isEmpty()) {
      return List.of();
    }
    requireKind(Kind.LIST, "a list");
    return elements;
  }

  /** Returns the child under {@code key}, or an absent node. */
  public ConfigNode get(String key) {
    ConfigNode child = kind == Kind.MAP ? entries.get(key) : null;
    return child != null ? child : absent(childPath(path, key), location);
  }

  /** Returns this scalar as a string; numbers and bools are not strings (strict typing). */
  public String asString() {
    requireKind(Kind.SCALAR, "a string");
    if (value instanceof String s) {
      return s;
    }
    if (expanded) {
      return String.valueOf(value);
    }
    throw mismatch("a string");
  }

  /** Returns this scalar as a 64-bit integer. */
  public long asLong() {
    requireKind(Kind.SCALAR, "an integer");
    if (value instanceof Long l) {
      return l;
    }
    if (expanded && value instanceof String s) {
      try {
        return Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        throw mismatch("an integer");
      }
    }
    throw mismatch("an integer");
  }

  /** Returns this scalar as an int, rejecting values outside the int range. */
  public int asInt() {
    long v = asLong();
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw ConfigException.at(this, "value " + v + " is out of range for an int");
    }
    return (int) v;
  }

  /** Returns this scalar as a double; integers are accepted. */
  public double asDouble() {
    requireKind(Kind.SCALAR, "a number");
    if (value instanceof Double d) {
      return d;
    }
    if (value instanceof Long l) {
      return l;
    }
    if (expanded && value instanceof String s) {
      try {
        return Double.parseDouble(s.trim());
      } catch (NumberFormatException e) {
        throw mismatch("a number");
      }
    }
    throw mismatch("a number");
  }

  /** Returns this scalar as a bool. */
  public boolean asBoolean() {
    requireKind(Kind.SCALAR, "a bool");
    if (value instanceof Boolean b) {
      return b;
    }
    if (expanded && value instanceof String s) {
      String t = s.trim();
      if (t.equals("true") || t.equals("false")) {
        return Boolean.parseBoolean(t);
      }
    }
    throw mismatch("a bool");
  }

  /**
   * Returns this scalar as a duration: a Go duration string ({@code 200ms}, {@code 1m30s}) or an
   * integer count of nanoseconds.
   */
  public Duration asDuration() {
    requireKind(Kind.SCALAR, "a duration");
    if (value instanceof Long l) {
      return Duration.ofNanos(l);
    }
    if (value instanceof String s) {
      try {
        return Duration.ofNanos(GoDurations.parseNanos(s));
      } catch (IllegalArgumentException e) {
        throw ConfigException.at(this, e.getMessage());
      }
    }
    throw mismatch("a duration");
  }

  /**
   * Returns this node as a list of strings: a YAML list of strings, or one string split on
   * {@code ,} as the collector does for string slices.
   */
  public List<String> asStringList() {
    if (isEmpty()) {
      return List.of();
    }
    if (kind == Kind.SCALAR) {
      List<String> parts = new ArrayList<>();
      for (String part : asString().split(",", -1)) {
        parts.add(part.trim());
      }
      return parts;
    }
    List<String> out = new ArrayList<>();
    for (ConfigNode element : elements()) {
      out.add(element.asString());
    }
    return out;
  }

  /** Returns a reader of this map's fields that tracks which keys were used. */
  public Fields fields() {
    if (!isEmpty()) {
      requireKind(Kind.MAP, "a map");
    }
    return new Fields(this);
  }

  private void requireKind(Kind expected, String what) {
    if (kind != expected) {
      throw ConfigException.at(this, "expected " + what + ", got " + describe());
    }
  }

  private ConfigException mismatch(String what) {
    return ConfigException.at(this, "expected " + what + ", got " + describe());
  }

  private String describe() {
    return switch (kind) {
      case MAP -> "a map";
      case LIST -> "a list";
      case NULL, ABSENT -> "no value";
      case SCALAR -> describeScalar();
    };
  }

  private String describeScalar() {
    if (value instanceof String s) {
      return "string \"" + s + "\"";
    }
    String type = value instanceof Boolean ? "bool" : value instanceof Long ? "integer" : "number";
    return type + " " + value;
  }

  @Override
  public String toString() {
    return "ConfigNode{" + kind + " " + path + " at " + location + "}";
  }
}
