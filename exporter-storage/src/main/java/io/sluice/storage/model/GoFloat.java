package io.sluice.storage.model;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats doubles exactly as Go does, where Jaeger's stored text depends on it.
 *
 * <p>Java's {@code %g} pads and rounds differently, and JDK 17's {@code Double.toString} is not
 * always the shortest round-trip form, so both formats work from the exact decimal value of the
 * double through {@link BigDecimal}. Doubles are rare in span attributes, so the cost is fine.
 */
public final class GoFloat {
  private static final MathContext TEN_DIGITS = new MathContext(10, RoundingMode.HALF_EVEN);
  private static final double TEN_DIGIT_LIMIT = 1e10;

  private GoFloat() {}

  /**
   * Returns {@code strconv.FormatFloat(v, 'g', 10, 64)}: 10 significant digits rounded half to
   * even on the exact value, trailing zeros removed, scientific notation with an exponent of at
   * least two digits when the decimal exponent is below -4 or at least 10. NaN gives "NaN",
   * infinities "+Inf" and "-Inf", negative zero "-0".
   */
  public static String format10g(double v) {
    String special = special(v);
    if (special != null) {
      return special;
    }
    if (v == Math.rint(v) && Math.abs(v) < TEN_DIGIT_LIMIT) {
      return Long.toString((long) v);
    }
    BigDecimal rounded = new BigDecimal(Math.abs(v)).round(TEN_DIGITS).stripTrailingZeros();
    String digits = rounded.unscaledValue().toString();
    int exponent = digits.length() - 1 - rounded.scale();
    StringBuilder out = new StringBuilder(24);
    if (v < 0) {
      out.append('-');
    }
    if (exponent < -4 || exponent >= 10) {
      appendScientific(out, digits, exponent, true);
    } else {
      appendPlain(out, digits, exponent);
    }
    return out.toString();
  }

  /**
   * Returns the number as Go's {@code encoding/json} writes a float64: the shortest digits
   * that read back to the same double, plain between 1e-6 and 1e21 and scientific outside
   * (exponents like {@code e-7} and {@code e+21}). Negative zero gives "-0".
   *
   * @throws IllegalArgumentException for NaN and infinities, which Go's encoder refuses
   */
  public static String formatJson(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("json: unsupported value: " + format10g(v));
    }
    if (v == 0) {
      return 1 / v < 0 ? "-0" : "0";
    }
    double abs = Math.abs(v);
    BigDecimal shortest = shortest(abs);
    String digits = shortest.unscaledValue().toString();
    int exponent = digits.length() - 1 - shortest.scale();
    StringBuilder out = new StringBuilder(24);
    if (v < 0) {
      out.append('-');
    }
    if (abs < 1e-6 || abs >= 1e21) {
      appendScientific(out, digits, exponent, false);
    } else {
      appendPlain(out, digits, exponent);
    }
    return out.toString();
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
    for (int precision = 1; precision < 17; precision++) {
      BigDecimal found = roundTripping(exact, abs, precision);
      if (found != null) {
        return found.stripTrailingZeros();
      }
    }
    return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
  }

  private static BigDecimal roundTripping(BigDecimal exact, double abs, int precision) {
    BigDecimal nearest = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
    if (nearest.doubleValue() == abs) {
      return nearest;
    }
    // Near a power of two the round-trip interval is lopsided, so the other neighbour at this
    // precision may read back correctly when the nearest does not.
    for (RoundingMode mode : new RoundingMode[] {RoundingMode.UP, RoundingMode.DOWN}) {
      BigDecimal other = exact.round(new MathContext(precision, mode));
      if (other.doubleValue() == abs) {
        return other;
      }
    }
    return null;
  }

  private static void appendScientific(
      StringBuilder out, String digits, int exponent, boolean twoDigitExponent) {
    out.append(digits.charAt(0));
    if (digits.length() > 1) {
      out.append('.').append(digits, 1, digits.length());
    }
    out.append('e').append(exponent < 0 ? '-' : '+');
    int absExponent = Math.abs(exponent);
    if (absExponent < 10 && (twoDigitExponent || exponent > 0)) {
      out.append('0');
    }
    out.append(absExponent);
  }

  private static void appendPlain(StringBuilder out, String digits, int exponent) {
    int pointAt = exponent + 1;
    if (pointAt <= 0) {
      out.append("0.");
      out.append("0".repeat(-pointAt)).append(digits);
    } else if (pointAt >= digits.length()) {
      out.append(digits).append("0".repeat(pointAt - digits.length()));
    } else {
      out.append(digits, 0, pointAt).append('.').append(digits, pointAt, digits.length());
    }
  }
}
