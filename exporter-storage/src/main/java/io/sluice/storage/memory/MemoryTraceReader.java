package io.sluice.storage.memory;

import static java.util.Objects.requireNonNull;

import io.sluice.storage.model.JaegerSpan;
import io.sluice.storage.read.DependencyLink;
import io.sluice.storage.read.Operation;
import io.sluice.storage.read.TraceId;
import io.sluice.storage.read.TraceQuery;
import io.sluice.storage.read.TraceReader;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.annotation.Nullable;

/**
 * Reads a {@link MemoryTraceStore}. Each call takes the store's lock for one scan, which is
 * bounded by {@code max_traces}; the answers are complete when the futures are made.
 */
public final class MemoryTraceReader implements TraceReader {
  private static final String START_AFTER_END = "start Time Minimum is above Maximum";

  private final MemoryTraceStore store;

  /** Returns a reader of {@code store}. */
  public MemoryTraceReader(MemoryTraceStore store) {
    this.store = requireNonNull(store, "store");
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
    return Future.succeededFuture(store.findTraces(query));
  }

  @Override
  public Future<List<DependencyLink>> dependencies(Instant end, Duration lookback) {
    long endNanos = toNanos(end);
    return Future.succeededFuture(
        store.dependencies(endNanos - lookback.toNanos(), endNanos));
  }

  private static long toNanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }
}
