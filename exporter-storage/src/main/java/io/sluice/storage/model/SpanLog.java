package io.sluice.storage.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A span log (an OTLP event): a timestamp and its fields.
 *
 * @param timestampNanos the event time in nanoseconds since the epoch
 * @param fields the fields in order; empty when the event had no name and no attributes
 */
public record SpanLog(long timestampNanos, List<KeyValue> fields) {
  /** Checks the fields; the list is kept as given, so pass an unmodifiable one. */
  public SpanLog {
    requireNonNull(fields, "fields");
  }
}
