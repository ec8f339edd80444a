package io.sluice.processor.batch;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Logs the batcher's failed sends at WARN, rate-limited: the first {@code burst} failures of
 * each interval get a line each, the rest are counted and reported in one line when the next
 * interval starts or the batcher stops.
 *
 * <p>Not thread-safe: only the batcher thread calls it.
 */
final class SenderFailureLog {
  private final Logger log;
  private final String processorId;
  private final int burst;
  private final long intervalNanos;
  private final LongSupplier nanoTime;

  // Owned by the batcher thread.
  private long windowStartNanos;
  private int loggedInWindow;
  private long suppressedFailures;
  private long suppressedSpans;
  private Throwable lastSuppressed;

  SenderFailureLog(
      Logger log, String processorId, int burst, Duration interval, LongSupplier nanoTime) {
    this.log = log;
    this.processorId = processorId;
    this.burst = burst;
    this.intervalNanos = interval.toNanos();
    this.nanoTime = nanoTime;
    this.windowStartNanos = nanoTime.getAsLong();
  }

  /** Records one failed send of {@code spans} spans. */
  void failed(Throwable error, int spans) {
    long now = nanoTime.getAsLong();
    if (now - windowStartNanos >= intervalNanos) {
      flush();
      windowStartNanos = now;
      loggedInWindow = 0;
    }
    if (loggedInWindow < burst) {
      loggedInWindow++;
      log.warn("Sender failed: processor {} could not hand {} spans to the next stage; "
          + "the exporter counts them as failed", processorId, spans, error);
      return;
    }
    suppressedFailures++;
    suppressedSpans += spans;
    lastSuppressed = error;
  }

  /** Logs the count of failures not logged yet, if any. */
  void flush() {
    if (suppressedFailures == 0) {
      return;
    }
    log.warn("Sender failed {} more times ({} spans) for processor {}; the last error follows",
        suppressedFailures, suppressedSpans, processorId, lastSuppressed);
    suppressedFailures = 0;
    suppressedSpans = 0;
    lastSuppressed = null;
  }
}
