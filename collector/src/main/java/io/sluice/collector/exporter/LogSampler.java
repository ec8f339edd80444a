package io.sluice.collector.exporter;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Decides which log lines the {@code debug} exporter writes, as the collector's zap sampler does:
 * within each one-second window, the first {@code initial} lines of one message are written,
 * then one in every {@code thereafter}; a {@code thereafter} of 0 writes no more in that window.
 *
 * <p>Thread-safe: exporters are called from several event loops.
 */
final class LogSampler {
  private static final long WINDOW_NANOS = 1_000_000_000L;

  private final int initial;
  private final int thereafter;
  private final LongSupplier nanoClock;

  // Guarded by this.
  private final Map<String, Window> windows = new HashMap<>();

  LogSampler(int initial, int thereafter, LongSupplier nanoClock) {
    this.initial = initial;
    this.thereafter = thereafter;
    this.nanoClock = nanoClock;
  }

  /** Returns true when the line with message {@code key} is to be written now. */
  synchronized boolean allow(String key) {
    long now = nanoClock.getAsLong();
    Window w = windows.get(key);
    if (w == null || now - w.startNanos >= WINDOW_NANOS) {
      if (windows.size() > 1024) {
        // Bodies are keys too; forget old windows so the map cannot grow without bound.
        windows.clear();
      }
      w = new Window(now);
      windows.put(key, w);
    }
    long n = ++w.count;
    if (n <= initial) {
      return true;
    }
    return thereafter > 0 && (n - initial) % thereafter == 0;
  }

  /** The lines of one message seen since {@code startNanos}. */
  private static final class Window {
    private final long startNanos;
    private long count;

    Window(long startNanos) {
      this.startNanos = startNanos;
    }
  }
}
