package io.sluice.bench;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Supplier;

/** Prints one progress line per call: the counts and the rates since the previous line. */
final class Progress {
  private final Supplier<SpanCounts> counts;
  private final PrintWriter out;
  private final long startNanos = System.nanoTime();

  // Owned by the single progress thread.
  private long lastNanos = startNanos;
  private SpanCounts last = new SpanCounts(0, 0, 0, 0, 0);

  Progress(Supplier<SpanCounts> counts, PrintWriter out) {
    this.counts = counts;
    this.out = out;
  }

  /** Prints the current counts and the ended/exported spans per second since the last tick. */
  void tick() {
    SpanCounts now = counts.get();
    long nowNanos = System.nanoTime();
    double seconds = (nowNanos - lastNanos) / 1e9;
    out.printf(Locale.ROOT,
        "%6.1fs ended %d (%.0f/s) exported %d (%.0f/s) failed %d dropped %d queued %d%n",
        (nowNanos - startNanos) / 1e9,
        now.ended(), (now.ended() - last.ended()) / seconds,
        now.exported(), (now.exported() - last.exported()) / seconds,
        now.failed(), now.dropped(), now.queued());
    out.flush();
    last = now;
    lastNanos = nowNanos;
  }
}
