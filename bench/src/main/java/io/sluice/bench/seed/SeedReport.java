package io.sluice.bench.seed;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Renders seed-table rows as Markdown: the table, Sluice ÷ Jaeger ratios per storage, and each
 * run's {@code _spans} metric lines.
 */
final class SeedReport {
  static final String SLUICE = "sluice";
  static final String JAEGER = "jaeger";

  private static final String HEADER = "| collector | storage | client | to all stored "
      + "| total spans | saved spans | dropped spans | dropped % | dropped in client "
      + "| dropped in collector | start-up CPU-s | CPU-s after ready | CPU-s / M spans "
      + "| peak RSS |\n"
      + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n";
  // Per-process labels that only make the lines long.
  private static final String NOISE_LABELS =
      "(service_instance_id|service_name|service_version)=\"[^\"]*\",?";

  private SeedReport() {}

  /** Returns the table: one row per run, in run order. */
  static String table(List<SeedRow> rows) {
    StringBuilder out = new StringBuilder(HEADER);
    for (SeedRow row : rows) {
      out.append(String.format(Locale.ROOT,
          "| %s | %s | %s | %s | %,d | %,d | %,d | %.2f %% | %,d | %,d | %.2f | %.2f | %.2f "
              + "| %,d kB |%n",
          row.collector(), row.storage(), row.client(), duration(row), row.totalSpans(),
          row.savedSpans(), row.droppedSpans(), row.droppedPercent(), row.droppedInClient(),
          row.droppedInCollector(), row.startupCpuSeconds(), row.loadCpuSeconds(),
          row.cpuSecondsPerMillionSpans(), row.peakRssKib()));
    }
    return out.toString();
  }

  /**
   * Returns, for each storage with both Sluice and Jaeger rows, the measures side by side with
   * their ratio and the goal; "" when no storage has both. With several runs of a
   * collector on a storage, each measure is the median of its runs.
   */
  static String ratios(List<SeedRow> rows) {
    StringBuilder out = new StringBuilder();
    for (String storage : rows.stream().map(SeedRow::storage).distinct().toList()) {
      List<SeedRow> sluice = select(rows, SLUICE, storage);
      List<SeedRow> jaeger = select(rows, JAEGER, storage);
      if (!sluice.isEmpty() && !jaeger.isEmpty()) {
        out.append(ratioRows(storage, sluice, jaeger));
      }
    }
    if (out.isEmpty()) {
      return "";
    }
    return "| storage | measure | Sluice | Jaeger | Sluice ÷ Jaeger | goal |\n"
        + "|---|---|---|---|---|---|\n" + out;
  }

  /** Returns each run's {@code _spans} metric samples, without the per-process labels. */
  static String spanMetricLines(List<SeedRow> rows) {
    StringBuilder out = new StringBuilder();
    for (SeedRow row : rows) {
      out.append(row.collector()).append(" / ").append(row.storage()).append(" / ")
          .append(row.client()).append('\n');
      for (String line : row.spanMetricLines()) {
        out.append("  ").append(line.replaceAll(NOISE_LABELS, "").replace(",}", "}"))
            .append('\n');
      }
    }
    return out.toString();
  }

  private static String ratioRows(String storage, List<SeedRow> sluice, List<SeedRow> jaeger) {
    String runs = sluice.size() == 1 && jaeger.size() == 1 ? ""
        : " (median of " + sluice.size() + " and " + jaeger.size() + " runs)";
    double sluiceSeconds = median(sluice, SeedRow::durationSeconds);
    double jaegerSeconds = median(jaeger, SeedRow::durationSeconds);
    double sluiceCpu = median(sluice, SeedRow::cpuSecondsPerMillionSpans);
    double jaegerCpu = median(jaeger, SeedRow::cpuSecondsPerMillionSpans);
    double sluiceRss = median(sluice, row -> row.peakRssKib());
    double jaegerRss = median(jaeger, row -> row.peakRssKib());
    return ratioRow(storage, "to all stored" + runs, seconds(sluiceSeconds),
            seconds(jaegerSeconds), ratio(sluiceSeconds, jaegerSeconds), "≤ 1")
        + ratioRow(storage, "CPU-s / M spans" + runs, number(sluiceCpu), number(jaegerCpu),
            ratio(sluiceCpu, jaegerCpu), storage.equals("memory") ? "≤ 0.5" : "—")
        + ratioRow(storage, "peak RSS" + runs, kilobytes(sluiceRss), kilobytes(jaegerRss),
            ratio(sluiceRss, jaegerRss), "≤ 1")
        + ratioRow(storage, "dropped" + runs, dropped(sluice), dropped(jaeger), "—", "Sluice 0");
  }

  private static String ratioRow(String storage, String measure, String sluice, String jaeger,
      String ratio, String goal) {
    return String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n",
        storage, measure, sluice, jaeger, ratio, goal);
  }

  private static List<SeedRow> select(List<SeedRow> rows, String collector, String storage) {
    return rows.stream()
        .filter(row -> row.collector().equals(collector) && row.storage().equals(storage))
        .toList();
  }

  private static double median(List<SeedRow> rows, ToDoubleFunction<SeedRow> measure) {
    double[] values = rows.stream().mapToDouble(measure).sorted().toArray();
    int middle = values.length / 2;
    return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
  }

  private static String duration(SeedRow row) {
    String seconds = seconds(row.durationSeconds());
    return row.settled() ? seconds : seconds + " (not settled)";
  }

  private static String seconds(double seconds) {
    return String.format(Locale.ROOT, "%.3f s", seconds);
  }

  private static String dropped(List<SeedRow> rows) {
    return String.format(Locale.ROOT, "%,.0f (%.2f %%)", median(rows, row -> row.droppedSpans()),
        median(rows, SeedRow::droppedPercent));
  }

  private static String kilobytes(double kib) {
    return String.format(Locale.ROOT, "%,.0f kB", kib);
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }

  private static String ratio(double sluice, double jaeger) {
    return jaeger == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", sluice / jaeger);
  }
}
