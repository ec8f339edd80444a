package io.sluice.pipeline.go;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats doubles exactly as Go does, where a Jaeger document or a metrics scrape depends on it.
 *
 * <p>Java's {@code %g} pads and rounds differently, and JDK 17's {@code Double.toString} is not
 * always the shortest round-trip form, so every format here works from the exact decimal value
 * of the double through {@link BigDecimal}. Integers that need no exponent skip that work.
 */
public final class GoFloat {
  private static final int MAX_DIGITS = 17;
  private static final MathContext TEN_DIGITS = new MathContext(10, RoundingMode.HALF_EVEN);
  private static final RoundingMode[] NEIGHBOURS = {RoundingMode.UP, RoundingMode.DOWN};

  private GoFloat() {}

  /**
   * Returns {@code strconv.FormatFloat(v, 'g', -1, 64)}: the shortest decimal that reads back as
   * the same double, the closest one when several have that length, in exponent form with at
   * least two exponent digits when the decimal exponent is below -4 or at least 6 ({@code 42},
   * {@code 1.5}, {@code 1e+06}, {@code 1e-05}). NaN gives "NaN", infinities "+Inf" and "-Inf",
   * negative zero "-0".
   */
  public static String formatShortest(double v) {
    return formatG(v, Layout.SHORTEST);
  }

  /**
   * Returns a Prometheus sample value or bucket bound as client_golang's text exposition writes
   * it: {@link #formatShortest}, except that negative zero gives "0".
   */
  public static String formatSample(double v) {
    return v == 0 ? "0" : formatShortest(v);
  }

  /**
   * Returns {@code strconv.FormatFloat(v, 'g', 10, 64)}: 10 significant digits rounded half to
   * even on the exact value, trailing zeros removed, exponent form with at least two exponent
   * digits when the decimal exponent is below -4 or at least 10. NaN gives "NaN", infinities
   * "+Inf" and "-Inf", negative zero "-0".
   */
  public static String format10g(double v) {
    return formatG(v, Layout.TEN_DIGITS);
  }

  /**
   * Returns the number as Go's {@code encoding/json} writes a float64: the shortest digits that
   * read back to the same double, plain from 1e-6 up to 1e21 and in exponent form outside,
   * without exponent padding ({@code 1e-7}, {@code 1e+21}). Negative zero gives "-0".
   *
   * @throws IllegalArgumentException for NaN and infinities, which Go's encoder refuses, with
   *     Go's message ({@code json: unsupported value: NaN})
   */
  public static String formatJson(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("json: unsupported value: " + special(v));
    }
    if (v == 0) {
      return special(v);
    }
    return Layout.JSON.render(v, shortest(Math.abs(v)));
  }

  /** Writes {@code v} as Go's {@code 'g'} verb does in {@code layout}. */
  private static String formatG(double v, Layout layout) {
    String special = special(v);
    if (special != null) {
      return special;
    }
    // An integer below the exponent-form threshold has at most that many digits, all exact.
    if (v == Math.rint(v) && Math.abs(v) < layout.plainIntegerLimit) {
      return Long.toString((long) v);
    }
    double abs = Math.abs(v);
    BigDecimal digits = layout == Layout.TEN_DIGITS
        ? new BigDecimal(abs).round(TEN_DIGITS)
        : shortest(abs);
    return layout.render(v, digits);
  }

  private static String special(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == 0) {
      return 1 / v < 0 ? "-0" : "0";
    }
    return null;
  }

  /** Returns the shortest decimal that parses back to {@code abs}, the closest among equals. */
  private static BigDecimal shortest(double abs) {
    BigDecimal exact = new BigDecimal(abs);
    for (int precision = 1; precision < MAX_DIGITS; precision++) {
      BigDecimal found = roundTripping(exact, abs, precision);
      if (found != null) {
        return found;
      }
    }
    return exact.round(new MathContext(MAX_DIGITS, RoundingMode.HALF_EVEN));
  }

  private static BigDecimal roundTripping(BigDecimal exact, double abs, int precision) {
    BigDecimal nearest = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
    if (nearest.doubleValue() == abs) {
      return nearest;
    }
    // Near a power of two the round-trip interval is lopsided, so the other neighbour at this
    // precision may read back correctly when the nearest does not.
    for (RoundingMode mode : NEIGHBOURS) {
      BigDecimal other = exact.round(new MathContext(precision, mode));
      if (other.doubleValue() == abs) {
        return other;
      }
    }
    return null;
  }

  /** Where a Go format switches to exponent form, and how wide it writes the exponent. */
  private enum Layout {
    SHORTEST(-4, 6, 2),
    TEN_DIGITS(-4, 10, 2),
    JSON(-6, 21, 1);

    private final int minPlainExponent;
    private final int exponentFormFrom;
    private final int minExponentDigits;
    private final double plainIntegerLimit;

    Layout(int minPlainExponent, int exponentFormFrom, int minExponentDigits) {
      this.minPlainExponent = minPlainExponent;
      this.exponentFormFrom = exponentFormFrom;
      this.minExponentDigits = minExponentDigits;
      this.plainIntegerLimit = Math.pow(10, exponentFormFrom);
    }

    /** Writes the sign of {@code v} and the digits of {@code magnitude} in this layout. */
    String render(double v, BigDecimal magnitude) {
      BigDecimal stripped = magnitude.stripTrailingZeros();
      String digits = stripped.unscaledValue().toString();
      int exponent = digits.length() - 1 - stripped.scale();
      StringBuilder out = new StringBuilder(24);
      if (v < 0) {
        out.append('-');
      }
      if (exponent < minPlainExponent || exponent >= exponentFormFrom) {
        appendExponentForm(out, digits, exponent);
      } else {
        appendPlain(out, digits, exponent);
      }
      return out.toString();
    }

    private void appendExponentForm(StringBuilder out, String digits, int exponent) {
      out.append(digits.charAt(0));
      if (digits.length() > 1) {
        out.append('.').append(digits, 1, digits.length());
      }
      out.append('e').append(exponent < 0 ? '-' : '+');
      String magnitude = Integer.toString(Math.abs(exponent));
      out.append("0".repeat(Math.max(0, minExponentDigits - magnitude.length())));
      out.append(magnitude);
    }

    private static void appendPlain(StringBuilder out, String digits, int exponent) {
      int pointAt = exponent + 1;
      if (pointAt <= 0) {
        out.append("0.").append("0".repeat(-pointAt)).append(digits);
      } else if (pointAt >= digits.length()) {
        out.append(digits).append("0".repeat(pointAt - digits.length()));
      } else {
        out.append(digits, 0, pointAt).append('.').append(digits, pointAt, digits.length());
      }
    }
  }
}
