package io.sluice.storage.model;

/** Formats trace and span ids as Jaeger stores them. */
public final class Ids {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Ids() {}

  /**
   * Returns a trace id as zero-padded lowercase hex: 16 characters ({@code %016x} of the low
   * half) when the high half is 0, otherwise 32 characters.
   */
  public static String traceIdHex(long high, long low) {
    if (high == 0) {
      return spanIdHex(low);
    }
    char[] out = new char[32];
    fill(out, 0, high);
    fill(out, 16, low);
    return new String(out);
  }

  /** Returns a span id as 16 zero-padded lowercase hex characters. */
  public static String spanIdHex(long id) {
    char[] out = new char[16];
    fill(out, 0, id);
    return new String(out);
  }

  private static void fill(char[] out, int offset, long value) {
    for (int i = 15; i >= 0; i--) {
      out[offset + i] = HEX[(int) (value & 0xf)];
      value >>>= 4;
    }
  }
}
