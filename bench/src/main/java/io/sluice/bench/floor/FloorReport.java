package io.sluice.bench.floor;

import java.io.PrintWriter;
import java.util.Locale;

/** Prints a floor run's summary, one aligned line per figure, the meaning on the right. */
final class FloorReport {
  private final PrintWriter out;

  FloorReport(PrintWriter out) {
    this.out = out;
  }

  void print(String engine, BulkFloor run, BulkLoader.Outcome outcome, long buildNanos,
      long loadNanos, long countDelta) {
    double loadSeconds = loadNanos / 1e9;
    line("engine", engine, "");
    line("documents", Long.toString(run.docs()), "span documents of the user's trace, "
        + (run.withIds() ? "with the collector's _id" : "without _id (as Jaeger)"));
    line("bulk requests", Long.toString(outcome.requests()), String.format(Locale.ROOT,
        "at most %d actions / %d bytes each, %d worker(s)", run.maxActions(), run.maxBytes(),
        run.workers()));
    line("body bytes", Long.toString(outcome.bytes()), "NDJSON sent");
    line("build", seconds(buildNanos / 1e9), "rendering, not timed");
    line("load", seconds(loadSeconds), "first request sent -> last answer");
    line("docs stored", Long.toString(outcome.stored()), "items answered 2xx");
    line("docs failed", Long.toString(outcome.failed()), outcome.failedByStatus().isEmpty()
        ? "" : "by status (0 = request failed): " + outcome.failedByStatus());
    line("docs/s", String.format(Locale.ROOT, "%.0f", outcome.stored() / loadSeconds),
        "stored / load");
    line("MB/s", String.format(Locale.ROOT, "%.1f", outcome.bytes() / loadSeconds / 1e6),
        "body bytes / load");
    line("count delta", Long.toString(countDelta), run.indexPrefix()
        + "-jaeger-span-* _count after - before (after _refresh)");
    out.flush();
  }

  private void line(String name, String value, String meaning) {
    out.println(String.format(Locale.ROOT, "%-16s %-12s %s", name, value, meaning).stripTrailing());
  }

  private static String seconds(double seconds) {
    return String.format(Locale.ROOT, "%.3f s", seconds);
  }
}
