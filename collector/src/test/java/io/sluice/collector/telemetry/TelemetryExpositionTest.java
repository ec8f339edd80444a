package io.sluice.collector.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.sluice.collector.Collector;
import io.sluice.collector.Components;
import io.sluice.collector.Main;
import io.sluice.collector.Version;
import io.sluice.collector.exporter.DebugExporter;
import io.sluice.pipeline.Factories;
import io.sluice.pipeline.service.ServiceConfig;
import io.sluice.pipeline.status.StatusRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The real service run in-process (otlp → batch → nop), fed a known load over OTLP/HTTP JSON,
 * and its {@code /metrics} exposition compared line by line with a golden file, as an operator's
 * scraper would read it (spec/collector-runtime.md §5).
 *
 * <p>The golden file is the exact text except for these masks, each applied by {@link #mask}:
 *
 * <ul>
 *   <li>{@code {instance}}: the {@code service_instance_id} label value, a random UUID v4 per
 *       start; the test checks it is one UUID, the same on every series.
 *   <li>{@code {version}}: substituted (not masked) with {@link Version#get()} before comparing.
 *   <li>{@code {value}}: the sample value of every {@code otelcol_process_*} series (uptime, CPU
 *       seconds, RSS, heap, allocation), which change from one scrape to the next.
 *   <li>{@code {value}}: {@code otelcol_processor_batch_channel_capacity}, which Sluice sizes
 *       from the CPU count, so it differs from machine to machine.
 *   <li>{@code {value}}: every {@code otelcol_processor_batch_wait_time} bucket, sum and count
 *       value: how long a request waited for a channel slot depends on when the batcher ran.
 * </ul>
 *
 * <p>The rest of the batch processor is exact: with {@code send_batch_size: 1} each request is
 * sent by the size trigger as soon as the batcher takes it, so the histogram of batch sizes, its
 * sum and the trigger counters do not depend on the 200ms timer. Nothing else is
 * timing-dependent at level basic (HTTP server duration histograms exist only at detailed).
 */
class TelemetryExpositionTest {
  private static final Path CONFIG = Path.of("src/test/resources/telemetry/otlp-batch-nop.yaml");
  private static final Path GOLDEN = Path.of("src/test/resources/telemetry/metrics-basic.golden");
  private static final List<Integer> REQUEST_SPANS = List.of(1, 2, 4);
  private static final int TOTAL_SPANS = 7;
  private static final Pattern INSTANCE = Pattern.compile(
      "service_instance_id=\"([0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}"
          + "-[0-9a-f]{12})\"");
  private static final Pattern MASKED_VALUES = Pattern.compile(
      "otelcol_process_|otelcol_processor_batch_channel_capacity\\{"
          + "|otelcol_processor_batch_wait_time_");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final int otlpPort = freePort();
  private final int metricsPort = freePort();
  private Collector collector;

  @AfterEach
  void stop() throws Exception {
    if (collector != null) {
      collector.shutdown().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void basicLevelExpositionMatchesTheGoldenFileAfterAKnownLoad() throws Exception {
    start("basic");

    for (int i = 0; i < REQUEST_SPANS.size(); i++) {
      assertThat(postTraces(i, REQUEST_SPANS.get(i)).statusCode()).isEqualTo(200);
    }
    await().atMost(Duration.ofSeconds(30))
        .until(() -> scrape().body().contains(sentSpansLine()));
    HttpResponse<String> response = scrape();

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(response.body().lines())
        .as("no counter gets the _total suffix of later collectors")
        .noneMatch(line -> line.matches("[a-z_]+_total[{ ].*"));
    assertThat(mask(response.body())).containsExactlyElementsOf(golden());
  }

  @Test
  void levelNoneServesNothingWhileThePipelineStillDelivers() throws Exception {
    ListAppender<ILoggingEvent> debugLines = capture();
    try {
      start("none", "service.pipelines.traces.exporters=[nop, debug]");

      assertThat(postTraces(0, 3).statusCode()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(30)).until(() -> !debugLines.list.isEmpty());

      assertThat(debugLines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
          "Traces {\"kind\": \"exporter\", \"data_type\": \"traces\", \"name\": \"debug\","
              + " \"resource spans\": 1, \"spans\": 3}");
      assertThatThrownBy(this::scrapeOrThrow).isInstanceOf(ConnectException.class);
    } finally {
      ((Logger) LoggerFactory.getLogger(DebugExporter.class)).detachAppender(debugLines);
    }
  }

  private void start(String level, String... moreSets) throws Exception {
    List<String> sets = new ArrayList<>(List.of(
        "receivers.otlp.protocols.http.endpoint=127.0.0.1:" + otlpPort,
        "service.telemetry.metrics.level=" + level,
        "service.telemetry.metrics.readers=[{pull: {exporter: {prometheus: "
            + "{host: 127.0.0.1, port: " + metricsPort + "}}}}]"));
    sets.addAll(List.of(moreSets));
    StatusRegistry status = new StatusRegistry();
    Factories factories = Components.factories(status);
    ServiceConfig config =
        Main.load(List.of(CONFIG.toAbsolutePath().toString()), sets, factories);
    collector = Collector.create(config, status, factories);
    collector.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** Returns the golden lines with the build's version put in. */
  private static List<String> golden() throws IOException {
    return Files.readAllLines(GOLDEN).stream()
        .map(line -> line.replace("{version}", Version.get()))
        .toList();
  }

  /** Applies the masks the class comment lists; fails unless one UUID labels every series. */
  static List<String> mask(String exposition) {
    List<String> lines = exposition.lines().toList();
    List<String> instanceIds = lines.stream()
        .filter(line -> !line.startsWith("#"))
        .map(INSTANCE::matcher)
        .map(m -> m.find() ? m.group(1) : "<none>")
        .distinct()
        .toList();
    assertThat(instanceIds).as("service_instance_id of every series").hasSize(1)
        .doesNotContain("<none>");
    return lines.stream().map(TelemetryExpositionTest::maskLine).toList();
  }

  private static String maskLine(String line) {
    Matcher m = INSTANCE.matcher(line);
    String masked = m.replaceAll("service_instance_id=\"{instance}\"");
    if (MASKED_VALUES.matcher(masked).lookingAt()) {
      return masked.substring(0, masked.lastIndexOf(' ') + 1) + "{value}";
    }
    return masked;
  }

  private String sentSpansLine() {
    return "otelcol_exporter_sent_spans{exporter=\"nop\",";
  }

  private HttpResponse<String> postTraces(int request, int spans) throws Exception {
    HttpRequest post = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + otlpPort + "/v1/traces"))
        .header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString(tracesJson(request, spans)))
        .build();
    return HTTP.send(post, HttpResponse.BodyHandlers.ofString());
  }

  /** Returns an OTLP/JSON request of one resource with {@code spans} spans of one trace. */
  static String tracesJson(int request, int spans) {
    String traceId = String.format("%032x", request + 1);
    String spanList = IntStream.range(0, spans)
        .mapToObj(i -> "{\"traceId\":\"" + traceId + "\",\"spanId\":\""
            + String.format("%016x", (request + 1) * 100 + i) + "\",\"name\":\"op-" + i
            + "\",\"kind\":2,\"startTimeUnixNano\":\"1700000000000000000\","
            + "\"endTimeUnixNano\":\"1700000000001000000\"}")
        .collect(Collectors.joining(","));
    return "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\","
        + "\"value\":{\"stringValue\":\"shop\"}}]},\"scopeSpans\":[{\"scope\":{\"name\":\"t\"},"
        + "\"spans\":[" + spanList + "]}]}]}";
  }

  private HttpResponse<String> scrape() {
    try {
      return scrapeOrThrow();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private HttpResponse<String> scrapeOrThrow() throws IOException {
    HttpRequest get = HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).GET().build();
    try {
      return HTTP.send(get, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static ListAppender<ILoggingEvent> capture() {
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    ((Logger) LoggerFactory.getLogger(DebugExporter.class)).addAppender(appender);
    return appender;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
