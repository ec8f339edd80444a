package io.sluice.storage.read;

import static java.util.Objects.requireNonNull;

/**
 * One operation of a service.
 *
 * @param name the operation (span) name
 * @param spanKind {@code server}, {@code client}, ..., or {@code ""} when not known
 */
public record Operation(String name, String spanKind) {
  /** Checks that no component is null. */
  public Operation {
    requireNonNull(name, "name");
    requireNonNull(spanKind, "spanKind");
  }
}
