package io.sluice.bench.seed;

import java.util.List;

/** Reads a collector's Prometheus text exposition: sums of one metric, and the span lines. */
final class PrometheusText {
  private PrometheusText() {}

  /**
   * Returns the sum of every sample of {@code name} (with or without the {@code _total} suffix
   * that newer OpenTelemetry Prometheus exporters add to counters), or -1 when there is none.
   */
  static double sum(String text, String name) {
    double total = 0;
    boolean found = false;
    for (String line : text.split("\n")) {
      if (isSampleOf(line, name) || isSampleOf(line, name + "_total")) {
        total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        found = true;
      }
    }
    return found ? total : -1;
  }

  /** Returns the samples of every metric whose name ends in {@code _spans} (or _spans_total). */
  static List<String> spanLines(String text) {
    return text.lines()
        .filter(line -> line.contains("_spans{") || line.contains("_spans_total{"))
        .filter(line -> !line.startsWith("#"))
        .toList();
  }

  private static boolean isSampleOf(String line, String name) {
    return line.startsWith(name)
        && line.length() > name.length()
        && (line.charAt(name.length()) == '{' || line.charAt(name.length()) == ' ');
  }
}
