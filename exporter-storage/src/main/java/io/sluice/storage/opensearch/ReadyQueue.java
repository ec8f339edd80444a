package io.sluice.storage.opensearch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The admitted items waiting for a bulk worker, in FIFO order, and the flush rule: a worker takes
 * up to {@code maxActions} items and {@code maxBytes} bytes as soon as that much is there, or
 * whatever is there once the oldest item has waited {@code flushInterval}.
 */
final class ReadyQueue {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();

  // Guarded by lock.
  private final ArrayDeque<BulkItem> items = new ArrayDeque<>();
  private long bytes;
  private boolean flushNow;

  /** Appends items in order and wakes the workers. */
  void addAll(Collection<BulkItem> added) {
    lock.lock();
    try {
      for (BulkItem item : added) {
        items.add(item);
        bytes += item.ndjson.length;
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Appends one item (a retry) and wakes the workers. */
  void add(BulkItem item) {
    addAll(List.of(item));
  }

  /** From now on, takes do not wait for a full request: used when flushing at shutdown. */
  void flushNow() {
    lock.lock();
    try {
      flushNow = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Takes the next request's items; returns an empty list when nothing arrived within
   * {@code pollNanos}, so that the caller can check whether to stop.
   */
  List<BulkItem> take(int maxActions, long maxBytes, long flushNanos, long pollNanos)
      throws InterruptedException {
    lock.lock();
    try {
      long remaining = pollNanos;
      while (items.isEmpty()) {
        if (remaining <= 0) {
          return List.of();
        }
        remaining = changed.awaitNanos(remaining);
      }
      awaitFullOrDue(maxActions, maxBytes, flushNanos);
      return drain(maxActions, maxBytes);
    } finally {
      lock.unlock();
    }
  }

  /** Returns how many items wait. */
  int size() {
    lock.lock();
    try {
      return items.size();
    } finally {
      lock.unlock();
    }
  }

  private void awaitFullOrDue(int maxActions, long maxBytes, long flushNanos)
      throws InterruptedException {
    while (!flushNow && items.size() < maxActions && bytes < maxBytes && !items.isEmpty()) {
      long wait = items.peek().enqueuedNanos + flushNanos - System.nanoTime();
      if (wait <= 0) {
        return;
      }
      changed.await(wait, TimeUnit.NANOSECONDS);
    }
  }

  private List<BulkItem> drain(int maxActions, long maxBytes) {
    List<BulkItem> taken = new ArrayList<>(Math.min(items.size(), maxActions));
    long takenBytes = 0;
    while (!items.isEmpty() && taken.size() < maxActions) {
      BulkItem next = items.peek();
      if (!taken.isEmpty() && takenBytes + next.ndjson.length > maxBytes) {
        break;
      }
      items.poll();
      taken.add(next);
      takenBytes += next.ndjson.length;
    }
    bytes -= takenBytes;
    return taken;
  }
}
