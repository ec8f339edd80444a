package io.sluice.pipeline.go;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses numbers and booleans as Go's {@code strconv} package does, failing with Go's error text
 * ({@code strconv.ParseInt: parsing "abc": invalid syntax}): Jaeger's query API passes those
 * texts to its callers unchanged, and its storage readers refuse what Go refuses.
 */
public final class GoStrconv {
  private static final String SYNTAX = "invalid syntax";
  private static final String RANGE = "value out of range";
  private static final Pattern DECIMAL_FLOAT =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  private static final Pattern SPECIAL_FLOAT =
      Pattern.compile("(?i)[+-]?(inf|infinity)|nan");

  private GoStrconv() {}

  /**
   * Returns {@code strconv.ParseInt(text, 10, bitSize)}: an optional sign and decimal digits
   * that fit in {@code bitSize} bits.
   *
   * @throws IllegalArgumentException with Go's message when the text is empty, not decimal or
   *     out of range
   */
  public static long parseInt(String text, int bitSize) {
    String digits = text;
    boolean negative = false;
    if (!digits.isEmpty() && (digits.charAt(0) == '+' || digits.charAt(0) == '-')) {
      negative = digits.charAt(0) == '-';
      digits = digits.substring(1);
    }
    long limit = 1L << (bitSize - 1);
    long maxUnsigned = bitSize == 64 ? -1L : (1L << bitSize) - 1;
    long cutoff = Long.divideUnsigned(-1L, 10) + 1;
    long value = 0;
    if (digits.isEmpty()) {
      throw error("ParseInt", text, SYNTAX);
    }
    for (int i = 0; i < digits.length(); i++) {
      int digit = digits.charAt(i) - '0';
      if (digit < 0 || digit > 9) {
        throw error("ParseInt", text, SYNTAX);
      }
      if (Long.compareUnsigned(value, cutoff) >= 0) {
        throw error("ParseInt", text, RANGE);
      }
      long next = value * 10 + digit;
      if (Long.compareUnsigned(next, value * 10) < 0
          || Long.compareUnsigned(next, maxUnsigned) > 0) {
        throw error("ParseInt", text, RANGE);
      }
      value = next;
    }
    if (Long.compareUnsigned(value, negative ? limit : limit - 1) > 0) {
      throw error("ParseInt", text, RANGE);
    }
    return negative ? -value : value;
  }

  /**
   * Returns {@code strconv.ParseUint(text, 16, 64)} for at most 16 hex digits of either case.
   *
   * @throws IllegalArgumentException with Go's message when the text is empty or not hex
   */
  public static long parseHex(String text) {
    if (text.isEmpty() || text.length() > 16) {
      throw error("ParseUint", text, text.isEmpty() ? SYNTAX : RANGE);
    }
    long value = 0;
    for (int i = 0; i < text.length(); i++) {
      int digit = hexDigit(text.charAt(i));
      if (digit < 0) {
        throw error("ParseUint", text, SYNTAX);
      }
      value = (value << 4) | digit;
    }
    return value;
  }

  /**
   * Returns {@code strconv.ParseBool(text)}: {@code 1 t T TRUE true True} or
   * {@code 0 f F FALSE false False}.
   *
   * @throws IllegalArgumentException with Go's message for anything else
   */
  public static boolean parseBool(String text) {
    return switch (text) {
      case "1", "t", "T", "TRUE", "true", "True" -> true;
      case "0", "f", "F", "FALSE", "false", "False" -> false;
      default -> throw error("ParseBool", text, SYNTAX);
    };
  }

  /**
   * Returns {@code strconv.ParseFloat(text, 64)} for decimal notation, {@code inf},
   * {@code infinity} and {@code nan} (hexadecimal floats and digit separators are not
   * accepted).
   *
   * @throws IllegalArgumentException with Go's message when the text is not a number or its
   *     magnitude is too large for a double
   */
  public static double parseFloat(String text) {
    if (SPECIAL_FLOAT.matcher(text).matches()) {
      String lower = text.toLowerCase(Locale.ROOT);
      if (lower.equals("nan")) {
        return Double.NaN;
      }
      return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (!DECIMAL_FLOAT.matcher(text).matches()) {
      throw error("ParseFloat", text, SYNTAX);
    }
    double value = Double.parseDouble(text);
    if (Double.isInfinite(value)) {
      throw error("ParseFloat", text, RANGE);
    }
    return value;
  }

  /**
   * Returns {@code strconv.Quote(text)}: double quotes around the text, with backslash escapes
   * for quotes, backslashes and characters that are not printable.
   */
  public static String quote(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      appendQuoted(out, c);
    }
    return out.append('"').toString();
  }

  private static void appendQuoted(StringBuilder out, int c) {
    switch (c) {
      case '"' -> out.append("\\\"");
      case '\\' -> out.append("\\\\");
      case 0x07 -> out.append("\\a");
      case '\b' -> out.append("\\b");
      case '\f' -> out.append("\\f");
      case '\n' -> out.append("\\n");
      case '\r' -> out.append("\\r");
      case '\t' -> out.append("\\t");
      case 0x0b -> out.append("\\v");
      default -> appendOther(out, c);
    }
  }

  private static void appendOther(StringBuilder out, int c) {
    if (isPrintable(c)) {
      out.appendCodePoint(c);
    } else if (c < 0x80 || Character.isSurrogate((char) c)) {
      byte[] bytes = c < 0x80 ? new byte[] {(byte) c} : String.valueOf((char) c)
          .getBytes(StandardCharsets.UTF_8);
      for (byte b : bytes) {
        out.append(String.format("\\x%02x", b & 0xff));
      }
    } else if (c < 0x10000) {
      out.append(String.format("\\u%04x", c));
    } else {
      out.append(String.format("\\U%08x", c));
    }
  }

  /** Approximates Go's {@code strconv.IsPrint}: letters, marks, numbers, punctuation, symbols. */
  private static boolean isPrintable(int c) {
    if (c == ' ') {
      return true;
    }
    return switch (Character.getType(c)) {
      case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
          Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
          Character.SPACE_SEPARATOR -> false;
      default -> true;
    };
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

  private static IllegalArgumentException error(String function, String text, String reason) {
    return new IllegalArgumentException(
        "strconv." + function + ": parsing " + quote(text) + ": " + reason);
  }
}
