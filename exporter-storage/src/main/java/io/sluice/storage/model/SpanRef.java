package io.sluice.storage.model;

import static java.util.Objects.requireNonNull;

/**
 * A reference from one span to another: its parent ({@code CHILD_OF}) or a causal link.
 *
 * @param refType how the spans relate
 * @param traceIdHigh the high 64 bits of the referenced trace id
 * @param traceIdLow the low 64 bits of the referenced trace id
 * @param spanId the referenced span id
 */
public record SpanRef(RefType refType, long traceIdHigh, long traceIdLow, long spanId) {
  /** The kinds of reference Jaeger knows; the names are what documents carry. */
  public enum RefType {
    CHILD_OF,
    FOLLOWS_FROM
  }

  /** Checks the reference type. */
  public SpanRef {
    requireNonNull(refType, "refType");
  }

  /** Returns this reference with another type. */
  public SpanRef withRefType(RefType type) {
    return new SpanRef(type, traceIdHigh, traceIdLow, spanId);
  }
}
