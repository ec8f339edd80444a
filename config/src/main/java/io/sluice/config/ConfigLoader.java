package io.sluice.config;

import static java.util.Objects.requireNonNull;

import io.sluice.pipeline.config.ConfigException;
import io.sluice.pipeline.config.ConfigLocation;
import io.sluice.pipeline.config.ConfigNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads the config the way {@code jaeger --config ... --set ...} does: reads every source, merges
 * them in order, then expands {@code ${...}} references in the merged values.
 *
 * <p>A {@code --config} value is a file path ({@code config.yaml} or {@code file:config.yaml}),
 * {@code env:VAR} (the variable holds YAML) or {@code yaml:<inline yaml>}. Sluice does not fetch
 * config over the network, so {@code http:} and {@code https:} are rejected. {@code --set}
 * flags are applied after all {@code --config} sources. Maps merge key by key; a later list or
 * scalar replaces an earlier one.
 *
 * <p>Every problem is a {@link ConfigException} naming the source, the line and the key path.
 */
public final class ConfigLoader {
  private static final Pattern SCHEME = Pattern.compile("(?s)^([A-Za-z][A-Za-z0-9+.-]+):(.*)$");

  private final Map<String, String> environment;

  /**
   * Creates a loader that reads {@code ${env:...}} references and {@code env:VAR} sources from
   * {@code environment}; tests pass their own map.
   */
  public ConfigLoader(Map<String, String> environment) {
    this.environment = Map.copyOf(requireNonNull(environment, "environment"));
  }

  /** Returns a loader over this process's environment variables. */
  public static ConfigLoader withSystemEnvironment() {
    return new ConfigLoader(System.getenv());
  }

  /**
   * Loads, merges and expands the {@code --config} values, then the {@code --set} flags.
   *
   * @param configUris the {@code --config} values in command-line order
   * @param setFlags the {@code --set} values ({@code key.path=value}) in command-line order
   * @return the merged root map; empty when there are no sources
   */
  public ConfigNode load(List<String> configUris, List<String> setFlags) {
    List<ConfigSource> sources = new ArrayList<>();
    for (String uri : configUris) {
      sources.add(source(uri));
    }
    for (String flag : setFlags) {
      sources.add(ConfigSource.setFlag(flag));
    }
    return loadSources(sources);
  }

  /**
   * Loads, merges in order and expands the given sources; use it to load an embedded default
   * config ({@link ConfigSource#yaml}) together with {@code --set} flags.
   */
  public ConfigNode loadSources(List<ConfigSource> sources) {
    EnvLookup env = new EnvLookup(environment);
    ConfigNode merged = null;
    for (ConfigSource source : sources) {
      ConfigNode root = source.read();
      merged = merged == null ? root : ConfigMerger.merge(merged, root);
    }
    if (merged == null) {
      return ConfigNode.map("", ConfigLocation.UNKNOWN, Map.of());
    }
    return new EnvExpander(env).expand(merged);
  }

  /**
   * Returns the source one {@code --config} value names, reading it lazily.
   *
   * @throws ConfigException for a network or unknown scheme
   */
  public ConfigSource source(String configUri) {
    requireNonNull(configUri, "configUri");
    Matcher m = SCHEME.matcher(configUri);
    if (!m.matches()) {
      return fileSource(configUri);
    }
    String scheme = m.group(1);
    String opaque = m.group(2);
    return switch (scheme) {
      case "file" -> fileSource(opaque);
      case "env" -> envSource(opaque);
      case "yaml" -> ConfigSource.yaml("<inline yaml>", opaque);
      case "http", "https" -> throw rejected(
          "Sluice does not fetch config over the network: --config with scheme \"" + scheme
              + "\" is not supported; download the file and pass its path");
      default -> throw rejected(
          "--config scheme \"" + scheme + "\" is not supported: use a file path, file:, env: or"
              + " yaml:");
    };
  }

  private static ConfigException rejected(String problem) {
    return new ConfigException(ConfigLocation.UNKNOWN, "", problem);
  }

  private static ConfigSource fileSource(String path) {
    return ConfigSource.of(path, () -> YamlReader.readDocument(readFile(path), path));
  }

  private static String readFile(String path) {
    try {
      return Files.readString(Path.of(path), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException(
          new ConfigLocation(path, 0), "", "cannot read the config file: no such file");
    } catch (IOException | RuntimeException e) {
      throw new ConfigException(
          new ConfigLocation(path, 0), "", "cannot read the config file: " + e.getMessage());
    }
  }

  private ConfigSource envSource(String name) {
    String label = "<env:" + name + ">";
    if (!EnvLookup.isValidName(name)) {
      throw rejected(
          "--config env:" + name + ": environment variable has invalid name: must match regex "
              + EnvLookup.NAME.pattern());
    }
    return ConfigSource.of(
        label,
        () -> {
          String yaml = new EnvLookup(environment).get(name, null, "--config env:" + name);
          return YamlReader.readDocument(yaml, label);
        });
  }
}
