package io.sluice.pipeline.go;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GoDurationsTest {
  @Test
  void parsesWhatGoParses() {
    assertThat(GoDurations.parseNanos("1.5ms")).isEqualTo(1_500_000L);
    assertThat(GoDurations.parseNanos("1h30m")).isEqualTo(5_400_000_000_000L);
    assertThat(GoDurations.parseNanos(".5s")).isEqualTo(500_000_000L);
    assertThat(GoDurations.parseNanos("1.s")).isEqualTo(1_000_000_000L);
    assertThat(GoDurations.parseNanos("-200ms")).isEqualTo(-200_000_000L);
    assertThat(GoDurations.parseNanos("+0")).isZero();
    assertThat(GoDurations.parseNanos("2\u00b5s")).isEqualTo(2_000L);
    assertThat(GoDurations.parseNanos("2\u03bcs")).isEqualTo(2_000L);
    assertThat(GoDurations.parseNanos("3us")).isEqualTo(3_000L);
    assertThat(GoDurations.parseNanos("1.0000000001s")).isEqualTo(1_000_000_000L);
    assertThat(GoDurations.parseNanos("-9223372036854775808ns")).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void refusesWithGoErrorTexts() {
    assertParseError("100", "time: missing unit in duration \"100\"");
    assertParseError("", "time: invalid duration \"\"");
    assertParseError("-", "time: invalid duration \"-\"");
    assertParseError(".", "time: invalid duration \".\"");
    assertParseError("1d", "time: unknown unit \"d\" in duration \"1d\"");
    assertParseError("1.2.3s", "time: missing unit in duration \"1.2.3s\"");
    assertParseError("ms", "time: invalid duration \"ms\"");
    assertParseError("9223372036854775808ns", "time: invalid duration \"9223372036854775808ns\"");
    assertParseError("3000000h", "time: invalid duration \"3000000h\"");
    assertParseError("1x\u00b5s",
        "time: unknown unit \"x\\xc2\\xb5s\" in duration \"1x\\xc2\\xb5s\"");
  }

  @Test
  void formatsAsGoDurationString() {
    assertThat(GoDurations.format(0)).isEqualTo("0s");
    assertThat(GoDurations.format(999)).isEqualTo("999ns");
    assertThat(GoDurations.format(1_000)).isEqualTo("1µs");
    assertThat(GoDurations.format(1_500)).isEqualTo("1.5µs");
    assertThat(GoDurations.format(1_500_000)).isEqualTo("1.5ms");
    assertThat(GoDurations.format(12_345_678)).isEqualTo("12.345678ms");
    assertThat(GoDurations.format(1_000_000_000)).isEqualTo("1s");
    assertThat(GoDurations.format(1_500_000_000)).isEqualTo("1.5s");
    assertThat(GoDurations.format(60_000_000_000L)).isEqualTo("1m0s");
    assertThat(GoDurations.format(3_600_000_000_000L)).isEqualTo("1h0m0s");
    assertThat(GoDurations.format(3_723_500_000_000L)).isEqualTo("1h2m3.5s");
    assertThat(GoDurations.format(-2_500_000)).isEqualTo("-2.5ms");
    assertThat(GoDurations.format(Long.MIN_VALUE)).isEqualTo("-2562047h47m16.854775808s");
  }

  private static void assertParseError(String text, String message) {
    assertThatThrownBy(() -> GoDurations.parseNanos(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }
}
