package io.sluice.storage.read;

import static java.util.Objects.requireNonNull;

import io.sluice.storage.model.JaegerSpan;
import io.sluice.storage.model.KeyValue;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * A trace search ({@code GET /api/traces}): a trace matches when one of its spans meets every
 * condition at once.
 *
 * <p>Tag values are compared as text: the memory backend wants them equal to the tag's value;
 * Elasticsearch and OpenSearch treat them as Lucene regular expressions, as Jaeger does. A tag
 * matches on the span's tags or its process's tags (and, on Elasticsearch, its log fields).
 *
 * @param service the process service name; required
 * @param operation the operation name, or null for any
 * @param tags tag key to value text, all required
 * @param startMinNanos the earliest span start, in ns since the epoch
 * @param startMaxNanos the latest span start, in ns since the epoch
 * @param durationMinNanos the shortest span duration; 0 for no lower bound
 * @param durationMaxNanos the longest span duration; 0 for no upper bound (Elasticsearch then
 *     uses 24 h when a lower bound is set, as Jaeger does)
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
    return new TraceQuery(service, null, Map.of(), Long.MIN_VALUE, Long.MAX_VALUE, 0, 0, 100);
  }

  /** Returns true when {@code span} meets every condition. */
  public boolean matches(JaegerSpan span) {
    return span.process().serviceName().equals(service)
        && (operation == null || span.operationName().equals(operation))
        && span.startTimeNanos() >= startMinNanos
        && span.startTimeNanos() <= startMaxNanos
        && (durationMinNanos == 0 || span.durationNanos() >= durationMinNanos)
        && (durationMaxNanos == 0 || span.durationNanos() <= durationMaxNanos)
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
