package io.sluice.storage.memory;

import static java.util.Objects.requireNonNull;

import io.sluice.storage.model.JaegerSpan;
import io.sluice.storage.read.DependencyLink;
import io.sluice.storage.read.Operation;
import io.sluice.storage.read.TraceId;
import io.sluice.storage.read.TraceQuery;
import io.sluice.storage.read.TraceReader;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.annotation.Nullable;

/**
 * Reads a {@link MemoryTraceStore}. Lookups by key answer at once; searches and dependencies
 * scan every trace under the store's lock, so they run on a thread of their own
 * ({@code sluice-memory-query}) rather than on the caller's event loop, which may also be the
 * OTLP receiver's. At most {@value #MAX_WAITING_SCANS} scans wait their turn; beyond that a
 * scan fails at once with a message saying so.
 */
public final class MemoryTraceReader implements TraceReader {
  private static final String START_AFTER_END = "start Time Minimum is above Maximum";

  /** Scans queued behind the running one, per reader. */
  static final int MAX_WAITING_SCANS = 64;

  private final MemoryTraceStore store;
  private final ThreadPoolExecutor scans = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS,
      new ArrayBlockingQueue<>(MAX_WAITING_SCANS), MemoryTraceReader::scanThread);

  /** Returns a reader of {@code store}. */
  public MemoryTraceReader(MemoryTraceStore store) {
    this.store = requireNonNull(store, "store");
    // The scan thread exists only while there is searching to do.
    scans.allowCoreThreadTimeOut(true);
  }

  @Override
  public Future<List<String>> services() {
    return Future.succeededFuture(store.services());
  }

  @Override
  public Future<List<Operation>> operations(String service, @Nullable String spanKind) {
    List<Operation> all = store.operations(service);
    if (spanKind == null || spanKind.isEmpty()) {
      return Future.succeededFuture(all);
    }
    return Future.succeededFuture(
        all.stream().filter(op -> op.spanKind().equals(spanKind)).toList());
  }

  @Override
  public Future<List<JaegerSpan>> trace(TraceId id) {
    return Future.succeededFuture(store.getTrace(id.high(), id.low()));
  }

  /**
   * Searches the store. A start window whose minimum is above its maximum fails with the
   * Elasticsearch reader's message, {@code start Time Minimum is above Maximum}, so that the
   * query API answers the same 500 whatever the backend (Jaeger's memory backend would return
   * nothing).
   */
  @Override
  public Future<List<List<JaegerSpan>>> findTraces(TraceQuery query) {
    if (query.startMinNanos() > query.startMaxNanos()) {
      return Future.failedFuture(START_AFTER_END);
    }
    return scan(() -> store.findTraces(query));
  }

  @Override
  public Future<List<DependencyLink>> dependencies(Instant end, Duration lookback) {
    long endNanos = toNanos(end);
    return scan(() -> store.dependencies(endNanos - lookback.toNanos(), endNanos));
  }

  private <T> Future<T> scan(Supplier<T> work) {
    Promise<T> promise = Promise.promise();
    try {
      scans.execute(() -> {
        try {
          promise.complete(work.get());
        } catch (RuntimeException e) {
          promise.fail(e);
        }
      });
    } catch (RejectedExecutionException e) {
      promise.fail("the memory store has " + MAX_WAITING_SCANS + " searches waiting already; "
          + "try again when they are done");
    }
    return promise.future();
  }

  private static Thread scanThread(Runnable task) {
    Thread thread = new Thread(task, "sluice-memory-query");
    thread.setDaemon(true);
    return thread;
  }

  private static long toNanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }
}
