package io.sluice.bench.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SeedReportTest {
  // The user's measurement through Jaeger: 240,000 spans ended, 232,104 stored (3.29 % lost),
  // here all of it lost in the collector; and Sluice storing every span.
  private static final ClientSummary ALL_EXPORTED =
      new ClientSummary(240_000, 240_000, 0, 0, 0, 12.6);
  private static final SeedRow SLUICE = SeedRow.of("sluice", "opensearch", "java lossy",
      ALL_EXPORTED, 240_000, 20.0, new CollectorUsage(3.5, 12.0, 400_000), true,
      List.of("otelcol_exporter_sent_spans{exporter=\"jaeger_storage_exporter\","
          + "service_instance_id=\"ab-12\",service_name=\"jaeger\",service_version=\"0.1\"} "
          + "240000"));
  private static final SeedRow JAEGER = SeedRow.of("jaeger", "opensearch", "java lossy",
      ALL_EXPORTED, 232_104, 25.0, new CollectorUsage(0.2, 30.0, 320_000), true, List.of());

  @Test
  void countsAddUpFromTheClientsSummaryAndTheStoredSpans() {
    SeedRow row = SeedRow.of("jaeger", "opensearch", "go", new ClientSummary(
        240_000, 238_000, 500, 1_500, 0, 10.0), 236_000, 30.0,
        new CollectorUsage(0.1, 4.76, 100_000), false, List.of());

    assertThat(row.totalSpans()).isEqualTo(240_000);
    assertThat(row.savedSpans()).isEqualTo(236_000);
    assertThat(row.droppedSpans()).isEqualTo(4_000);
    assertThat(row.droppedInClient()).isEqualTo(2_000);
    assertThat(row.droppedInCollector()).isEqualTo(2_000);
    assertThat(row.droppedPercent()).isEqualTo(100.0 * 4_000 / 240_000);
    assertThat(row.receivedSpans()).isEqualTo(238_000);
    assertThat(row.cpuSecondsPerMillionSpans()).isEqualTo(4.76 * 1e6 / 238_000);
  }

  @Test
  void tableHasOneLinePerRun() {
    assertThat(SeedReport.table(List.of(SLUICE, JAEGER))).isEqualTo("""
        | collector | storage | client | to all stored | total spans | saved spans \
        | dropped spans | dropped % | dropped in client | dropped in collector \
        | start-up CPU-s | CPU-s after ready | CPU-s / M spans | peak RSS |
        |---|---|---|---|---|---|---|---|---|---|---|---|---|---|
        | sluice | opensearch | java lossy | 20.000 s | 240,000 | 240,000 | 0 | 0.00 % | 0 | 0 \
        | 3.50 | 12.00 | 50.00 | 400,000 kB |
        | jaeger | opensearch | java lossy | 25.000 s | 240,000 | 232,104 | 7,896 | 3.29 % | 0 \
        | 7,896 | 0.20 | 30.00 | 125.00 | 320,000 kB |
        """);
  }

  @Test
  void ratiosPutSluiceOverJaegerWithTheGoals() {
    assertThat(SeedReport.ratios(List.of(SLUICE, JAEGER))).isEqualTo("""
        | storage | measure | Sluice | Jaeger | Sluice ÷ Jaeger | goal |
        |---|---|---|---|---|---|
        | opensearch | to all stored | 20.000 s | 25.000 s | 0.80 | ≤ 1 |
        | opensearch | CPU-s / M spans | 50.00 | 125.00 | 0.40 | — |
        | opensearch | peak RSS | 400,000 kB | 320,000 kB | 1.25 | ≤ 1 |
        | opensearch | dropped | 0 (0.00 %) | 7,896 (3.29 %) | — | Sluice 0 |
        """);
  }

  @Test
  void severalRunsGiveMedianRatios() {
    SeedRow slowSluice = SeedRow.of("sluice", "opensearch", "java lossy", ALL_EXPORTED, 239_000,
        40.0, new CollectorUsage(3.5, 24.0, 800_000), true, List.of());
    SeedRow fastSluice = SeedRow.of("sluice", "opensearch", "java lossy", ALL_EXPORTED, 240_000,
        10.0, new CollectorUsage(3.5, 6.0, 200_000), true, List.of());

    assertThat(SeedReport.ratios(List.of(SLUICE, JAEGER, slowSluice, fastSluice))).isEqualTo("""
        | storage | measure | Sluice | Jaeger | Sluice ÷ Jaeger | goal |
        |---|---|---|---|---|---|
        | opensearch | to all stored (median of 3 and 1 runs) | 20.000 s | 25.000 s | 0.80 | ≤ 1 |
        | opensearch | CPU-s / M spans (median of 3 and 1 runs) | 50.00 | 125.00 | 0.40 | — |
        | opensearch | peak RSS (median of 3 and 1 runs) | 400,000 kB | 320,000 kB | 1.25 | ≤ 1 |
        | opensearch | dropped (median of 3 and 1 runs) | 0 (0.00 %) | 7,896 (3.29 %) | — \
        | Sluice 0 |
        """);
  }

  @Test
  void noRatiosWithoutBothCollectorsOnOneStorage() {
    assertThat(SeedReport.ratios(List.of(SLUICE))).isEmpty();
  }

  @Test
  void anUnsettledRunIsMarked() {
    SeedRow stalled = SeedRow.of("sluice", "memory", "go", ALL_EXPORTED, 10, 600.0,
        new CollectorUsage(1, 1, 1), false, List.of());

    assertThat(SeedReport.table(List.of(stalled)))
        .contains("| sluice | memory | go | 600.000 s (not settled) | 240,000 | 10 |");
  }

  @Test
  void metricLinesLoseThePerProcessLabels() {
    assertThat(SeedReport.spanMetricLines(List.of(SLUICE, JAEGER))).isEqualTo("""
        sluice / opensearch / java lossy
          otelcol_exporter_sent_spans{exporter="jaeger_storage_exporter"} 240000
        jaeger / opensearch / java lossy
        """);
  }
}
