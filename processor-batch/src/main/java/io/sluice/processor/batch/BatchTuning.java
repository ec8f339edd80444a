package io.sluice.processor.batch;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import javax.annotation.Nullable;

/**
 * Settings of a batch processor that are not in the config file: the channel size, the
 * shutdown bound and the clock.
 *
 * @param channelCapacity batches the channel holds before callers wait; default
 *     {@code Runtime.availableProcessors()}, as the collector's {@code runtime.NumCPU()}
 * @param shutdownTimeout how long shutdown waits for the last sends before it gives up and
 *     reports what was left; default 30s
 * @param scheduler the clock and timer; null (the default) means a system scheduler with its
 *     own daemon thread, owned and closed by the processor
 */
public record BatchTuning(
    int channelCapacity, Duration shutdownTimeout, @Nullable TickScheduler scheduler) {
  /** The default shutdown bound. */
  public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

  /** Checks the parts. */
  public BatchTuning {
    if (channelCapacity < 1) {
      throw new IllegalArgumentException(
          "channelCapacity must be at least 1, got " + channelCapacity);
    }
    requireNonNull(shutdownTimeout, "shutdownTimeout");
  }

  /** Returns the production settings. */
  public static BatchTuning defaults() {
    return new BatchTuning(
        Runtime.getRuntime().availableProcessors(), DEFAULT_SHUTDOWN_TIMEOUT, null);
  }

  /** Returns these settings with another channel capacity. */
  public BatchTuning withChannelCapacity(int capacity) {
    return new BatchTuning(capacity, shutdownTimeout, scheduler);
  }

  /** Returns these settings with another shutdown bound. */
  public BatchTuning withShutdownTimeout(Duration timeout) {
    return new BatchTuning(channelCapacity, timeout, scheduler);
  }

  /** Returns these settings with a scheduler the caller owns and closes. */
  public BatchTuning withScheduler(TickScheduler tickScheduler) {
    return new BatchTuning(channelCapacity, shutdownTimeout, tickScheduler);
  }
}
