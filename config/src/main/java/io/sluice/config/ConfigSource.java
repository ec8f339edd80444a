package io.sluice.config;

import static java.util.Objects.requireNonNull;

import io.sluice.pipeline.config.ConfigException;
import io.sluice.pipeline.config.ConfigLocation;
import io.sluice.pipeline.config.ConfigNode;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One config source to merge: a file, an environment variable, inline YAML or a {@code --set}
 * flag, read into a {@link ConfigNode} map when the loader asks for it.
 */
public final class ConfigSource {
  /** The location given to values that came from {@code --set} flags. */
  public static final ConfigLocation SET_FLAG = new ConfigLocation("--set", 0);

  private final String label;
  private final Supplier<ConfigNode> reader;

  private ConfigSource(String label, Supplier<ConfigNode> reader) {
    this.label = label;
    this.reader = reader;
  }

  /**
   * Returns a source of YAML text that is already in memory, such as an embedded default config.
   *
   * @param label names the source in error messages, e.g. {@code <all-in-one>}
   */
  public static ConfigSource yaml(String label, String yaml) {
    requireNonNull(label, "label");
    requireNonNull(yaml, "yaml");
    return new ConfigSource(label, () -> YamlReader.readDocument(yaml, label));
  }

  /**
   * Returns the source for one {@code --set key.path=value} flag: dots split the key into path
   * parts, and the value is read as YAML, so {@code [a, b]} is a list and {@code 5} a number.
   * Its values are located at {@link #SET_FLAG}: the flag text is never quoted, as it may hold
   * a secret.
   *
   * @throws ConfigException when the flag has no {@code =}, an empty key part or invalid YAML
   */
  public static ConfigSource setFlag(String flag) {
    requireNonNull(flag, "flag");
    int equals = flag.indexOf('=');
    if (equals < 0) {
      throw new ConfigException(SET_FLAG, "", "missing equal sign: write --set key.path=value");
    }
    String key = flag.substring(0, equals).trim();
    String[] parts = key.split("\\.", -1);
    for (String part : parts) {
      if (part.isEmpty()) {
        throw new ConfigException(
            SET_FLAG, "", "--set key \"" + key + "\" has an empty part between dots");
      }
    }
    String path = String.join("::", parts);
    ConfigNode value = YamlReader.readFragment(flag.substring(equals + 1).trim(), path, SET_FLAG);
    return new ConfigSource(SET_FLAG.source(), () -> nest(parts, value));
  }

  private static ConfigNode nest(String[] parts, ConfigNode leaf) {
    ConfigNode node = leaf;
    for (int i = parts.length - 1; i >= 0; i--) {
      String parentPath = String.join("::", Arrays.copyOf(parts, i));
      node = ConfigNode.map(parentPath, SET_FLAG, Map.of(parts[i], node));
    }
    return node;
  }

  static ConfigSource of(String label, Supplier<ConfigNode> reader) {
    return new ConfigSource(label, reader);
  }

  /** Returns the name error messages give this source: a file path, {@code --set}, etc. */
  public String label() {
    return label;
  }

  /** Reads the source into a map node rooted at the empty path. */
  ConfigNode read() {
    return reader.get();
  }

  @Override
  public String toString() {
    return "ConfigSource{" + label + "}";
  }
}
