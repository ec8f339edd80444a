package io.sluice.pipeline.config;

/**
 * A config error that names where it is: the file, the line and the key path.
 *
 * <p>The message reads {@code <file>:<line>: <key::path>: <problem>}, so a user can jump to it;
 * the location parts are left out only when the value did not come from a file (a default, a
 * {@code --set} flag).
 */
public final class ConfigException extends RuntimeException {
  private final String problem;
  private final ConfigLocation location;
  private final String path;

  /** Creates the error for the value at {@code path}, found at {@code location}. */
  public ConfigException(ConfigLocation location, String path, String problem) {
    super(format(location, path, problem));
    this.problem = problem;
    this.location = location;
    this.path = path;
  }

  /** Returns the error for {@code node}'s value. */
  public static ConfigException at(ConfigNode node, String problem) {
    return new ConfigException(node.location(), node.path(), problem);
  }

  /** Returns what is wrong, without the location. */
  public String problem() {
    return problem;
  }

  /** Returns where the offending value was written. */
  public ConfigLocation location() {
    return location;
  }

  /** Returns the key path, parts joined by {@code ::}; empty for the document root. */
  public String path() {
    return path;
  }

  private static String format(ConfigLocation location, String path, String problem) {
    StringBuilder sb = new StringBuilder();
    if (!location.isUnknown()) {
      sb.append(location).append(": ");
    }
    if (!path.isEmpty()) {
      sb.append(path).append(": ");
    }
    return sb.append(problem).toString();
  }
}
