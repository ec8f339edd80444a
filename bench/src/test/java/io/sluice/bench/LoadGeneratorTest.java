package io.sluice.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LoadGeneratorTest {

  @Test
  void defaultsAreTheUsersLoadWithTheSdksClientSettings() {
    LoadGenerator generator = parse();

    assertThat(generator.config())
        .isEqualTo(LoadConfig.defaults("http://localhost:4318", Protocol.HTTP_PROTOBUF));
    assertThat(generator.config().totalSpans()).isEqualTo(240_000);
    assertThat(generator.config().maxQueueSize()).isEqualTo(2048);
    assertThat(generator.config().maxExportBatchSize()).isEqualTo(512);
    assertThat(generator.config().scheduleDelay()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void grpcDefaultsToPort4317() {
    assertThat(parse("--protocol", "grpc").config().endpoint())
        .isEqualTo("http://localhost:4317");
  }

  @Test
  void flagsReachTheConfig() {
    LoadConfig config = parse("--endpoint", "http://127.0.0.1:14318", "--workers", "2",
        "--traces", "5", "--service", "svc", "--lossless", "--rate", "10", "--queue-size", "99",
        "--batch-size", "9", "--schedule-delay-ms", "100").config();

    assertThat(config).isEqualTo(new LoadConfig("http://127.0.0.1:14318",
        Protocol.HTTP_PROTOBUF, 2, 5, "svc", true, 99, 9, Duration.ofMillis(100), 10));
  }

  @Test
  void anUnknownProtocolIsAUsageError() {
    StringWriter err = new StringWriter();
    CommandLine commandLine = new CommandLine(new LoadGenerator());
    commandLine.setErr(new PrintWriter(err));

    int status = commandLine.execute("--protocol", "http/json");

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains(
        "--protocol: unsupported value 'http/json', expected one of http/protobuf, grpc");
  }

  @Test
  void runsAgainstACollectorAndPrintsTheSummary() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status;
    try (FakeCollector collector = new FakeCollector(200, 0)) {
      CommandLine commandLine = new CommandLine(new LoadGenerator());
      commandLine.setOut(new PrintWriter(out));
      commandLine.setErr(new PrintWriter(err));
      status = commandLine.execute("--endpoint", collector.endpoint(), "--workers", "2",
          "--traces", "10", "--schedule-delay-ms", "50");
    }

    assertThat(status).isZero();
    assertThat(out.toString())
        .contains("spans ended              60\n")
        .contains("spans exported           60\n")
        .contains("spans failed             0\n")
        .contains("spans dropped            0\n")
        .contains("dropped %                0.00\n")
        .contains("spans unaccounted        0\n");
    assertThat(err.toString()).startsWith(
        "bench: 2 workers x 10 traces (60 spans) to http://127.0.0.1:");
  }

  @Test
  void summaryGivesTheDroppedShare() {
    LoadGenerator.RunResult result = new LoadGenerator.RunResult(
        LoadConfig.defaults("http://localhost:4318", Protocol.HTTP_PROTOBUF),
        Duration.ofSeconds(2), Duration.ofMillis(500),
        new SpanCounts(240_000, 232_104, 0, 7_896, 0));

    assertThat(result.summary()).isEqualTo("""
        load (all spans ended)   2.000 s
        drain (client shutdown)  0.500 s
        duration                 2.500 s
        spans ended              240000
        spans exported           232104
        spans failed             0
        spans dropped            7896
        dropped %                3.29
        spans unaccounted        0
        ended spans/s            120000
        exported spans/s         92842
        """);
  }

  private static LoadGenerator parse(String... args) {
    LoadGenerator generator = new LoadGenerator();
    new CommandLine(generator).parseArgs(args);
    return generator;
  }
}
