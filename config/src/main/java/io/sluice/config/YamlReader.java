package io.sluice.config;

import io.sluice.pipeline.config.ConfigException;
import io.sluice.pipeline.config.ConfigLocation;
import io.sluice.pipeline.config.ConfigNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Turns YAML text into {@link ConfigNode} trees, keeping the line of every node.
 *
 * <p>SnakeYAML Engine composes the text into nodes (never into Java objects), so anchors, merge
 * keys ({@code <<}) and tags are resolved by the YAML library while the typing of plain scalars
 * follows the YAML 1.2 core schema: integers become {@link Long}, floats {@link Double},
 * {@code true}/{@code false} {@link Boolean}, {@code null}/{@code ~}/nothing a null node. Quoted
 * scalars are always strings.
 */
final class YamlReader {
  // Deep enough for any real config; stops a self-referencing alias from overflowing the stack.
  private static final int MAX_DEPTH = 200;
  private static final String KEY_DELIMITER = "::";

  private final String label;
  private final ConfigLocation fixedLocation;

  private YamlReader(String label, ConfigLocation fixedLocation) {
    this.label = label;
    this.fixedLocation = fixedLocation;
  }

  /**
   * Reads one config source; an empty document is an empty map.
   *
   * @param label names the source in locations, e.g. the file path
   * @throws ConfigException for invalid YAML, duplicate keys or a root that is not a map
   */
  static ConfigNode readDocument(String text, String label) {
    YamlReader reader = new YamlReader(label, null);
    Optional<Node> root = reader.compose(text);
    ConfigLocation start = new ConfigLocation(label, 0);
    if (root.isEmpty() || root.get().getTag().equals(Tag.NULL)) {
      return ConfigNode.map("", start, Map.of());
    }
    ConfigNode node = reader.convert(root.get(), "", reader.locationOf(root.get()), 0);
    if (node.kind() != ConfigNode.Kind.MAP) {
      throw new ConfigException(
          reader.locationOf(root.get()), "", "the configuration must be a YAML map of sections");
    }
    return node;
  }

  /**
   * Reads text that an expansion produced; every node gets {@code location}, where the
   * {@code ${...}} was written.
   *
   * @return empty when the text is not valid YAML, in which case the caller keeps it as a string
   */
  static Optional<ConfigNode> readValue(String text, String path, ConfigLocation location) {
    try {
      return Optional.of(readFragment(text, path, location));
    } catch (ConfigException e) {
      return Optional.empty();
    }
  }

  /**
   * Reads a value written outside a file, such as a {@code --set} flag's; every node gets
   * {@code location}, and empty text is a null node.
   *
   * @throws ConfigException when the text is not valid YAML
   */
  static ConfigNode readFragment(String text, String path, ConfigLocation location) {
    YamlReader reader = new YamlReader(location.source(), location);
    Optional<Node> node = reader.compose(text);
    return node.isEmpty()
        ? ConfigNode.nullValue(path, location)
        : reader.convert(node.get(), path, location, 0);
  }

  private Optional<Node> compose(String text) {
    LoadSettings settings =
        LoadSettings.builder().setSchema(new CoreSchema()).setLabel(label).build();
    try {
      return new Compose(settings).composeString(text);
    } catch (MarkedYamlEngineException e) {
      int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
      throw new ConfigException(
          location(line), "", "invalid YAML: " + describe(e.getContext(), e.getProblem()));
    } catch (YamlEngineException e) {
      throw new ConfigException(location(0), "", "invalid YAML: " + e.getMessage());
    }
  }

  private static String describe(String context, String problem) {
    return context == null || context.isEmpty() ? problem : context + ": " + problem;
  }

  private ConfigNode convert(Node node, String path, ConfigLocation location, int depth) {
    if (depth > MAX_DEPTH) {
      throw new ConfigException(location, path, "nested deeper than " + MAX_DEPTH + " levels");
    }
    if (node instanceof MappingNode map) {
      return ConfigNode.map(path, location, entries(map, path, depth));
    }
    if (node instanceof SequenceNode seq) {
      List<ConfigNode> elements = new ArrayList<>();
      for (Node element : seq.getValue()) {
        String elementPath = path + "[" + elements.size() + "]";
        elements.add(convert(element, elementPath, locationOf(element), depth + 1));
      }
      return ConfigNode.list(path, location, elements);
    }
    return scalar((ScalarNode) node, path, location);
  }

  private Map<String, ConfigNode> entries(MappingNode map, String path, int depth) {
    Map<String, ConfigNode> entries = new LinkedHashMap<>();
    Map<String, ConfigLocation> keyLocations = new HashMap<>();
    for (NodeTuple tuple : map.getValue()) {
      ConfigLocation keyLocation = locationOf(tuple.getKeyNode());
      if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
        throw new ConfigException(keyLocation, path, "map keys must be strings");
      }
      String key = keyNode.getValue();
      String childPath = ConfigNode.childPath(path, key);
      ConfigLocation first = keyLocations.putIfAbsent(key, keyLocation);
      if (first != null) {
        throw new ConfigException(
            keyLocation,
            childPath,
            "mapping key \"" + key + "\" already defined at line " + first.line());
      }
      Node value = tuple.getValueNode();
      // A scalar is located where it is written (that is where a ${...} sits); a map, a list or
      // an empty value is located at its key, which is where a reader looks for it.
      ConfigLocation valueLocation =
          value instanceof ScalarNode && !value.getTag().equals(Tag.NULL)
              ? locationOf(value)
              : keyLocation;
      ConfigNode child = convert(value, childPath, valueLocation, depth + 1);
      String[] parts = key.split(KEY_DELIMITER, -1);
      entries.merge(parts[0], nest(parts, 0, path, child), ConfigMerger::merge);
    }
    return entries;
  }

  /**
   * Returns the value of {@code parts[index]}: {@code leaf} itself for the last part, else maps
   * down to it. A key {@code a::b::c} is nested, as the collector does for every source: that is
   * how {@code yaml:} sources and {@code --set} flags address a deep key.
   */
  private static ConfigNode nest(String[] parts, int index, String parent, ConfigNode leaf) {
    if (index == parts.length - 1) {
      return leaf;
    }
    String path = ConfigNode.childPath(parent, parts[index]);
    ConfigNode child = nest(parts, index + 1, path, leaf);
    return ConfigNode.map(path, leaf.location(), Map.of(parts[index + 1], child));
  }

  private ConfigNode scalar(ScalarNode node, String path, ConfigLocation location) {
    Tag tag = node.getTag();
    String text = node.getValue();
    if (tag.equals(Tag.NULL)) {
      return ConfigNode.nullValue(path, location);
    }
    Object value;
    if (tag.equals(Tag.BOOL)) {
      value = parseBool(text, path, location);
    } else if (tag.equals(Tag.INT)) {
      value = parseInt(text, path, location);
    } else if (tag.equals(Tag.FLOAT)) {
      value = parseFloat(text, path, location);
    } else {
      value = text;
    }
    return ConfigNode.scalar(path, location, value, false);
  }

  private static Boolean parseBool(String text, String path, ConfigLocation location) {
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.equals("true") || lower.equals("false")) {
      return Boolean.valueOf(lower);
    }
    throw new ConfigException(location, path, "cannot read \"" + text + "\" as a bool");
  }

  /** Parses a core-schema integer; values beyond 64 bits become a double, as in Go's YAML. */
  private static Object parseInt(String text, String path, ConfigLocation location) {
    String digits = text.replace("_", "");
    boolean negative = digits.startsWith("-");
    if (negative || digits.startsWith("+")) {
      digits = digits.substring(1);
    }
    int radix = 10;
    if (digits.startsWith("0x")) {
      radix = 16;
      digits = digits.substring(2);
    } else if (digits.startsWith("0o")) {
      radix = 8;
      digits = digits.substring(2);
    }
    try {
      BigInteger value = new BigInteger(digits, radix);
      value = negative ? value.negate() : value;
      return value.bitLength() < 64 ? (Object) value.longValue() : (Object) value.doubleValue();
    } catch (NumberFormatException e) {
      throw new ConfigException(location, path, "cannot read \"" + text + "\" as an integer");
    }
  }

  private static Double parseFloat(String text, String path, ConfigLocation location) {
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".inf")) {
      return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (lower.equals(".nan")) {
      return Double.NaN;
    }
    try {
      return Double.valueOf(text.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new ConfigException(location, path, "cannot read \"" + text + "\" as a number");
    }
  }

  private ConfigLocation locationOf(Node node) {
    if (fixedLocation != null) {
      return fixedLocation;
    }
    return location(node.getStartMark().map(Mark::getLine).orElse(-1) + 1);
  }

  private ConfigLocation location(int line) {
    return fixedLocation != null ? fixedLocation : new ConfigLocation(label, line);
  }
}
