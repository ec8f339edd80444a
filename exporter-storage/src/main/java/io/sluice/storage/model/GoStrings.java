package io.sluice.storage.model;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Carries Go strings, which may hold invalid UTF-8, in Java strings without losing bytes.
 *
 * <p>Go keeps the raw bytes of a string and its JSON encoder writes each invalid byte as
 * {@code &#92;ufffd}, while a real U+FFFD passes through unescaped. To reproduce that, a byte that
 * is not part of a valid UTF-8 sequence (Go's {@code utf8.DecodeRune} rules: no overlongs, no
 * surrogates, nothing above U+10FFFF) is decoded to the lone surrogate {@code U+DC00 + byte}
 * (only U+DC80..U+DCFF occur, since ASCII is always valid). Valid UTF-8 never decodes to a lone
 * surrogate, so encoders can tell the two apart: they write such a surrogate as {@code &#92;ufffd}
 * in JSON and as the original byte when hashing.
 */
public final class GoStrings {
  private static final int ESCAPE_BASE = 0xDC00;

  private GoStrings() {}

  /** Returns the bytes decoded as UTF-8, each invalid byte kept as an escape surrogate. */
  public static String decodeUtf8(byte[] bytes) {
    StringBuilder out = new StringBuilder(bytes.length);
    int i = 0;
    while (i < bytes.length) {
      int width = validSequenceWidth(bytes, i);
      if (width == 0) {
        out.append((char) (ESCAPE_BASE + (bytes[i] & 0xff)));
        i++;
      } else {
        out.append(new String(bytes, i, width, StandardCharsets.UTF_8));
        i += width;
      }
    }
    return out.toString();
  }

  /** Returns true when {@code c} stands for one raw byte of invalid UTF-8. */
  public static boolean isEscapedByte(char c) {
    return c >= 0xDC80 && c <= 0xDCFF;
  }

  /**
   * Returns the bytes Go would hold for this string: UTF-8, with escape surrogates turned back
   * into their raw byte and any other lone surrogate into U+FFFD.
   */
  public static byte[] toGoBytes(String s) {
    if (!hasLoneSurrogate(s)) {
      return s.getBytes(StandardCharsets.UTF_8);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (isEscapedByte(c)) {
        out.write(c - ESCAPE_BASE);
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        out.writeBytes(s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8));
        i++;
      } else {
        out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    return out.toByteArray();
  }

  /** Returns true when the string holds a surrogate that is not half of a valid pair. */
  public static boolean hasLoneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  /** Returns the width of the valid UTF-8 sequence at {@code i}, or 0 if the byte is invalid. */
  private static int validSequenceWidth(byte[] b, int i) {
    int b0 = b[i] & 0xff;
    if (b0 < 0x80) {
      return 1;
    }
    if (b0 >= 0xC2 && b0 <= 0xDF) {
      return continuation(b, i + 1, 0x80, 0xBF) ? 2 : 0;
    }
    if (b0 >= 0xE0 && b0 <= 0xEF) {
      int lo = b0 == 0xE0 ? 0xA0 : 0x80;
      int hi = b0 == 0xED ? 0x9F : 0xBF;
      return continuation(b, i + 1, lo, hi) && continuation(b, i + 2, 0x80, 0xBF) ? 3 : 0;
    }
    if (b0 >= 0xF0 && b0 <= 0xF4) {
      int lo = b0 == 0xF0 ? 0x90 : 0x80;
      int hi = b0 == 0xF4 ? 0x8F : 0xBF;
      boolean valid = continuation(b, i + 1, lo, hi)
          && continuation(b, i + 2, 0x80, 0xBF)
          && continuation(b, i + 3, 0x80, 0xBF);
      return valid ? 4 : 0;
    }
    return 0;
  }

  private static boolean continuation(byte[] b, int i, int lo, int hi) {
    if (i >= b.length) {
      return false;
    }
    int v = b[i] & 0xff;
    return v >= lo && v <= hi;
  }
}
