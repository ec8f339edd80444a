package io.sluice.storage.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A span in the Jaeger domain model, as Jaeger v2.1.0 builds it from OTLP.
 *
 * <p>Times stay in nanoseconds so the memory store loses nothing; the Elasticsearch document
 * writer truncates them to microseconds. There is no {@code flags} field because spans
 * translated from OTLP never carry one. Lists are kept as given: producers pass unmodifiable
 * lists and nobody mutates them afterwards.
 *
 * @param traceIdHigh the first 8 bytes of the trace id, big-endian
 * @param traceIdLow the last 8 bytes of the trace id, big-endian
 * @param spanId the span id, big-endian
 * @param operationName the span name
 * @param references the parent first (if any), then links
 * @param startTimeNanos the start, in nanoseconds since the epoch
 * @param durationNanos end minus start in nanoseconds; negative when the sender said so
 * @param tags scope, attributes, kind, status and trace state tags in Jaeger's order
 * @param logs the span events
 * @param process the emitting process
 */
public record JaegerSpan(
    long traceIdHigh,
    long traceIdLow,
    long spanId,
    String operationName,
    List<SpanRef> references,
    long startTimeNanos,
    long durationNanos,
    List<KeyValue> tags,
    List<SpanLog> logs,
    JaegerProcess process) {
  /** Checks that no component is null. */
  public JaegerSpan {
    requireNonNull(operationName, "operationName");
    requireNonNull(references, "references");
    requireNonNull(tags, "tags");
    requireNonNull(logs, "logs");
    requireNonNull(process, "process");
  }

  /** Returns the trace id as lowercase hex: 16 characters when the high half is 0, else 32. */
  public String traceIdHex() {
    return Ids.traceIdHex(traceIdHigh, traceIdLow);
  }

  /** Returns the span id as 16 lowercase hex characters. */
  public String spanIdHex() {
    return Ids.spanIdHex(spanId);
  }
}
