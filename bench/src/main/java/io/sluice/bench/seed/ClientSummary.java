package io.sluice.bench.seed;

import java.util.HashMap;
import java.util.Map;

/**
 * What a load generator reported about its spans: the summary that {@code bench.jar} and the Go
 * twin {@code bench-go} print on stdout, as aligned {@code name value} lines.
 *
 * @param ended spans the application ended
 * @param exported spans in export requests the collector answered with success
 * @param failed spans in export requests the exporter gave up on
 * @param dropped spans the client's BatchSpanProcessor dropped because its queue was full
 * @param unaccounted spans in none of those (0 after a clean client shutdown)
 * @param durationSeconds the client's own wall time, load plus drain
 */
record ClientSummary(
    long ended, long exported, long failed, long dropped, long unaccounted,
    double durationSeconds) {

  /**
   * Parses a summary.
   *
   * @throws IllegalArgumentException naming the first line that is missing or not a number
   */
  static ClientSummary parse(String summary) {
    Map<String, String> values = new HashMap<>();
    for (String line : summary.split("\n")) {
      int gap = line.indexOf("  ");
      if (gap > 0) {
        values.put(line.substring(0, gap), line.substring(gap).trim());
      }
    }
    return new ClientSummary(count(values, "spans ended"), count(values, "spans exported"),
        count(values, "spans failed"), count(values, "spans dropped"),
        count(values, "spans unaccounted"), seconds(values, "duration"));
  }

  /** Returns the spans that never reached the collector: ended minus exported. */
  long notExported() {
    return ended - exported;
  }

  private static long count(Map<String, String> values, String name) {
    String value = value(values, name);
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "client summary: '" + name + "' is '" + value + "', expected a count", e);
    }
  }

  private static double seconds(Map<String, String> values, String name) {
    String value = value(values, name);
    if (!value.endsWith(" s")) {
      throw new IllegalArgumentException(
          "client summary: '" + name + "' is '" + value + "', expected '<seconds> s'");
    }
    return Double.parseDouble(value.substring(0, value.length() - 2));
  }

  private static String value(Map<String, String> values, String name) {
    String value = values.get(name);
    if (value == null) {
      throw new IllegalArgumentException(
          "client summary: no '" + name + "' line in the load generator's output");
    }
    return value;
  }
}
