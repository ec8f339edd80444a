package io.sluice.pipeline.config;

import static java.util.Objects.requireNonNull;

/**
 * Where a config value was written.
 *
 * @param source the file path, or a name such as {@code --set} or {@code <all-in-one>}
 * @param line 1-based line number; 0 when unknown
 */
public record ConfigLocation(String source, int line) {
  /** The location of values that were never written anywhere (defaults). */
  public static final ConfigLocation UNKNOWN = new ConfigLocation("", 0);

  /** Checks the parts. */
  public ConfigLocation {
    requireNonNull(source, "source");
  }

  /** Returns true for {@link #UNKNOWN}. */
  public boolean isUnknown() {
    return source.isEmpty();
  }

  @Override
  public String toString() {
    return line > 0 ? source + ":" + line : source;
  }
}
