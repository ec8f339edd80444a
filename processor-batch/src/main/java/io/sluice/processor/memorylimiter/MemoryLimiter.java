package io.sluice.processor.memorylimiter;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, every {@code check_interval}, whether the pipelines behind one {@code memory_limiter}
 * id must refuse data (spec collector-runtime.md §8).
 *
 * <p>Each check reads the heap. Below the soft limit ({@code limit − spike}) data flows. At or
 * above it a GC is forced, at most once per {@code min_gc_interval_when_soft_limited} (once per
 * {@code min_gc_interval_when_hard_limited} at or above the hard limit), and the heap is read
 * again; if it is still at or above the soft limit, data is refused until a later check finds it
 * below. The checks run on one daemon thread, {@code sluice-memory-limiter-<id>}; the decision is
 * read without a lock by every caller.
 */
public final class MemoryLimiter {
  private static final Logger LOG = LoggerFactory.getLogger(MemoryLimiter.class);

  private final String id;
  private final Duration checkInterval;
  private final MemoryLimits limits;
  private final MemoryLimiterConfig config;
  private final HeapMeter heap;
  private final LongSupplier nanoClock;
  private volatile boolean mustRefuse;

  // Owned by the checking thread (or a test calling checkMemoryLimits).
  private long lastGcNanos;

  // Guarded by this.
  @Nullable private ScheduledExecutorService checker;

  /**
   * Creates a limiter for processor {@code id}; the limits come from {@code config} and the
   * heap's maximum.
   *
   * @throws IllegalStateException when {@code limit_percentage} is used and the heap has no
   *     maximum
   */
  public MemoryLimiter(
      String id, MemoryLimiterConfig config, HeapMeter heap, LongSupplier nanoClock) {
    this.id = requireNonNull(id, "id");
    this.config = requireNonNull(config, "config");
    this.heap = requireNonNull(heap, "heap");
    this.nanoClock = requireNonNull(nanoClock, "nanoClock");
    this.checkInterval = config.checkInterval();
    this.limits = MemoryLimits.of(config, heap.maxBytes());
    // As in the collector, the first forced GC is not held back by the minimum intervals.
    this.lastGcNanos = nanoClock.getAsLong()
        - Math.max(config.minGcIntervalWhenSoftLimited().toNanos(),
            config.minGcIntervalWhenHardLimited().toNanos()) - 1;
  }

  /** Returns true while data must be refused. */
  public boolean mustRefuse() {
    return mustRefuse;
  }

  /** Returns the time between two checks. */
  public Duration checkInterval() {
    return checkInterval;
  }

  /** Returns the limits in force. */
  public MemoryLimits limits() {
    return limits;
  }

  /** Starts the periodic checks, once; later calls do nothing. */
  public synchronized void start() {
    if (checker != null) {
      return;
    }
    checker = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "sluice-memory-limiter-" + id);
      thread.setDaemon(true);
      return thread;
    });
    long periodNanos = checkInterval.toNanos();
    checker.scheduleAtFixedRate(this::checkSafely, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
    LOG.info("processor {}: checking the heap every {}, hard limit {} MiB, soft limit {} MiB", id,
        checkInterval, MemoryLimits.mib(limits.hardBytes()), MemoryLimits.mib(limits.softBytes()));
  }

  /** Stops the periodic checks; data is accepted again afterwards. */
  public synchronized void stop() {
    if (checker != null) {
      checker.shutdownNow();
      checker = null;
    }
    mustRefuse = false;
  }

  /** Reads the heap once and updates the decision; the periodic task calls it. */
  public void checkMemoryLimits() {
    long used = heap.usedBytes();
    if (used < limits.softBytes()) {
      resume(used);
      return;
    }
    boolean hard = used >= limits.hardBytes();
    Duration minGcInterval = hard
        ? config.minGcIntervalWhenHardLimited()
        : config.minGcIntervalWhenSoftLimited();
    if (nanoClock.getAsLong() - lastGcNanos >= minGcInterval.toNanos()) {
      used = forceGc(used, hard);
    }
    if (used < limits.softBytes()) {
      resume(used);
    } else {
      refuse(used);
    }
  }

  private long forceGc(long usedBefore, boolean hard) {
    LOG.info("processor {}: heap {} MiB is above the {} limit of {} MiB; forcing a GC", id,
        MemoryLimits.mib(usedBefore), hard ? "hard" : "soft",
        MemoryLimits.mib(hard ? limits.hardBytes() : limits.softBytes()));
    heap.forceGc();
    lastGcNanos = nanoClock.getAsLong();
    return heap.usedBytes();
  }

  private void resume(long used) {
    if (mustRefuse) {
      LOG.info("processor {}: heap {} MiB is below the soft limit of {} MiB again; accepting "
          + "data", id, MemoryLimits.mib(used), MemoryLimits.mib(limits.softBytes()));
    }
    mustRefuse = false;
  }

  private void refuse(long used) {
    if (!mustRefuse) {
      LOG.warn("processor {}: heap {} MiB after GC is at or above the soft limit of {} MiB "
          + "(limit {} MiB minus spike {} MiB); refusing data", id, MemoryLimits.mib(used),
          MemoryLimits.mib(limits.softBytes()), MemoryLimits.mib(limits.hardBytes()),
          MemoryLimits.mib(limits.spikeBytes()));
    }
    mustRefuse = true;
  }

  // An exception would cancel the periodic task and freeze the decision; log it and go on.
  private void checkSafely() {
    try {
      checkMemoryLimits();
    } catch (RuntimeException e) {
      LOG.warn("processor {}: memory check failed; keeping the last decision (refusing: {})", id,
          mustRefuse, e);
    }
  }
}
