package io.sluice.processor.batch;

import io.sluice.pipeline.Traces;
import io.sluice.pipeline.TracesConsumer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;

/**
 * A next stage that records every batch it is given and answers at once, or stalls until the
 * test releases it, or fails.
 */
final class RecordingConsumer implements TracesConsumer {
  // Guarded by this.
  private final List<Traces> received = new ArrayList<>();
  private final ArrayDeque<Promise<Void>> unanswered = new ArrayDeque<>();
  private boolean stalled;
  @Nullable private RuntimeException failure;

  @Override
  public synchronized Future<Void> consume(Traces traces) {
    received.add(traces);
    if (failure != null) {
      return Future.failedFuture(failure);
    }
    if (!stalled) {
      return Future.succeededFuture();
    }
    Promise<Void> promise = Promise.promise();
    unanswered.add(promise);
    return promise.future();
  }

  /** Makes later batches wait until {@link #releaseOne()} or {@link #unstall()}. */
  synchronized void stall() {
    stalled = true;
  }

  /** Answers every waiting batch and every later one at once. */
  void unstall() {
    List<Promise<Void>> toRelease;
    synchronized (this) {
      stalled = false;
      toRelease = new ArrayList<>(unanswered);
      unanswered.clear();
    }
    toRelease.forEach(Promise::complete);
  }

  /** Answers the oldest waiting batch with success. */
  void releaseOne() {
    Promise<Void> oldest;
    synchronized (this) {
      oldest = unanswered.poll();
    }
    oldest.complete();
  }

  /** Makes later batches fail with {@code error}. */
  synchronized void failWith(RuntimeException error) {
    failure = error;
  }

  /** Returns the batches received so far. */
  synchronized List<Traces> received() {
    return List.copyOf(received);
  }

  /** Returns the number of batches received so far. */
  synchronized int batchCount() {
    return received.size();
  }

  /** Returns the span names of every batch, one list per batch. */
  synchronized List<List<String>> batchNames() {
    return received.stream().map(TestTraces::names).toList();
  }
}
