package io.sluice.pipeline;

import java.time.Duration;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * Why a consumer did not take data, and what the sender should do about it.
 *
 * <p>This is the one place where retryable and permanent failures are told apart; transports
 * map it to a protocol status (OTLP/HTTP: 503 or 429 with {@code Retry-After} for
 * retryable overload, 500 for permanent errors).
 */
public final class ConsumerException extends RuntimeException {
  /** What kind of failure this is. */
  public enum Kind {
    /** The data can never be taken; retrying the same data fails again. */
    PERMANENT,
    /** The pipeline is full or a downstream is unavailable; the same data may succeed later. */
    RETRYABLE,
    /** The process is short of memory; the sender should back off. */
    RESOURCE_EXHAUSTED
  }

  private final Kind kind;
  @Nullable private final Duration retryAfter;

  private ConsumerException(
      Kind kind, String message, @Nullable Duration retryAfter, @Nullable Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.retryAfter = retryAfter;
  }

  /** Returns a failure that retrying cannot fix. */
  public static ConsumerException permanent(String message, @Nullable Throwable cause) {
    return new ConsumerException(Kind.PERMANENT, message, null, cause);
  }

  /** Returns a failure the sender should retry after at least {@code retryAfter}. */
  public static ConsumerException retryable(String message, Duration retryAfter) {
    return new ConsumerException(Kind.RETRYABLE, message, retryAfter, null);
  }

  /** Returns a memory-pressure refusal the sender should retry after {@code retryAfter}. */
  public static ConsumerException resourceExhausted(String message, Duration retryAfter) {
    return new ConsumerException(Kind.RESOURCE_EXHAUSTED, message, retryAfter, null);
  }

  /** Returns true when {@code error} says retrying the same data cannot succeed. */
  public static boolean isPermanent(Throwable error) {
    return error instanceof ConsumerException ce && ce.kind == Kind.PERMANENT;
  }

  /** Returns the kind of failure. */
  public Kind kind() {
    return kind;
  }

  /** Returns how long the sender should wait before retrying, when this failure says. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
