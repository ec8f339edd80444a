package io.sluice.pipeline.go;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GoStrconvTest {
  @Test
  void parseIntTakesASignAndDecimalDigits() {
    assertThat(GoStrconv.parseInt("+5", 64)).isEqualTo(5);
    assertThat(GoStrconv.parseInt("-9223372036854775808", 64)).isEqualTo(Long.MIN_VALUE);
    assertThat(GoStrconv.parseInt("2147483647", 32)).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void parseIntErrorsQuoteTheInput() {
    assertError(() -> GoStrconv.parseInt("abc", 64),
        "strconv.ParseInt: parsing \"abc\": invalid syntax");
    assertError(() -> GoStrconv.parseInt("", 64), "strconv.ParseInt: parsing \"\": invalid syntax");
    assertError(() -> GoStrconv.parseInt("1_000", 64),
        "strconv.ParseInt: parsing \"1_000\": invalid syntax");
    assertError(() -> GoStrconv.parseInt("9223372036854775808", 64),
        "strconv.ParseInt: parsing \"9223372036854775808\": value out of range");
    assertError(() -> GoStrconv.parseInt("2147483648", 32),
        "strconv.ParseInt: parsing \"2147483648\": value out of range");
    assertError(() -> GoStrconv.parseInt("99999999999x", 32),
        "strconv.ParseInt: parsing \"99999999999x\": value out of range");
  }

  @Test
  void parseHexBoolAndFloat() {
    assertThat(GoStrconv.parseHex("00f067aA0ba902b7")).isEqualTo(0x00f067aa0ba902b7L);
    assertError(() -> GoStrconv.parseHex("xyz"),
        "strconv.ParseUint: parsing \"xyz\": invalid syntax");
    assertThat(GoStrconv.parseBool("T")).isTrue();
    assertThat(GoStrconv.parseBool("0")).isFalse();
    assertError(() -> GoStrconv.parseBool("yes"),
        "strconv.ParseBool: parsing \"yes\": invalid syntax");
    assertThat(GoStrconv.parseFloat("0.95")).isEqualTo(0.95);
    assertThat(GoStrconv.parseFloat("-Inf")).isEqualTo(Double.NEGATIVE_INFINITY);
    assertError(() -> GoStrconv.parseFloat("1e400"),
        "strconv.ParseFloat: parsing \"1e400\": value out of range");
    assertError(() -> GoStrconv.parseFloat("0.9d"),
        "strconv.ParseFloat: parsing \"0.9d\": invalid syntax");
  }

  @Test
  void quoteEscapesAsGo() {
    assertThat(GoStrconv.quote("a\"b\\c\n\u00e9\u0001\u00a0"))
        .isEqualTo("\"a\\\"b\\\\c\\n\u00e9\\x01\\u00a0\"");
  }

  private static void assertError(Runnable call, String message) {
    assertThatThrownBy(call::run).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }
}
