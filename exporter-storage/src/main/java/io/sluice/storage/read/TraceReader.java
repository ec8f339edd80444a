package io.sluice.storage.read;

import io.sluice.storage.model.JaegerSpan;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import javax.annotation.Nullable;

/**
 * Reads traces back from a backend of the {@code jaeger_storage} extension, for the query API
 * (spec jaeger-storage-query.md §7.4 for Elasticsearch and OpenSearch).
 *
 * <p>Every method is asynchronous and never blocks the calling thread, so the query API may call
 * it from an event loop. A failed future carries a message fit to show the API caller (the API
 * answers 500 with it), for example {@code start Time Minimum is above Maximum}.
 */
public interface TraceReader {
  /**
   * Returns the service names. Elasticsearch and OpenSearch order them by document count
   * descending, then by name; the memory backend sorts them by name. Empty when there is none.
   */
  Future<List<String>> services();

  /**
   * Returns the operations of {@code service}; empty when there is none. On Elasticsearch and
   * OpenSearch the span kind is not stored, so every {@link Operation#spanKind()} is {@code ""}
   * and {@code spanKind} is ignored; the memory backend filters by it.
   *
   * @param spanKind {@code server}, {@code client}, ... or null or empty for any kind
   */
  Future<List<Operation>> operations(String service, @Nullable String spanKind);

  /** Returns every span of the trace (in no particular order), or an empty list if unknown. */
  Future<List<JaegerSpan>> trace(TraceId id);

  /**
   * Returns up to {@code query.limit()} whole traces that have at least one span meeting every
   * condition of {@code query}. Each trace is a list of its spans; the order of traces is
   * unspecified (Jaeger's is random).
   */
  Future<List<List<JaegerSpan>>> findTraces(TraceQuery query);

  /**
   * Returns the service dependency links recorded in {@code [end - lookback, end]}, one entry per
   * stored link (the API sums duplicates). Empty when none are stored.
   */
  Future<List<DependencyLink>> dependencies(Instant end, java.time.Duration lookback);
}
