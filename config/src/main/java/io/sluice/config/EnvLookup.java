package io.sluice.config;

import io.sluice.pipeline.config.ConfigLocation;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads environment variables for one load, and says once per variable when one is unset or
 * empty. Values are never logged: they may be secrets.
 */
final class EnvLookup {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);

  /** The collector's rule for variable names. */
  static final Pattern NAME = Pattern.compile("^[a-zA-Z_][a-zA-Z0-9_]*$");

  private final Map<String, String> environment;
  private final Set<String> reported = new HashSet<>();

  EnvLookup(Map<String, String> environment) {
    this.environment = environment;
  }

  /** Returns true when {@code name} is a valid variable name. */
  static boolean isValidName(String name) {
    return NAME.matcher(name).matches();
  }

  /**
   * Returns the variable's value; {@code defaultValue} when it is unset, or an empty string (and
   * a WARN) when it is unset with no default.
   *
   * @param where the key path and location that referenced it, for the log line
   */
  String get(String name, String defaultValue, String where) {
    String value = environment.get(name);
    if (value == null && defaultValue != null) {
      return defaultValue;
    }
    if (value == null) {
      if (reported.add("unset:" + name)) {
        LOG.warn(
            "Configuration references unset environment variable {} at {}; using an empty value",
            name,
            where);
      }
      return "";
    }
    if (value.isEmpty() && reported.add("empty:" + name)) {
      LOG.info("Configuration references empty environment variable {} at {}", name, where);
    }
    return value;
  }

  /** Returns how a log line names a place in the config. */
  static String where(ConfigLocation location, String path) {
    if (location.isUnknown()) {
      return path;
    }
    return path.isEmpty() ? location.toString() : location + " (" + path + ")";
  }
}
