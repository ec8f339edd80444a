package io.sluice.pipeline.telemetry;

import java.util.Locale;

/** How much internal telemetry the service records: {@code service.telemetry.metrics.level}. */
public enum MetricsLevel {
  NONE,
  BASIC,
  NORMAL,
  DETAILED;

  /** Parses a level name, case-insensitively; throws naming the valid values otherwise. */
  public static MetricsLevel parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown metrics level \"" + text + "\": expected none, basic, normal or detailed");
    }
  }

  /** Returns true when metrics of {@code minimum} level are recorded at this level. */
  public boolean atLeast(MetricsLevel minimum) {
    return this != NONE && compareTo(minimum) >= 0;
  }
}
