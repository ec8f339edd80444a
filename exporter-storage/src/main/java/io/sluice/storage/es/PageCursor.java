package io.sluice.storage.es;

import static java.util.Objects.requireNonNull;

/**
 * Where the next page of a trace's spans starts: after this {@code (startTime, spanID)} in the
 * pages' sort order.
 *
 * @param startTimeMicros the last span's {@code startTime}
 * @param spanId the last span's {@code spanID}; {@code ""} sorts before every id
 */
public record PageCursor(long startTimeMicros, String spanId) {
  /** Checks the span id. */
  public PageCursor {
    requireNonNull(spanId, "spanId");
  }

  /** Returns the cursor before every span starting at or after {@code startTimeMicros}. */
  public static PageCursor from(long startTimeMicros) {
    return new PageCursor(startTimeMicros, "");
  }
}
