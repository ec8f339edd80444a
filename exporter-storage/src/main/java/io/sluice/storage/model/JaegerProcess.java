package io.sluice.storage.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The process (OTLP resource) that emitted a span.
 *
 * @param serviceName the {@code service.name} resource attribute, after sanitizing
 * @param tags every other resource attribute, in OTLP order; empty when there is none
 */
public record JaegerProcess(String serviceName, List<KeyValue> tags) {
  /** Checks the components; the list is kept as given, so pass an unmodifiable one. */
  public JaegerProcess {
    requireNonNull(serviceName, "serviceName");
    requireNonNull(tags, "tags");
  }
}
