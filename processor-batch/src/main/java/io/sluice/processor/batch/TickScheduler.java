package io.sluice.processor.batch;

import java.time.Duration;

/**
 * The batch processor's clock: tells the time and runs tasks after a delay.
 *
 * <p>The flush tick, the callers' wait bound and the shutdown bound all go through it, so tests
 * drive time by hand instead of sleeping. Tasks must be short and must not block: they only
 * post an event or settle a future.
 */
public interface TickScheduler {
  /** A scheduled task that can still be called off. */
  interface Cancellable {
    /** Calls the task off; does nothing if it already ran. The task may still run once. */
    void cancel();
  }

  /** Returns a monotonic time in nanoseconds, as {@link System#nanoTime()}. */
  long nanoTime();

  /** Runs {@code task} once after {@code delay}, on a thread of the scheduler's choosing. */
  Cancellable schedule(Duration delay, Runnable task);

  /** Stops the scheduler's threads, if it has any; pending tasks never run. */
  default void close() {}

  /** Returns a scheduler backed by one daemon thread with the given name. */
  static TickScheduler system(String threadName) {
    return new SystemTickScheduler(threadName);
  }
}
