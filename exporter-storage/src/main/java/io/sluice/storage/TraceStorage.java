package io.sluice.storage;

import io.sluice.pipeline.status.StatusReporter;
import io.sluice.storage.read.TraceReader;
import io.vertx.core.Future;

/**
 * A trace backend of the {@code jaeger_storage} extension: the connection, the templates and the
 * state shared by every exporter that writes to it.
 *
 * <p>Each exporter gets its own {@link TraceWriter}, which owns that exporter's queue and
 * accounting.
 */
public interface TraceStorage {
  /** Returns the backend type: {@code memory}, {@code elasticsearch} or {@code opensearch}. */
  String kind();

  /**
   * Starts the backend. An unreachable search engine does not fail the start: the backend logs
   * one line naming the URL and the cause, reports a recoverable error to {@code status} and
   * keeps trying in the background while writes wait.
   */
  Future<Void> start(StatusReporter status);

  /** Returns a writer for one exporter; call after {@link #start}. */
  TraceWriter createWriter(WriterOptions options);

  /** Returns the reader the query API uses; call after {@link #start}. */
  TraceReader reader();

  /** Stops the backend and releases its clients; writers are shut down before. */
  Future<Void> shutdown();
}
