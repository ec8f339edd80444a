package io.sluice.processor.batch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A {@link TickScheduler} whose time moves only when a test calls {@link #advance}. */
final class ManualScheduler implements TickScheduler {
  private record Task(long dueNanos, long order, Runnable action) {}

  // Guarded by this.
  private final List<Task> tasks = new ArrayList<>();
  private long nowNanos = 1_000_000_000L;
  private long nextOrder;

  @Override
  public synchronized long nanoTime() {
    return nowNanos;
  }

  @Override
  public synchronized Cancellable schedule(Duration delay, Runnable action) {
    Task task = new Task(nowNanos + delay.toNanos(), nextOrder++, action);
    tasks.add(task);
    return () -> {
      synchronized (this) {
        tasks.remove(task);
      }
    };
  }

  /**
   * Moves time forward by {@code step}, running every task that falls due on the way, in due
   * order, on the calling thread. Tasks run outside this monitor, as they take other locks.
   */
  void advance(Duration step) {
    long target;
    synchronized (this) {
      target = nowNanos + step.toNanos();
    }
    while (true) {
      Task next;
      synchronized (this) {
        next = tasks.stream()
            .filter(t -> t.dueNanos() <= target)
            .min(Comparator.comparingLong(Task::dueNanos).thenComparingLong(Task::order))
            .orElse(null);
        if (next == null) {
          nowNanos = target;
          return;
        }
        tasks.remove(next);
        nowNanos = Math.max(nowNanos, next.dueNanos());
      }
      next.action().run();
    }
  }

  /** Returns how many tasks are waiting to fall due. */
  synchronized int pendingTasks() {
    return tasks.size();
  }
}
