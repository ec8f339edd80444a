package io.sluice.storage.opensearch;

import io.sluice.pipeline.ConsumerException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;

/**
 * Admits batches into a queue bounded in some unit (bytes, spans or batches), in arrival order.
 *
 * <p>A batch that fits is admitted at once. One that does not either waits behind earlier
 * waiters until {@link #release} frees enough room (blocking) or is refused with a retryable
 * {@link ConsumerException} (not blocking). A batch larger than the whole capacity is admitted
 * when nothing else is held, so one oversized batch cannot deadlock the pipeline.
 *
 * <p>Callers never block: a waiting caller gets a pending future, completed on the caller's
 * Vert.x context when room frees.
 */
final class CapacityGate {
  /** How long a refused sender is told to wait before it retries. */
  static final Duration RETRY_AFTER = Duration.ofSeconds(1);

  private final long capacity;
  private final boolean blocking;

  // Guarded by this.
  private long used;
  private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
  private boolean closed;

  CapacityGate(long capacity, boolean blocking) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be positive, got " + capacity);
    }
    this.capacity = capacity;
    this.blocking = blocking;
  }

  /**
   * Reserves {@code units}; runs {@code onAdmit} once they are reserved (on the calling thread
   * when there is room now, else on the thread that frees the room) and completes the answer.
   */
  Future<Void> acquire(long units, Runnable onAdmit) {
    Waiter waiter;
    synchronized (this) {
      if (closed) {
        return Future.failedFuture(
            ConsumerException.retryable("exporter is shutting down", RETRY_AFTER));
      }
      if (waiters.isEmpty() && fits(units)) {
        used += units;
        waiter = null;
      } else if (!blocking) {
        return Future.failedFuture(
            ConsumerException.retryable("sending queue is full", RETRY_AFTER));
      } else {
        waiter = new Waiter(units, onAdmit, Promise.promise(), Vertx.currentContext());
        waiters.add(waiter);
      }
    }
    if (waiter != null) {
      return waiter.promise.future();
    }
    onAdmit.run();
    return Future.succeededFuture();
  }

  /** Frees {@code units} and admits the waiters that now fit, first come first served. */
  void release(long units) {
    if (units == 0) {
      return;
    }
    List<Waiter> admitted = new ArrayList<>();
    synchronized (this) {
      used -= units;
      while (!waiters.isEmpty() && fits(waiters.peek().units)) {
        Waiter w = waiters.poll();
        used += w.units;
        admitted.add(w);
      }
    }
    for (Waiter w : admitted) {
      w.onAdmit.run();
      w.complete(null);
    }
  }

  /** Refuses every waiter and later caller with a retryable error; used at shutdown. */
  void close() {
    List<Waiter> refused;
    synchronized (this) {
      closed = true;
      refused = new ArrayList<>(waiters);
      waiters.clear();
    }
    for (Waiter w : refused) {
      w.complete(ConsumerException.retryable("exporter is shutting down", RETRY_AFTER));
    }
  }

  /** Returns the units held now. */
  synchronized long used() {
    return used;
  }

  /** Returns the bound. */
  long capacity() {
    return capacity;
  }

  /** Returns how many callers wait for room. */
  synchronized int waiting() {
    return waiters.size();
  }

  private boolean fits(long units) {
    return used == 0 || used + units <= capacity;
  }

  private record Waiter(
      long units, Runnable onAdmit, Promise<Void> promise, @Nullable Context context) {
    void complete(@Nullable Throwable error) {
      if (context == null) {
        settle(error);
      } else {
        context.runOnContext(v -> settle(error));
      }
    }

    private void settle(@Nullable Throwable error) {
      if (error == null) {
        promise.complete();
      } else {
        promise.fail(error);
      }
    }
  }
}
