package io.sluice.receiver.otlp;

import static java.util.Objects.requireNonNull;

import io.sluice.pipeline.ConsumerException;
import java.time.Duration;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * The answer to an export that failed, as a gRPC status code plus what HTTP makes of it.
 *
 * <p>This is the one place where pipeline errors become protocol statuses
 * (spec/collector-runtime.md §3.6, with Sluice's overload answers): a permanent error is
 * {@code Internal} (HTTP 500), memory pressure is {@code ResourceExhausted} (HTTP 429), and
 * everything else, including an error of unknown kind, is {@code Unavailable} (HTTP 503), which
 * OTLP clients retry.
 *
 * @param code the {@code google.rpc.Code} value
 * @param message the error text sent to the client
 * @param retryAfter how long the client should wait, when the pipeline said so
 */
public record ExportStatus(int code, String message, @Nullable Duration retryAfter) {
  /** {@code google.rpc.Code.INVALID_ARGUMENT}. */
  public static final int INVALID_ARGUMENT = 3;
  /** {@code google.rpc.Code.RESOURCE_EXHAUSTED}. */
  public static final int RESOURCE_EXHAUSTED = 8;
  /** {@code google.rpc.Code.INTERNAL}. */
  public static final int INTERNAL = 13;
  /** {@code google.rpc.Code.UNAVAILABLE}. */
  public static final int UNAVAILABLE = 14;

  /** How long a client is asked to wait when the receiver has no memory for its request. */
  public static final Duration OVERLOAD_RETRY_AFTER = Duration.ofSeconds(1);

  /** What a client is told when its request ran the receiver out of heap memory. */
  static final String OUT_OF_MEMORY =
      "receiver ran out of heap memory while reading the request; retry later";

  /** Checks the parts. */
  public ExportStatus {
    requireNonNull(message, "message");
  }

  /** Returns the status for a request the receiver could not read: {@code InvalidArgument}. */
  public static ExportStatus invalidArgument(String message) {
    return new ExportStatus(INVALID_ARGUMENT, message, null);
  }

  /**
   * Returns the status for a request the receiver could not read or decode: {@code Unavailable}
   * with a retry delay of {@link #OVERLOAD_RETRY_AFTER} when the receiver had no memory for it
   * (its in-flight byte budget was spent, or the heap ran out), else {@code InvalidArgument}.
   */
  public static ExportStatus fromReadError(Throwable error) {
    if (error instanceof OutOfMemoryError) {
      return new ExportStatus(UNAVAILABLE, OUT_OF_MEMORY, OVERLOAD_RETRY_AFTER);
    }
    String message = error.getMessage() != null ? error.getMessage() : error.toString();
    if (error instanceof InflightBytesExhaustedException) {
      return new ExportStatus(UNAVAILABLE, message, OVERLOAD_RETRY_AFTER);
    }
    return invalidArgument(message);
  }

  /** Returns the status for an error the pipeline returned for an export. */
  public static ExportStatus fromPipelineError(Throwable error) {
    String message = error.getMessage() != null ? error.getMessage() : error.toString();
    if (!(error instanceof ConsumerException ce)) {
      return new ExportStatus(UNAVAILABLE, message, null);
    }
    Duration retryAfter = ce.retryAfter().orElse(null);
    return switch (ce.kind()) {
      case PERMANENT -> new ExportStatus(INTERNAL, message, null);
      case RESOURCE_EXHAUSTED -> new ExportStatus(RESOURCE_EXHAUSTED, message, retryAfter);
      case RETRYABLE -> new ExportStatus(UNAVAILABLE, message, retryAfter);
    };
  }

  /** Returns the HTTP status for this code, by the collector's table. */
  public int httpStatus() {
    return switch (code) {
      case 1, 4, 10, 11, 14, 15 -> 503;
      case RESOURCE_EXHAUSTED -> 429;
      case INVALID_ARGUMENT -> 400;
      case 16 -> 401;
      case 7 -> 403;
      case 12 -> 404;
      default -> 500;
    };
  }

  /** Returns the {@code Retry-After} header value: whole seconds rounded up, at least 1. */
  public Optional<String> retryAfterSeconds() {
    if (retryAfter == null) {
      return Optional.empty();
    }
    long millis = Math.max(0, retryAfter.toMillis());
    return Optional.of(Long.toString(Math.max(1, (millis + 999) / 1000)));
  }
}
