package io.sluice.pipeline.go;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoTimeTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "2024-12-17T10:00:00Z, 2024-12-17T10:00:00Z",
    "2024-12-17T10:00:00.123456789Z, 2024-12-17T10:00:00.123456789Z",
    "2024-12-17T10:00:00.120Z, 2024-12-17T10:00:00.12Z",
    "2024-12-17T10:00:00.000001Z, 2024-12-17T10:00:00.000001Z"
  })
  void timesAreRfc3339NanoWithTrimmedFraction(String instant, String expected) {
    assertThat(GoTime.rfc3339Nano(Instant.parse(instant))).isEqualTo(expected);
  }

  @Test
  void zeroTimeIsGosZeroValue() {
    assertThat(GoTime.ZERO_TIME).isEqualTo("0001-01-01T00:00:00Z");
  }

  @ParameterizedTest(name = "{0}ns -> {1}")
  @CsvSource({
    "0, 0s",
    "999, 999ns",
    "1500, 1.5µs",
    "1000000, 1ms",
    "1234567, 1.234567ms",
    "1000000000, 1s",
    "2500000000, 2.5s",
    "61500000000, 1m1.5s",
    "3600000000000, 1h0m0s",
    "3723000000001, 1h2m3.000000001s",
    "-1500000000, -1.5s"
  })
  void durationsAreGoDurationStrings(long nanos, String expected) {
    assertThat(GoTime.duration(Duration.ofNanos(nanos))).isEqualTo(expected);
  }

  @Test
  void durationsOfEveryUnitFormatLikeGo() {
    assertThat(GoTime.duration(Duration.ZERO)).isEqualTo("0s");
    assertThat(GoTime.duration(Duration.ofNanos(500))).isEqualTo("500ns");
    assertThat(GoTime.duration(Duration.ofNanos(1500))).isEqualTo("1.5µs");
    assertThat(GoTime.duration(Duration.ofMillis(200))).isEqualTo("200ms");
    assertThat(GoTime.duration(Duration.ofSeconds(5))).isEqualTo("5s");
    assertThat(GoTime.duration(Duration.ofMillis(1500))).isEqualTo("1.5s");
    assertThat(GoTime.duration(Duration.ofSeconds(90))).isEqualTo("1m30s");
    assertThat(GoTime.duration(Duration.ofHours(1))).isEqualTo("1h0m0s");
    assertThat(GoTime.duration(Duration.ofMillis(-200))).isEqualTo("-200ms");
  }
}
