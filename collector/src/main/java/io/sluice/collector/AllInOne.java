package io.sluice.collector;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The embedded default config used when no {@code --config} is given. */
public final class AllInOne {
  private AllInOne() {}

  /** Returns the YAML text of the all-in-one config. */
  public static String yaml() {
    try (InputStream in = AllInOne.class.getResourceAsStream("all-in-one.yaml")) {
      if (in == null) {
        throw new IllegalStateException("all-in-one.yaml is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
