package io.sluice.collector.health;

import io.sluice.pipeline.go.GoJson;
import io.sluice.pipeline.go.GoTime;
import io.sluice.pipeline.status.AggregateStatus;
import io.sluice.pipeline.status.StatusEvent;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;
import javax.annotation.Nullable;

/**
 * Writes an aggregate status as healthcheckv2's JSON body, fields in Go's order:
 * {@code start_time} (top level only), {@code healthy}, {@code status}, {@code error} (when
 * there is one), {@code status_time}, {@code components} (when there are any, keys sorted).
 */
final class StatusJson {
  private StatusJson() {}

  /**
   * Returns the body.
   *
   * @param healthy decides each level's {@code healthy} from its event
   */
  static String write(AggregateStatus status, Instant startTime, Predicate<StatusEvent> healthy) {
    StringBuilder out = new StringBuilder(256);
    write(status, startTime, healthy, out);
    return out.toString();
  }

  private static void write(AggregateStatus status, @Nullable Instant startTime,
      Predicate<StatusEvent> healthy, StringBuilder out) {
    StatusEvent event = status.event();
    out.append('{');
    if (startTime != null) {
      out.append("\"start_time\":");
      GoJson.appendString(out, GoTime.rfc3339Nano(startTime));
      out.append(',');
    }
    out.append("\"healthy\":").append(healthy.test(event)).append(",\"status\":");
    GoJson.appendString(out, event.status().text());
    if (event.errorMessage().isPresent()) {
      out.append(",\"error\":");
      GoJson.appendString(out, event.errorMessage().get());
    }
    out.append(",\"status_time\":");
    GoJson.appendString(out, GoTime.rfc3339Nano(event.timestamp()));
    writeComponents(status.components(), healthy, out);
    out.append('}');
  }

  private static void writeComponents(Map<String, AggregateStatus> components,
      Predicate<StatusEvent> healthy, StringBuilder out) {
    if (components.isEmpty()) {
      return;
    }
    out.append(",\"components\":{");
    boolean first = true;
    for (Map.Entry<String, AggregateStatus> e : components.entrySet()) {
      out.append(first ? "" : ",");
      GoJson.appendString(out, e.getKey());
      out.append(':');
      write(e.getValue(), null, healthy, out);
      first = false;
    }
    out.append('}');
  }
}
