package io.sluice.pipeline.go;

/**
 * Writes JSON strings escaped exactly as Go's {@code encoding/json} does (Go 1.22 and later).
 *
 * <p>That is {@code \"} {@code \\} {@code \b} {@code \f} {@code \n} {@code \r} {@code \t}; other
 * control characters and {@code < > &} as {@code &#92;u00XX} with lowercase hex; U+2028 and
 * U+2029 as {@code &#92;u2028} and {@code &#92;u2029}; a lone surrogate, which stands for
 * invalid UTF-8 in a Go string, as {@code &#92;ufffd}; everything else, DEL included, as is.
 * Writers that produce bytes rather than chars use {@link #escapesAscii} and
 * {@link #shortEscape} so that the rules live here once.
 */
public final class GoJson {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final boolean[] ESCAPED_ASCII = new boolean[128];

  static {
    for (int c = 0; c < 0x20; c++) {
      ESCAPED_ASCII[c] = true;
    }
    for (char c : new char[] {'"', '\\', '<', '>', '&'}) {
      ESCAPED_ASCII[c] = true;
    }
  }

  private GoJson() {}

  /** Appends {@code s} to {@code out} as a quoted JSON string escaped as Go does. */
  public static void appendString(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        appendAscii(out, c);
      } else if (c == '\u2028' || c == '\u2029') {
        appendUnicodeEscape(out, c);
      } else if (isSurrogatePair(s, i)) {
        out.append(c).append(s.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        out.append("\\ufffd");
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }

  /**
   * Returns whether Go escapes the ASCII character {@code c} (below 0x80): control characters,
   * {@code "}, {@code \}, {@code <}, {@code >} and {@code &}.
   */
  public static boolean escapesAscii(char c) {
    return ESCAPED_ASCII[c];
  }

  /**
   * Returns the letter Go writes after a backslash for {@code c} ({@code n} for a newline,
   * {@code "} for a quote), or 0 when Go writes {@code c} as a {@code &#92;uXXXX} escape.
   */
  public static char shortEscape(char c) {
    return switch (c) {
      case '"' -> '"';
      case '\\' -> '\\';
      case '\b' -> 'b';
      case '\f' -> 'f';
      case '\n' -> 'n';
      case '\r' -> 'r';
      case '\t' -> 't';
      default -> 0;
    };
  }

  /** Returns whether a valid surrogate pair starts at index {@code i} of {@code s}. */
  public static boolean isSurrogatePair(String s, int i) {
    return Character.isHighSurrogate(s.charAt(i))
        && i + 1 < s.length()
        && Character.isLowSurrogate(s.charAt(i + 1));
  }

  private static void appendAscii(StringBuilder out, char c) {
    if (!ESCAPED_ASCII[c]) {
      out.append(c);
      return;
    }
    char letter = shortEscape(c);
    if (letter == 0) {
      appendUnicodeEscape(out, c);
    } else {
      out.append('\\').append(letter);
    }
  }

  private static void appendUnicodeEscape(StringBuilder out, char c) {
    out.append("\\u")
        .append(HEX[(c >> 12) & 0xf])
        .append(HEX[(c >> 8) & 0xf])
        .append(HEX[(c >> 4) & 0xf])
        .append(HEX[c & 0xf]);
  }
}
