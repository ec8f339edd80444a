package io.sluice.config;

import io.sluice.pipeline.config.ConfigException;
import io.sluice.pipeline.config.ConfigNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands {@code ${...}} references in every string value of a merged config, as the collector's
 * resolver does (spec §1.3).
 *
 * <ul>
 *   <li>{@code ${env:VAR}}, {@code ${VAR}} and {@code ${env:VAR:-default}} read the environment;
 *       {@code ${file:path}} reads a file and {@code ${yaml:text}} is inline YAML.
 *   <li>The innermost reference goes first (the first {@code }} and the last {@code ${} before
 *       it), and expansion repeats until nothing changes, at most 1000 times per value.
 *   <li>An odd run of {@code $} before {@code ${} escapes it, and every {@code $$} becomes
 *       {@code $} at the end. A bare {@code $VAR} stays as written.
 *   <li>When a reference is the whole value, the text it yields is read as YAML, so
 *       {@code "${env:PORT}"} fills an int field; inside a longer string it is plain text.
 * </ul>
 *
 * <p>Keys are never expanded. Error messages quote the value as written in the file, never text
 * that came from a variable, which may be a secret.
 */
final class EnvExpander {
  /** The collector's limit on expansions of one value. */
  static final int MAX_EXPANSIONS = 1000;

  private static final Pattern URI = Pattern.compile("(?s)^([A-Za-z][A-Za-z0-9+.-]+):(.*)$");
  private static final Pattern SHELL_DEFAULT = Pattern.compile("^[a-zA-Z_][a-zA-Z0-9_]*:-.*");

  private final EnvLookup env;

  EnvExpander(EnvLookup env) {
    this.env = env;
  }

  /** Returns {@code node} with every string value expanded. */
  ConfigNode expand(ConfigNode node) {
    return expandTree(node, null);
  }

  private ConfigNode expandTree(ConfigNode node, Budget shared) {
    return switch (node.kind()) {
      case MAP -> expandMap(node, shared);
      case LIST -> expandList(node, shared);
      case SCALAR -> node.rawValue() instanceof String
          ? expandScalar(node, shared != null ? shared : new Budget())
          : node;
      case NULL, ABSENT -> node;
    };
  }

  private ConfigNode expandMap(ConfigNode node, Budget shared) {
    Map<String, ConfigNode> entries = new LinkedHashMap<>();
    node.entries().forEach((key, value) -> entries.put(key, expandTree(value, shared)));
    return ConfigNode.map(node.path(), node.location(), entries);
  }

  private ConfigNode expandList(ConfigNode node, Budget shared) {
    List<ConfigNode> elements = new ArrayList<>();
    node.elements().forEach(element -> elements.add(expandTree(element, shared)));
    return ConfigNode.list(node.path(), node.location(), elements);
  }

  private ConfigNode expandScalar(ConfigNode node, Budget budget) {
    String written = (String) node.rawValue();
    String text = written;
    boolean whole = false;
    for (int[] uri = findUri(text); uri != null; uri = findUri(text)) {
      budget.spend(node);
      String retrieved = retrieve(text.substring(uri[0] + 2, uri[1] - 1), node, written);
      if (uri[0] > 0 || uri[1] < text.length()) {
        text = text.substring(0, uri[0]) + retrieved + text.substring(uri[1]);
        whole = false;
        continue;
      }
      Optional<ConfigNode> parsed = YamlReader.readValue(retrieved, node.path(), node.location());
      if (parsed.isPresent() && !isString(parsed.get())) {
        return typed(parsed.get(), retrieved, budget);
      }
      text = retrieved;
      whole = true;
    }
    String unescaped = text.replace("$$", "$");
    if (!whole && unescaped.equals(written)) {
      return node;
    }
    return ConfigNode.scalar(node.path(), node.location(), unescaped, whole);
  }

  private static boolean isString(ConfigNode node) {
    return node.kind() == ConfigNode.Kind.SCALAR && node.rawValue() instanceof String;
  }

  /**
   * Returns the node for a whole-value expansion whose text is not a plain string: a map or a
   * list (expanded in turn), a null, or a number or bool. A number or bool keeps its type only
   * when that loses nothing of the text, so that {@code 0123} or {@code 1e3} still reads back
   * as written when a string field asks for it; the accessors of an expanded node convert the
   * text to a number or bool when a field needs one.
   */
  private ConfigNode typed(ConfigNode parsed, String retrieved, Budget budget) {
    if (parsed.kind() == ConfigNode.Kind.MAP || parsed.kind() == ConfigNode.Kind.LIST) {
      return expandTree(parsed, budget);
    }
    String trimmed = retrieved.trim();
    if (parsed.kind() == ConfigNode.Kind.NULL) {
      return trimmed.isEmpty() || trimmed.startsWith("#")
          ? ConfigNode.scalar(parsed.path(), parsed.location(), retrieved, true)
          : parsed;
    }
    Object value = parsed.rawValue();
    Object kept =
        String.valueOf(value).equals(retrieved) ? value : retrieved.replace("$$", "$");
    return ConfigNode.scalar(parsed.path(), parsed.location(), kept, true);
  }

  /**
   * Returns {@code [start, end)} of the next reference to expand: the innermost one, skipping
   * escaped ones; null when there is none.
   *
   * <p>Unlike the collector, which stops at the first escaped reference, this goes on to the
   * next one, so {@code $${A} ${B}} still expands {@code B}.
   */
  static int[] findUri(String text) {
    int from = 0;
    while (true) {
      int close = text.indexOf('}', from);
      if (close < 0) {
        return null;
      }
      int open = text.lastIndexOf("${", close);
      if (open >= from && dollarsBefore(text, open, from) % 2 == 0) {
        return new int[] {open, close + 1};
      }
      from = close + 1;
    }
  }

  private static int dollarsBefore(String text, int index, int from) {
    int count = 0;
    for (int i = index - 1; i >= from && text.charAt(i) == '$'; i--) {
      count++;
    }
    return count;
  }

  private String retrieve(String uri, ConfigNode node, String written) {
    if (!uri.contains(":")) {
      return envValue(uri, node);
    }
    if (SHELL_DEFAULT.matcher(uri).matches()) {
      throw ConfigException.at(
          node,
          "invalid uri in \"" + written + "\": a default needs the env scheme,"
              + " as in ${env:NAME:-default}");
    }
    Matcher m = URI.matcher(uri);
    if (!m.matches()) {
      throw ConfigException.at(node, "invalid uri in \"" + written + "\"");
    }
    String scheme = m.group(1);
    String opaque = m.group(2);
    if (opaque.contains("$")) {
      throw ConfigException.at(
          node,
          "the uri in \"" + written + "\" contains unsupported characters ('$')");
    }
    return switch (scheme) {
      case "env" -> envValue(opaque, node);
      case "file" -> fileValue(opaque, node);
      case "yaml" -> opaque;
      case "http", "https" -> throw ConfigException.at(
          node,
          "scheme \"" + scheme + "\" is not supported: Sluice does not fetch configuration"
              + " over the network; use ${env:...} or ${file:...}");
      default -> throw ConfigException.at(
          node,
          "scheme \"" + scheme + "\" is not supported in ${...}: use env, file or yaml");
    };
  }

  private String envValue(String opaque, ConfigNode node) {
    int split = opaque.indexOf(":-");
    String name = split < 0 ? opaque : opaque.substring(0, split);
    String defaultValue = split < 0 ? null : opaque.substring(split + 2);
    if (!EnvLookup.isValidName(name)) {
      throw ConfigException.at(
          node,
          "environment variable \"" + name + "\" has invalid name: must match regex "
              + EnvLookup.NAME.pattern());
    }
    return env.get(name, defaultValue, EnvLookup.where(node.location(), node.path()));
  }

  private static String fileValue(String path, ConfigNode node) {
    try {
      return Files.readString(Path.of(path), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw ConfigException.at(node, "cannot read file \"" + path + "\": no such file");
    } catch (IOException | RuntimeException e) {
      throw ConfigException.at(node, "cannot read file \"" + path + "\": " + e.getMessage());
    }
  }

  /** Counts the expansions spent on one written value and what it expanded to. */
  private static final class Budget {
    private int spent;

    void spend(ConfigNode node) {
      if (++spent > MAX_EXPANSIONS) {
        throw ConfigException.at(node, "too many recursive expansions");
      }
    }
  }
}
