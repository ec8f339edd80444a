package io.sluice.storage.es;

import io.sluice.storage.model.GoStrings;
import io.sluice.storage.model.JaegerSpan;

/**
 * Computes the deterministic {@code _id} Sluice gives span documents, where Jaeger lets
 * Elasticsearch generate one (spec/README.md: retries must be safe).
 *
 * <p>The id is {@code <traceID hex>-<spanID hex>-<8 hex digits>}, the trace id formatted as in
 * the document (16 or 32 characters) and the last part the FNV-1a 64 hash, folded to 32 bits,
 * of the start time in nanoseconds, the service name and the operation name. A retried bulk
 * item or a span the client sends twice therefore overwrites its own document instead of
 * duplicating it, while two different spans that happen to share trace and span ids (a buggy
 * or id-reusing client, or Zipkin-style shared ids) keep separate documents unless they also
 * start at the same nanosecond in the same service and operation. The id is at most 58 ASCII
 * characters, well under Elasticsearch's 512-byte limit.
 */
public final class SpanDocumentIds {
  private SpanDocumentIds() {}

  /** Returns the span document {@code _id}. */
  public static String of(JaegerSpan span) {
    long hash = ServiceIds.fnv1a64(ServiceIds.offsetBasis(), span.startTimeNanos());
    hash = ServiceIds.fnv1a64(hash, GoStrings.toGoBytes(span.process().serviceName()));
    hash = ServiceIds.fnv1a64(hash, new byte[] {0});
    hash = ServiceIds.fnv1a64(hash, GoStrings.toGoBytes(span.operationName()));
    int folded = (int) (hash ^ (hash >>> 32));
    String suffix = Integer.toHexString(folded);
    return span.traceIdHex() + "-" + span.spanIdHex() + "-" + "0".repeat(8 - suffix.length())
        + suffix;
  }
}
