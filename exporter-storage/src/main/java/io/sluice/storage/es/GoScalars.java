package io.sluice.storage.es;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses tag value text as Go's {@code strconv} does when Jaeger reads a span document back
 * ({@code ParseBool}, {@code ParseInt}, {@code ParseFloat}, {@code ParseUint} base 16), so a
 * value Jaeger refuses is refused here too. Each method throws {@link NumberFormatException}
 * naming the text.
 */
final class GoScalars {
  private static final Pattern DECIMAL_FLOAT =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private GoScalars() {}

  /** Parses {@code 1, t, T, TRUE, true, True} and their false forms. */
  static boolean parseBool(String text) {
    return switch (text) {
      case "1", "t", "T", "TRUE", "true", "True" -> true;
      case "0", "f", "F", "FALSE", "false", "False" -> false;
      default -> throw new NumberFormatException("invalid bool \"" + text + "\"");
    };
  }

  /** Parses a signed decimal 64-bit integer; no spaces, no {@code _}. */
  static long parseInt(String text) {
    int digitsFrom = text.startsWith("+") || text.startsWith("-") ? 1 : 0;
    if (text.length() == digitsFrom || !allAsciiDigits(text, digitsFrom)) {
      throw new NumberFormatException("invalid int64 \"" + text + "\"");
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new NumberFormatException("int64 out of range \"" + text + "\"");
    }
  }

  /** Parses a decimal float, {@code NaN} or an infinity ({@code +Inf}, {@code -inf}, ...). */
  static double parseFloat(String text) {
    String unsigned = text.startsWith("+") || text.startsWith("-") ? text.substring(1) : text;
    String lower = unsigned.toLowerCase(Locale.ROOT);
    if (lower.equals("inf") || lower.equals("infinity")) {
      return text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (lower.equals("nan") && unsigned.length() == text.length()) {
      return Double.NaN;
    }
    if (!DECIMAL_FLOAT.matcher(text).matches()) {
      throw new NumberFormatException("invalid float64 \"" + text + "\"");
    }
    return Double.parseDouble(text);
  }

  /** Parses 1 to 16 hex digits (either case) as an unsigned 64-bit number. */
  static long parseHex64(String text) {
    if (text.isEmpty() || text.length() > 16) {
      throw new NumberFormatException("expected 1 to 16 hex digits, got \"" + text + "\"");
    }
    long value = 0;
    for (int i = 0; i < text.length(); i++) {
      int digit = hexDigit(text.charAt(i));
      if (digit < 0) {
        throw new NumberFormatException("invalid hex \"" + text + "\"");
      }
      value = (value << 4) | digit;
    }
    return value;
  }

  private static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
  }

  private static boolean allAsciiDigits(String text, int from) {
    for (int i = from; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
