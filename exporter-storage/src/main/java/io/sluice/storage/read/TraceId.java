package io.sluice.storage.read;

import io.sluice.storage.model.Ids;

/**
 * A 128-bit trace id.
 *
 * @param high the first 8 bytes, big-endian
 * @param low the last 8 bytes, big-endian
 */
public record TraceId(long high, long low) {
  /**
   * Parses 1 to 32 hex digits (either case), the forms Jaeger accepts: 32 digits, 16 digits when
   * the high half is zero, and the legacy form without leading zeros.
   *
   * @throws IllegalArgumentException naming the text when it is empty, too long or not hex
   */
  public static TraceId parse(String text) {
    if (text.isEmpty() || text.length() > 32) {
      throw new IllegalArgumentException("TraceID cannot be longer than 32 hex characters: "
          + text);
    }
    long high = 0;
    long low = 0;
    for (int i = 0; i < text.length(); i++) {
      int digit = Character.digit(text.charAt(i), 16);
      if (digit < 0) {
        throw new IllegalArgumentException("cannot parse TraceID from string: " + text);
      }
      high = (high << 4) | (low >>> 60);
      low = (low << 4) | digit;
    }
    return new TraceId(high, low);
  }

  /** Returns the id as Jaeger writes it: 16 hex digits when the high half is 0, else 32. */
  public String toHex() {
    return Ids.traceIdHex(high, low);
  }
}
