package io.sluice.storage.read;

import io.sluice.storage.model.JaegerProcess;
import io.sluice.storage.model.JaegerSpan;
import io.sluice.storage.model.KeyValue;
import io.sluice.storage.model.SpanLog;
import io.sluice.storage.model.SpanRef;
import java.util.List;

/** Test helpers that build and transform {@link JaegerSpan}s. */
public final class Spans {
  private Spans() {}

  /** Returns a span with no references, tags or logs. */
  public static JaegerSpan span(TraceId trace, long spanId, String service, String operation,
      long startNanos, long durationNanos) {
    return new JaegerSpan(trace.high(), trace.low(), spanId, operation, List.of(), startNanos,
        durationNanos, List.of(), List.of(), new JaegerProcess(service, List.of()));
  }

  /** Returns the span with these tags. */
  public static JaegerSpan withTags(JaegerSpan s, KeyValue... tags) {
    return new JaegerSpan(s.traceIdHigh(), s.traceIdLow(), s.spanId(), s.operationName(),
        s.references(), s.startTimeNanos(), s.durationNanos(), List.of(tags), s.logs(),
        s.process());
  }

  /** Returns the span with these process tags. */
  public static JaegerSpan withProcessTags(JaegerSpan s, KeyValue... tags) {
    return new JaegerSpan(s.traceIdHigh(), s.traceIdLow(), s.spanId(), s.operationName(),
        s.references(), s.startTimeNanos(), s.durationNanos(), s.tags(), s.logs(),
        new JaegerProcess(s.process().serviceName(), List.of(tags)));
  }

  /** Returns the span with these logs. */
  public static JaegerSpan withLogs(JaegerSpan s, SpanLog... logs) {
    return new JaegerSpan(s.traceIdHigh(), s.traceIdLow(), s.spanId(), s.operationName(),
        s.references(), s.startTimeNanos(), s.durationNanos(), s.tags(), List.of(logs),
        s.process());
  }

  /** Returns the span as a child of {@code parentSpanId} in its own trace. */
  public static JaegerSpan childOf(JaegerSpan s, long parentSpanId) {
    SpanRef parent = new SpanRef(
        SpanRef.RefType.CHILD_OF, s.traceIdHigh(), s.traceIdLow(), parentSpanId);
    return new JaegerSpan(s.traceIdHigh(), s.traceIdLow(), s.spanId(), s.operationName(),
        List.of(parent), s.startTimeNanos(), s.durationNanos(), s.tags(), s.logs(),
        s.process());
  }

  /** Returns the span and its log times moved by {@code deltaNanos}. */
  public static JaegerSpan shifted(JaegerSpan s, long deltaNanos) {
    List<SpanLog> logs = s.logs().stream()
        .map(l -> new SpanLog(l.timestampNanos() + deltaNanos, l.fields()))
        .toList();
    return new JaegerSpan(s.traceIdHigh(), s.traceIdLow(), s.spanId(), s.operationName(),
        s.references(), s.startTimeNanos() + deltaNanos, s.durationNanos(), s.tags(), logs,
        s.process());
  }

  /** Returns the span as Elasticsearch stores it: start, duration and log times in whole µs. */
  public static JaegerSpan truncatedToMicros(JaegerSpan s) {
    List<SpanLog> logs = s.logs().stream()
        .map(l -> new SpanLog(micros(l.timestampNanos()), l.fields()))
        .toList();
    return new JaegerSpan(s.traceIdHigh(), s.traceIdLow(), s.spanId(), s.operationName(),
        s.references(), micros(s.startTimeNanos()), micros(s.durationNanos()), s.tags(), logs,
        s.process());
  }

  private static long micros(long nanos) {
    return nanos / 1000 * 1000;
  }
}
