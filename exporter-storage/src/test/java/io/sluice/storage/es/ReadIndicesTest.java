package io.sluice.storage.es;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which indices a read lists (spec §7.4 "Index lists"). */
class ReadIndicesTest {
  private static final String DAILY = "2006-01-02";
  private static final String HOURLY = "2006-01-02-15";

  @Test
  void dailyIndicesAreListedNewestFirst() {
    ReadIndices spans = new ReadIndices("jaeger2-main", "jaeger-span", DAILY, "day", false,
        List.of());

    assertThat(spans.between(millis("2024-12-15T10:00:00Z"), millis("2024-12-17T09:00:00Z")))
        .containsExactly("jaeger2-main-jaeger-span-2024-12-17",
            "jaeger2-main-jaeger-span-2024-12-16", "jaeger2-main-jaeger-span-2024-12-15");
    assertThat(spans.between(millis("2024-12-15T08:00:00Z"), millis("2024-12-17T09:00:00Z")))
        .containsExactly("jaeger2-main-jaeger-span-2024-12-17",
            "jaeger2-main-jaeger-span-2024-12-16", "jaeger2-main-jaeger-span-2024-12-15");
  }

  @Test
  void aWindowWithinOneDayListsOneIndex() {
    ReadIndices services = new ReadIndices("", "jaeger-service", DAILY, "day", false, List.of());

    assertThat(services.between(millis("2024-12-17T01:00:00Z"), millis("2024-12-17T23:00:00Z")))
        .containsExactly("jaeger-service-2024-12-17");
    assertThat(services.between(millis("2024-12-17T01:00:00Z"), millis("2024-12-17T01:00:00Z")))
        .containsExactly("jaeger-service-2024-12-17");
  }

  @Test
  void hourlyRolloverStepsAnHour() {
    ReadIndices spans = new ReadIndices("p-", "jaeger-span", HOURLY, "hour", false, List.of());

    assertThat(spans.between(millis("2024-12-17T22:30:00Z"), millis("2024-12-18T00:10:00Z")))
        .containsExactly("p-jaeger-span-2024-12-18-00", "p-jaeger-span-2024-12-17-23",
            "p-jaeger-span-2024-12-17-22");
  }

  @Test
  void hourlyStepsOverADailyLayoutListEachDayOnce() {
    ReadIndices spans = new ReadIndices("p", "jaeger-span", DAILY, "hour", false, List.of());

    assertThat(spans.between(millis("2024-12-16T20:00:00Z"), millis("2024-12-17T03:00:00Z")))
        .containsExactly("p-jaeger-span-2024-12-17", "p-jaeger-span-2024-12-16");
  }

  @Test
  void aDailyStepOverAnHourlyLayoutStillEnds() {
    ReadIndices spans = new ReadIndices("p", "jaeger-span", HOURLY, "day", false, List.of());

    // Jaeger's loop never meets the first name here; this one stops at the window start.
    assertThat(spans.between(millis("2024-12-16T07:00:00Z"), millis("2024-12-17T10:00:00Z")))
        .containsExactly("p-jaeger-span-2024-12-17-10", "p-jaeger-span-2024-12-16-10",
            "p-jaeger-span-2024-12-16-07");
  }

  @Test
  void readAliasesReplaceDatedIndices() {
    ReadIndices spans = new ReadIndices("jaeger2-main", "jaeger-span", DAILY, "day", true,
        List.of());

    assertThat(spans.between(0, millis("2024-12-17T09:00:00Z")))
        .containsExactly("jaeger2-main-jaeger-span-read");
  }

  @Test
  void remoteReadClustersFollowTheLocalIndices() {
    ReadIndices spans = new ReadIndices("", "jaeger-span", DAILY, "day", false,
        List.of("east", "west"));

    assertThat(spans.between(millis("2024-12-16T10:00:00Z"), millis("2024-12-17T09:00:00Z")))
        .containsExactly("jaeger-span-2024-12-17", "jaeger-span-2024-12-16",
            "east:jaeger-span-2024-12-17", "west:jaeger-span-2024-12-17",
            "east:jaeger-span-2024-12-16", "west:jaeger-span-2024-12-16");
  }

  @Test
  void aRangeTooWideToListBecomesTheWildcardWithoutTheArchive() {
    ReadIndices spans = new ReadIndices("jaeger2-main", "jaeger-span", DAILY, "day", false,
        List.of());

    assertThat(spans.between(millis("2024-01-01T00:00:00Z"), millis("2024-12-17T09:00:00Z")))
        .containsExactly("jaeger2-main-jaeger-span-*", "-jaeger2-main-jaeger-span-archive*");
    assertThat(spans.between(Long.MIN_VALUE / 2, Long.MAX_VALUE / 2))
        .containsExactly("jaeger2-main-jaeger-span-*", "-jaeger2-main-jaeger-span-archive*");
    assertThat(spans.between(millis("2024-10-01T00:00:00Z"), millis("2024-12-17T09:00:00Z")))
        .hasSize(78);
  }

  private static long millis(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }
}
