package io.sluice.storage.es;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class IndexNamesTest {
  private static final long START_NANOS = 1_734_429_600_123_456_789L; // 2024-12-17T10:00:00Z

  @Test
  void prefixGetsOneDash() {
    assertThat(IndexNames.prefixed("", "jaeger-span-")).isEqualTo("jaeger-span-");
    assertThat(IndexNames.prefixed("jaeger2-main", "jaeger-span-"))
        .isEqualTo("jaeger2-main-jaeger-span-");
    assertThat(IndexNames.prefixed("jaeger2-main-", "jaeger-span-"))
        .isEqualTo("jaeger2-main-jaeger-span-");
  }

  @Test
  void dailyNamesUseTheUtcStartDate() {
    IndexNames names = IndexNames.daily("jaeger2-main");

    assertThat(names.spanIndex(START_NANOS)).isEqualTo("jaeger2-main-jaeger-span-2024-12-17");
    assertThat(names.serviceIndex(START_NANOS))
        .isEqualTo("jaeger2-main-jaeger-service-2024-12-17");
    assertThat(names.spanIndex(START_NANOS + 14L * 3_600_000_000_000L))
        .isEqualTo("jaeger2-main-jaeger-span-2024-12-18");
  }

  @Test
  void hourlyAndDottedLayouts() {
    IndexNames names = new IndexNames("", "2006-01-02-15", "2006.01.02");

    assertThat(names.spanIndex(START_NANOS)).isEqualTo("jaeger-span-2024-12-17-10");
    assertThat(names.serviceIndex(START_NANOS)).isEqualTo("jaeger-service-2024.12.17");
  }

  @Test
  void goLayoutTokens() {
    long millis = Instant.parse("2009-03-04T05:06:07Z").toEpochMilli();

    assertThat(GoDateLayout.of("2006-01-02T15:04:05").format(millis))
        .isEqualTo("2009-03-04T05:06:07");
    assertThat(GoDateLayout.of("06/1/2 3:4:5").format(millis)).isEqualTo("09/3/4 5:6:7");
    assertThat(GoDateLayout.of("20060102").format(millis)).isEqualTo("20090304");
  }

  @Test
  void cachedNameChangesAtTheUnitBoundary() {
    GoDateLayout hourly = GoDateLayout.of("2006-01-02-15");
    long tenOClock = Instant.parse("2024-12-17T10:59:59.999Z").toEpochMilli();

    assertThat(hourly.format(tenOClock)).isEqualTo("2024-12-17-10");
    assertThat(hourly.format(tenOClock)).isEqualTo("2024-12-17-10");
    assertThat(hourly.format(tenOClock + 1)).isEqualTo("2024-12-17-11");
  }
}
