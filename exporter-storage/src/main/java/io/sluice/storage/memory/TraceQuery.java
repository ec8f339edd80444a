package io.sluice.storage.memory;

import static java.util.Objects.requireNonNull;

import io.sluice.storage.model.JaegerSpan;
import io.sluice.storage.model.KeyValue;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * A trace search for {@link MemoryTraceStore#findTraces}: one span of the trace must match every
 * condition.
 *
 * @param service the process service name; required
 * @param operation the operation name, or null for any
 * @param tags tag key to value text, all required on the span or its process
 * @param startMinNanos the earliest span start
 * @param startMaxNanos the latest span start
 * @param durationMinNanos the shortest duration
 * @param durationMaxNanos the longest duration
 * @param limit the most traces to return
 */
public record TraceQuery(
    String service,
    @Nullable String operation,
    Map<String, String> tags,
    long startMinNanos,
    long startMaxNanos,
    long durationMinNanos,
    long durationMaxNanos,
    int limit) {
  /** Checks and copies the components. */
  public TraceQuery {
    requireNonNull(service, "service");
    tags = Map.copyOf(tags);
  }

  /** Returns a query for a service with no other condition and a limit of 100. */
  public static TraceQuery forService(String service) {
    return new TraceQuery(
        service, null, Map.of(), Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE,
        Long.MAX_VALUE, 100);
  }

  /** Returns true when {@code span} meets every condition. */
  public boolean matches(JaegerSpan span) {
    return span.process().serviceName().equals(service)
        && (operation == null || span.operationName().equals(operation))
        && span.startTimeNanos() >= startMinNanos
        && span.startTimeNanos() <= startMaxNanos
        && span.durationNanos() >= durationMinNanos
        && span.durationNanos() <= durationMaxNanos
        && tags.entrySet().stream().allMatch(e -> hasTag(span, e.getKey(), e.getValue()));
  }

  private static boolean hasTag(JaegerSpan span, String key, String value) {
    return contains(span.tags(), key, value) || contains(span.process().tags(), key, value);
  }

  private static boolean contains(List<KeyValue> tags, String key, String value) {
    for (KeyValue tag : tags) {
      if (tag.key().equals(key) && tag.valueAsString().equals(value)) {
        return true;
      }
    }
    return false;
  }
}
