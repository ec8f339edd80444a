package io.sluice.pipeline.status;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The status of a scope (the whole service, the extensions, one pipeline) or of one component,
 * with the statuses it was aggregated from when asked for verbosely.
 *
 * @param event the aggregate event; for a component, its latest event
 * @param components the parts by key ({@code extensions}, {@code pipeline:traces},
 *     {@code receiver:otlp}, ...), sorted by key; empty for a component or a concise view
 */
public record AggregateStatus(StatusEvent event, Map<String, AggregateStatus> components) {
  /** Checks the parts and copies the map into key order. */
  public AggregateStatus {
    requireNonNull(event, "event");
    components = Collections.unmodifiableMap(new TreeMap<>(components));
  }

  /** Returns the status of the aggregate event. */
  public ComponentStatus status() {
    return event.status();
  }
}
