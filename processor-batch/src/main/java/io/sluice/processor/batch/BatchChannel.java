package io.sluice.processor.batch;

import io.sluice.pipeline.ConsumerException;
import io.sluice.pipeline.Traces;
import io.sluice.pipeline.go.GoTime;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.annotation.Nullable;

/**
 * The bounded channel between callers and the batcher thread, where a caller that finds it
 * full waits without blocking its thread.
 *
 * <p>This is the collector's {@code newItem} channel (spec §4.2) with Go's blocked senders made
 * explicit: a caller that finds no free slot is parked in a FIFO with a promise. Each time the
 * batcher takes a batch out, the oldest parked caller moves into the freed slot and its future
 * completes; while anyone is parked no newcomer gets a slot, so nobody overtakes. A parked
 * caller still waiting after {@code max_wait} is removed and refused; its data is not taken.
 * The channel lock decides the race between that bound and a hand-off: whichever removes the
 * caller from the FIFO wins, so exactly one happens.
 *
 * <p>The batcher also learns of flush ticks and shutdown here, so it waits on one condition.
 */
final class BatchChannel {
  /** Why the batcher woke up. */
  enum EventKind {
    ITEM,
    TICK,
    SHUTDOWN
  }

  /** What the batcher has to do next; {@code traces} is set for {@link EventKind#ITEM}. */
  record Event(EventKind kind, @Nullable Traces traces) {}

  private static final Event TICK = new Event(EventKind.TICK, null);
  private static final Event SHUTDOWN = new Event(EventKind.SHUTDOWN, null);

  /** How long a refused caller is asked to wait before it retries. */
  static final Duration RETRY_AFTER = Duration.ofSeconds(1);

  private final String processorId;
  private final int capacity;
  private final Duration maxWait;
  private final TickScheduler scheduler;
  private final BatchMetrics metrics;
  private final AtomicLong heldSpans;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  // Guarded by lock.
  private final ArrayDeque<Traces> slots;
  private final LinkedHashSet<Waiter> waiters = new LinkedHashSet<>();
  private final List<Traces> acceptedAtClose = new ArrayList<>();
  private boolean closed;
  private boolean tickPending;
  private long tickGeneration;
  private boolean batcherIdle;
  // Written under lock, read by the gauges without it.
  private volatile int occupancy;
  private volatile int waiting;

  BatchChannel(
      String processorId,
      int capacity,
      Duration maxWait,
      TickScheduler scheduler,
      BatchMetrics metrics,
      AtomicLong heldSpans) {
    if (capacity < 1) {
      throw new IllegalArgumentException("channel capacity must be at least 1, got " + capacity);
    }
    this.processorId = processorId;
    this.capacity = capacity;
    this.maxWait = maxWait;
    this.scheduler = scheduler;
    this.metrics = metrics;
    this.heldSpans = heldSpans;
    this.slots = new ArrayDeque<>(capacity);
  }

  /**
   * Puts a non-empty batch in a free slot, or parks the caller until one frees.
   *
   * <p>Never blocks. The future completes at once when a slot is free; later, on the caller's
   * Vert.x context, when the caller was parked; or fails with a retryable
   * {@link ConsumerException} after {@code max_wait}, or at once once the channel is closed.
   */
  Future<Void> offer(Traces traces) {
    Waiter parked = null;
    boolean closedNow;
    boolean slotFree = false;
    lock.lock();
    try {
      closedNow = closed;
      if (!closedNow) {
        slotFree = waiters.isEmpty() && slots.size() < capacity;
        if (slotFree) {
          putInSlot(traces);
        } else if (!maxWait.isZero()) {
          parked = park(traces);
        }
      }
    } finally {
      lock.unlock();
    }
    if (closedNow) {
      return Future.failedFuture(shuttingDown());
    }
    if (parked != null) {
      return parked.promise.future();
    }
    metrics.waited(0);
    return slotFree ? Future.succeededFuture() : refuseAtOnce(traces);
  }

  /**
   * Waits for the batcher's next event: shutdown first, then a flush tick, then the oldest
   * batch. Taking a batch moves the oldest parked caller into the freed slot.
   */
  Event awaitEvent() throws InterruptedException {
    Waiter movedIn = null;
    Event event;
    lock.lock();
    try {
      while (true) {
        if (closed) {
          event = SHUTDOWN;
          break;
        }
        if (tickPending) {
          tickPending = false;
          event = TICK;
          break;
        }
        Traces next = slots.pollFirst();
        if (next != null) {
          movedIn = moveOldestWaiterIn();
          occupancy = slots.size();
          event = new Event(EventKind.ITEM, next);
          break;
        }
        awaitChange();
      }
    } finally {
      lock.unlock();
    }
    if (movedIn != null) {
      settleAccepted(movedIn);
    }
    return event;
  }

  /** Starts a new tick generation: ticks of earlier generations, pending or not, are void. */
  long newTickGeneration() {
    lock.lock();
    try {
      tickPending = false;
      return ++tickGeneration;
    } finally {
      lock.unlock();
    }
  }

  /** Wakes the batcher for a flush tick, unless {@code generation} was voided since. */
  void tick(long generation) {
    lock.lock();
    try {
      if (!closed && generation == tickGeneration) {
        tickPending = true;
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Refuses all new batches from now on and takes the data of every parked caller, which had
   * not been refused: their futures complete now, and the batcher will drain it.
   */
  void close() {
    List<Waiter> taken;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      taken = new ArrayList<>(waiters);
      waiters.clear();
      waiting = 0;
      for (Waiter w : taken) {
        acceptedAtClose.add(w.traces);
        heldSpans.addAndGet(w.traces.spanCount());
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    for (Waiter w : taken) {
      settleAccepted(w);
    }
  }

  /** Removes and returns, in arrival order, every batch in the channel or taken at close. */
  List<Traces> drain() {
    lock.lock();
    try {
      List<Traces> all = new ArrayList<>(slots);
      all.addAll(acceptedAtClose);
      slots.clear();
      acceptedAtClose.clear();
      occupancy = 0;
      return all;
    } finally {
      lock.unlock();
    }
  }

  /** Returns the number of batches in the slots. */
  int occupancy() {
    return occupancy;
  }

  /** Returns the number of slots. */
  int capacity() {
    return capacity;
  }

  /** Returns the number of parked callers. */
  int waitingCallers() {
    return waiting;
  }

  /** Returns true when the batcher is waiting and nothing is waiting for it: for tests. */
  boolean isQuiet() {
    lock.lock();
    try {
      return batcherIdle && slots.isEmpty() && !tickPending && !closed;
    } finally {
      lock.unlock();
    }
  }

  private void awaitChange() throws InterruptedException {
    batcherIdle = true;
    try {
      changed.await();
    } finally {
      batcherIdle = false;
    }
  }

  private void putInSlot(Traces traces) {
    heldSpans.addAndGet(traces.spanCount());
    slots.addLast(traces);
    occupancy = slots.size();
    changed.signalAll();
  }

  private Future<Void> refuseAtOnce(Traces traces) {
    metrics.waitTimedOut(traces.spanCount());
    return Future.failedFuture(channelFull());
  }

  private Waiter park(Traces traces) {
    Waiter w = new Waiter(traces, Vertx.currentContext(), scheduler.nanoTime());
    waiters.add(w);
    waiting = waiters.size();
    // Scheduled under the lock so that a hand-off always finds the bound to cancel.
    w.bound = scheduler.schedule(maxWait, () -> expire(w));
    return w;
  }

  @Nullable
  private Waiter moveOldestWaiterIn() {
    if (waiters.isEmpty()) {
      return null;
    }
    Waiter oldest = waiters.iterator().next();
    waiters.remove(oldest);
    waiting = waiters.size();
    putInSlot(oldest.traces);
    return oldest;
  }

  private void expire(Waiter w) {
    lock.lock();
    try {
      if (!waiters.remove(w)) {
        return;
      }
      waiting = waiters.size();
    } finally {
      lock.unlock();
    }
    metrics.waited(scheduler.nanoTime() - w.parkedAtNanos);
    metrics.waitTimedOut(w.traces.spanCount());
    settle(w, channelFull());
  }

  private void settleAccepted(Waiter w) {
    w.bound.cancel();
    metrics.waited(scheduler.nanoTime() - w.parkedAtNanos);
    settle(w, null);
  }

  private ConsumerException channelFull() {
    return ConsumerException.retryable(
        "batch channel full for " + GoTime.duration(maxWait) + " (processor " + processorId
            + ", max_wait): the data was not taken; retry after "
            + GoTime.duration(RETRY_AFTER),
        RETRY_AFTER);
  }

  private ConsumerException shuttingDown() {
    return ConsumerException.retryable(
        "batch processor " + processorId + " is shutting down: the data was not taken",
        RETRY_AFTER);
  }

  // A parked caller hears back on its own context, as if the call had just returned there.
  private static void settle(Waiter w, @Nullable Throwable error) {
    if (w.context == null) {
      complete(w.promise, error);
    } else {
      w.context.runOnContext(v -> complete(w.promise, error));
    }
  }

  private static void complete(Promise<Void> promise, @Nullable Throwable error) {
    if (error == null) {
      promise.tryComplete();
    } else {
      promise.tryFail(error);
    }
  }

  /** A parked caller; equality is identity, so the FIFO can remove exactly this one. */
  private static final class Waiter {
    final Traces traces;
    @Nullable final Context context;
    final long parkedAtNanos;
    final Promise<Void> promise = Promise.promise();
    // Set under the channel lock before any other thread can see the waiter.
    TickScheduler.Cancellable bound;

    Waiter(Traces traces, @Nullable Context context, long parkedAtNanos) {
      this.traces = traces;
      this.context = context;
      this.parkedAtNanos = parkedAtNanos;
    }
  }
}
