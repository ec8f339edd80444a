package io.sluice.pipeline.telemetry;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats sample values the way Prometheus' Go client writes them: {@code strconv.FormatFloat(f,
 * 'g', -1, 64)}, i.e. the shortest decimal that reads back as the same double, in exponent form
 * when the exponent is below -4 or at least 6 ({@code 42}, {@code 1.5}, {@code 1e+06},
 * {@code 4.6800896e+07}, {@code 1e-05}), with {@code +Inf}, {@code -Inf} and {@code NaN}.
 */
final class GoFloat {
  private static final double PLAIN_INTEGER_LIMIT = 1e6;
  private static final int MAX_DIGITS = 17;

  private GoFloat() {}

  /** Returns {@code value} as client_golang prints it. */
  static String format(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    if (value == 0) {
      return "0";
    }
    if (value == Math.rint(value) && Math.abs(value) < PLAIN_INTEGER_LIMIT) {
      return Long.toString((long) value);
    }
    return formatShortest(value);
  }

  private static String formatShortest(double value) {
    BigDecimal shortest = shortestDigits(value).stripTrailingZeros();
    String digits = shortest.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - shortest.scale();
    String sign = value < 0 ? "-" : "";
    if (exponent < -4 || exponent >= 6) {
      return sign + scientific(digits, exponent);
    }
    return sign + plain(digits, exponent);
  }

  private static BigDecimal shortestDigits(double value) {
    BigDecimal exact = new BigDecimal(value);
    for (int precision = 1; precision < MAX_DIGITS; precision++) {
      BigDecimal rounded = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
      if (rounded.doubleValue() == value) {
        return rounded;
      }
    }
    return exact.round(new MathContext(MAX_DIGITS, RoundingMode.HALF_EVEN));
  }

  private static String scientific(String digits, int exponent) {
    StringBuilder out = new StringBuilder().append(digits.charAt(0));
    if (digits.length() > 1) {
      out.append('.').append(digits, 1, digits.length());
    }
    out.append('e').append(exponent < 0 ? '-' : '+');
    int magnitude = Math.abs(exponent);
    if (magnitude < 10) {
      out.append('0');
    }
    return out.append(magnitude).toString();
  }

  private static String plain(String digits, int exponent) {
    if (exponent < 0) {
      return "0." + "0".repeat(-exponent - 1) + digits;
    }
    if (digits.length() <= exponent + 1) {
      return digits + "0".repeat(exponent + 1 - digits.length());
    }
    return digits.substring(0, exponent + 1) + "." + digits.substring(exponent + 1);
  }
}
