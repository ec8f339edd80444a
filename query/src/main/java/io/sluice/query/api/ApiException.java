package io.sluice.query.api;

/**
 * A request the query API answers with an error status and message, in Jaeger's error envelope
 * (spec jaeger-storage-query.md §7.2).
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  /** Returns an error answered with {@code status} and {@code message}. */
  public ApiException(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  /** Returns a 400 whose message is the cause's. */
  static ApiException badRequest(String message) {
    return new ApiException(400, message);
  }

  /** Returns the HTTP status: 400, 404, 500 or 501. */
  public int status() {
    return status;
  }
}
