package io.sluice.storage;

import io.sluice.storage.model.JaegerSpan;
import io.vertx.core.Future;
import java.util.List;

/** Writes one exporter's spans to a {@link TraceStorage} and counts them in its metrics. */
public interface TraceWriter {
  /**
   * Takes spans. With a queue, the future completes when the spans are in the queue (waiting for
   * room when the queue is full and blocking, failing with a retryable
   * {@link io.sluice.pipeline.ConsumerException} when it is full and not blocking); without a
   * queue, and for the memory backend, it completes when they are stored.
   */
  Future<Void> write(List<JaegerSpan> spans);

  /** Stops taking spans and flushes what is queued, within a bounded wait. */
  Future<Void> shutdown();
}
