package io.sluice.bench.seed;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.bench.LoadGenerator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SeedRunTest {
  private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java")
      .toString();
  private static final String CLASSPATH = System.getProperty("java.class.path");

  @Test
  void aRealRunsRowSaysWhereTheCollectorLostSpansAndWhereTheClientDid() throws Exception {
    String stdout;
    LossyCollector collector = new LossyCollector();
    try (collector) {
      // 2 x 50 traces, exported 64 spans at a time from a queue that holds them all: no drops
      // in the client's queue, so the only losses are the fake's refusal and its lost request.
      stdout = load(collector.endpoint(), "--workers", "2", "--traces", "50",
          "--queue-size", "512", "--batch-size", "64", "--schedule-delay-ms", "50");
    }

    SeedRow row = SeedRow.of("fake", "memory", "java", ClientSummary.parse(stdout),
        collector.keptSpans(), 1.0, new CollectorUsage(0, 0, 0), true, List.of());

    assertThat(collector.refusedSpans()).isPositive();
    assertThat(collector.lostSpans()).isPositive();
    assertThat(collector.refusedSpans() + collector.lostSpans() + collector.keptSpans())
        .isEqualTo(300);
    assertThat(row.totalSpans()).isEqualTo(300);
    assertThat(row.savedSpans()).isEqualTo(collector.keptSpans());
    assertThat(row.droppedInClient()).isEqualTo(collector.refusedSpans());
    assertThat(row.droppedInCollector()).isEqualTo(collector.lostSpans());
    assertThat(row.droppedSpans()).isEqualTo(collector.refusedSpans() + collector.lostSpans());
    assertThat(SeedReport.table(List.of(row))).contains(String.format(java.util.Locale.ROOT,
        "| fake | memory | java | 1.000 s | 300 | %d | %d | %.2f %% | %d | %d |",
        collector.keptSpans(), 300 - collector.keptSpans(),
        100.0 * (300 - collector.keptSpans()) / 300, collector.refusedSpans(),
        collector.lostSpans()));
  }

  @Test
  void sluiceWithMemoryStorageStoresEverySpanOfASmallRun(@TempDir Path out) throws Exception {
    SeedRun run = new SeedRun("sluice-memory", "sluice",
        List.of(JAVA, "-cp", CLASSPATH, "io.sluice.collector.Main"),
        Path.of("config/memory-config.yaml"), new MemorySpans(), "",
        List.of(JAVA, "-cp", CLASSPATH, "io.sluice.bench.LoadGenerator", "--workers", "1",
            "--traces", "100"),
        "java lossy", Ports::free, new Loopback(), out, Duration.ofSeconds(5),
        Duration.ofSeconds(120));

    SeedRow row = run.run(new PrintWriter(new StringWriter()));

    assertThat(List.of(row.totalSpans(), row.savedSpans(), row.droppedSpans(),
        row.droppedInClient(), row.droppedInCollector(), row.receivedSpans()))
        .containsExactly(300L, 300L, 0L, 0L, 0L, 300L);
    assertThat(row.settled()).isTrue();
    assertThat(row.loadCpuSeconds()).isPositive();
    assertThat(row.peakRssKib()).isPositive();
    assertThat(row.spanMetricLines())
        .anyMatch(line -> line.startsWith("otelcol_receiver_accepted_spans{")
            && line.endsWith("} 300"))
        .anyMatch(line -> line.startsWith("otelcol_exporter_sent_spans{")
            && line.endsWith("} 300"));
  }

  private static String load(String endpoint, String... flags) {
    StringWriter out = new StringWriter();
    CommandLine commandLine = new CommandLine(new LoadGenerator());
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(new StringWriter()));
    String[] args = new String[flags.length + 2];
    args[0] = "--endpoint";
    args[1] = endpoint;
    System.arraycopy(flags, 0, args, 2, flags.length);
    assertThat(commandLine.execute(args)).isZero();
    return out.toString();
  }
}
