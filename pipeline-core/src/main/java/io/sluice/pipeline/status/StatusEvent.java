package io.sluice.pipeline.status;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * One status report of a component, or the aggregate of several.
 *
 * @param status the reported status
 * @param error why, for the error statuses; null otherwise
 * @param timestamp when it was reported (for an aggregate, see {@link StatusRegistry})
 */
public record StatusEvent(ComponentStatus status, @Nullable Throwable error, Instant timestamp) {
  /** Checks the parts. */
  public StatusEvent {
    requireNonNull(status, "status");
    requireNonNull(timestamp, "timestamp");
  }

  /**
   * Returns the error's text as health endpoints print it: the exception message, or its class
   * name when it has none; empty without an error.
   */
  public Optional<String> errorMessage() {
    if (error == null) {
      return Optional.empty();
    }
    String message = error.getMessage();
    return Optional.of(message != null ? message : error.getClass().getName());
  }
}
