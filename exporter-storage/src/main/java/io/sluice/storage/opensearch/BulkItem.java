package io.sluice.storage.opensearch;

import javax.annotation.Nullable;

/**
 * One bulk action, rendered once into its NDJSON lines (the action line and the source line, each
 * ending in a newline), with what the writer needs to settle it.
 *
 * <p>Only the worker that holds the item touches {@link #attempts}.
 */
final class BulkItem {
  final byte[] ndjson;
  final boolean span;
  /** The service-cache key of a service document; null for a span document. */
  @Nullable final String serviceKey;
  /** The index and {@code _id}, for log lines. */
  final String target;
  final long enqueuedNanos;
  PendingBatch batch;
  long weight;
  int attempts;

  BulkItem(byte[] ndjson, boolean span, @Nullable String serviceKey, String target) {
    this.ndjson = ndjson;
    this.span = span;
    this.serviceKey = serviceKey;
    this.target = target;
    this.enqueuedNanos = System.nanoTime();
  }
}
