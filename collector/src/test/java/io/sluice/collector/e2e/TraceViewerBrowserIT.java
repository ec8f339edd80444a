package io.sluice.collector.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.collector.e2e.ViewerTraces.Row;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The trace viewer in a real browser: {@code collector.jar} runs with OTLP, batch, memory
 * storage and {@code jaeger_query} under a {@code base_path}; the OpenTelemetry Java SDK sends a
 * 7-span checkout, a report with an orphan span and a 10,000-span import;
 * {@code src/test/browser/viewer.js} drives Debian's
 * Chromium through playwright-core (pinned in package-lock.json, no browser download) and
 * prints what the page showed, which this test compares with what was sent.
 *
 * <p>Node.js, npm and {@code /usr/bin/chromium} must be installed: without them this test fails
 * rather than skips, so CI cannot pass without running it ({@code .ci/run} installs them).
 * Screenshots land in {@code target/browser/}.
 */
class TraceViewerBrowserIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SOURCE_DIR = Path.of("src", "test", "browser");
  private static final Path WORK_DIR = Path.of("target", "browser");
  private static final List<String> SCRIPT_FILES =
      List.of("package.json", "package-lock.json", "viewer.js");
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final long NPM_CI_TIMEOUT_SECONDS = 600;
  private static final long VIEWER_TIMEOUT_SECONDS = 300;
  private static final String BASE_PATH = "/viewer";
  /** A trace ID nothing was sent for. */
  private static final String MISSING_ID = "ffffffffffffffffffffffffffffffff";

  @Test
  void searchFindsTheTraceAndTheWaterfallShowsEverySpanInTreeOrder() throws Exception {
    installScript();
    Ports ports = new Ports();
    try (CollectorProcess collector = CollectorProcess.start("trace-viewer",
            List.of("--config", writeConfig(ports).toString()), Map.of());
        ViewerTraces traces = new ViewerTraces(ports.otlpUrl(), startNanos())) {
      awaitReady(collector, ports);
      traces.sendAndFlush();
      await().atMost(Duration.ofSeconds(60)).until(() -> storedSpans(ports) == traces.spanCount());

      JsonNode page = runViewer(ports, traces);

      assertSearch(page, traces);
      assertCheckoutTrace(page, traces);
      assertSpanDetails(page.get("details"), traces);
      assertOrphanTrace(page.get("orphan"), traces);
      assertBulkTrace(page.get("big"), traces);
      assertErrors(page);
      assertThat(page.get("pageErrors").size()).as(page.get("pageErrors").toString()).isZero();
    }
  }

  private static void assertSearch(JsonNode page, ViewerTraces traces) {
    assertThat(texts(page.get("services"))).containsExactly(
        ViewerTraces.BULK, ViewerTraces.CRON, ViewerTraces.FRONTEND, ViewerTraces.PAYMENTS);
    assertThat(texts(page.get("operations"))).containsExactly(
        "All operations", "cache.get", "cart.load", "GET /checkout", "SELECT cart");
    assertThat(page.get("searchPath").asText()).isEqualTo(
        BASE_PATH + "/search?service=shop-frontend&lookback=1h&limit=20");
    assertThat(page.get("resultsTitle").asText()).isEqualTo("1 Trace");
    assertThat(page.get("results").size()).isEqualTo(1);
    JsonNode result = page.get("results").get(0);
    assertThat(result.get("traceId").asText()).isEqualTo(traces.checkoutTraceId());
    assertThat(result.get("name").asText()).isEqualTo("shop-frontend: GET /checkout");
    assertThat(result.get("spanCount").asInt()).isEqualTo(7);
    assertThat(result.get("spanCountText").asText()).isEqualTo("7 Spans");
    assertThat(result.get("errorText").asText()).isEqualTo("1 Error");
    assertThat(texts(result.get("services")))
        .containsExactly("shop-frontend (4)", "shop-payments (3)");
    assertThat(page.get("resultsAfterBack").asInt()).isEqualTo(1);
    assertThat(page.get("resultsAfterReload").asInt()).isEqualTo(1);
    assertThat(page.get("serviceAfterReload").asText()).isEqualTo(ViewerTraces.FRONTEND);
  }

  private static void assertCheckoutTrace(JsonNode page, ViewerTraces traces) {
    assertThat(page.get("tracePath").asText())
        .isEqualTo(BASE_PATH + "/trace/" + traces.checkoutTraceId());
    JsonNode header = page.get("header");
    assertThat(header.get("name").asText()).isEqualTo("shop-frontend: GET /checkout");
    assertThat(header.get("spanCount").asText()).isEqualTo("7");
    assertThat(header.get("depth").asText()).isEqualTo("3");
    assertThat(texts(header.get("services")))
        .containsExactly(ViewerTraces.FRONTEND, ViewerTraces.PAYMENTS);
    assertThat(header.get("traceId").asText()).isEqualTo(traces.checkoutTraceId());
    assertThat(rows(page.get("rows"))).containsExactlyElementsOf(traces.checkoutRows());
    assertThat(errorRows(page.get("rows"))).containsExactly(traces.errorSpanId());
    assertThat(page.get("rowsWhenRootCollapsed").asInt()).isEqualTo(1);
    assertThat(page.get("rowsWhenExpanded").asInt()).isEqualTo(7);
    assertThat(page.get("injected").get("scriptRan").asBoolean()).isFalse();
    assertThat(page.get("injected").get("elements").asInt()).isZero();
  }

  private static void assertSpanDetails(JsonNode details, ViewerTraces traces) {
    JsonNode event = details.get(0);
    assertThat(event.get("title").asText()).isEqualTo("cache.get");
    assertThat(event.get("facts"))
        .isEqualTo(facts(ViewerTraces.FRONTEND, "3ms", "+31ms", traces.eventSpanId()));
    assertThat(event.get("logs").toString())
        .isEqualTo("[{\"time\":\"+32ms\",\"fields\":[[\"event\",\"cache miss\"],"
            + "[\"cache.key\",\"cart:7\"]]}]");
    JsonNode error = details.get(1);
    assertThat(error.get("title").asText()).isEqualTo("POST /charge");
    assertThat(error.get("facts"))
        .isEqualTo(facts(ViewerTraces.PAYMENTS, "70ms", "+40ms", traces.errorSpanId()));
    // The query API sorts tags by key (spec jaeger-storage-query.md §7.3, adjuster 2).
    assertThat(pairs(error.get("tags"))).containsExactly(
        "error=true",
        "otel.scope.name=" + ViewerTraces.SCOPE,
        "otel.scope.version=" + ViewerTraces.SCOPE_VERSION,
        "otel.status_code=ERROR",
        "otel.status_description=card declined",
        "payment.amount_cents=4999",
        "payment.note=" + ViewerTraces.SCRIPT_PROBE,
        "span.kind=server");
    assertThat(pairs(error.get("processTags"))).containsExactly("host.name=pay-1");
    assertThat(pairs(error.get("references")))
        .containsExactly("CHILD_OF=" + traces.checkoutRows().get(0).spanId());
    assertThat(error.get("logs").size()).isZero();
  }

  /** The facts at the top of the span panel, as viewer.js reads them. */
  private static JsonNode facts(String service, String duration, String start, String spanId) {
    return JSON.createObjectNode()
        .put("Service", service)
        .put("Duration", duration)
        .put("Start", start)
        .put("Span ID", spanId);
  }

  private static void assertOrphanTrace(JsonNode orphan, ViewerTraces traces) {
    assertThat(rows(orphan.get("rows"))).containsExactlyElementsOf(traces.orphanRows());
    assertThat(orphan.get("warnings").asText()).isEqualTo(
        "1 span with a parent that is not in this trace: shown at the root level.");
    assertThat(orphan.get("header").get("spanCount").asText()).isEqualTo("3");
    assertThat(orphan.get("header").get("depth").asText()).isEqualTo("2");
  }

  private static void assertBulkTrace(JsonNode big, ViewerTraces traces) {
    List<Row> expected = traces.bulkRows();
    JsonNode header = big.get("header");
    assertThat(header.get("name").asText()).isEqualTo("bulk-loader: import batch");
    assertThat(header.get("spanCount").asText()).isEqualTo("10000");
    assertThat(header.get("depth").asText()).isEqualTo("3");
    assertThat(big.get("visibleRows").asInt()).isEqualTo(ViewerTraces.BULK_SPANS);
    assertThat(row(big.get("firstRow"))).isEqualTo(expected.get(0));
    assertThat(row(big.get("lastRow"))).isEqualTo(expected.get(expected.size() - 1));
    // Only the rows in view are in the page, whatever the trace's size.
    assertThat(big.get("renderedRowsAtTop").asInt()).isBetween(1, 200);
    assertThat(big.get("renderedRowsAtEnd").asInt()).isBetween(1, 200);
  }

  private static void assertErrors(JsonNode page) {
    assertThat(page.get("missingPath").asText()).isEqualTo(BASE_PATH + "/trace/" + MISSING_ID);
    assertThat(page.get("missingTrace").asText()).isEqualTo("HTTP 404: trace not found");
    assertThat(page.get("badSearch").asText()).isEqualTo("HTTP 400: unable to parse param "
        + "'minDuration': time: missing unit in duration \"100\"");
    assertThat(page.get("badSearchStatus").asText()).isEqualTo("The search failed.");
  }

  /** Ten minutes ago to the millisecond, so the default "last hour" search finds the traces. */
  private static long startNanos() {
    return (System.currentTimeMillis() - 600_000L) * 1_000_000L;
  }

  /** The loopback ports this run listens on, free a moment before the collector starts. */
  private record Ports(int otlp, int query, int grpc, int health, int metrics) {
    Ports() {
      this(CollectorProcess.freePort(), CollectorProcess.freePort(), CollectorProcess.freePort(),
          CollectorProcess.freePort(), CollectorProcess.freePort());
    }

    String otlpUrl() {
      return "http://127.0.0.1:" + otlp;
    }

    String uiUrl() {
      return "http://127.0.0.1:" + query + BASE_PATH + "/";
    }
  }

  private static Path writeConfig(Ports ports) throws IOException {
    String yaml = """
        service:
          extensions: [jaeger_storage, jaeger_query, healthcheckv2]
          pipelines:
            traces:
              receivers: [otlp]
              processors: [batch]
              exporters: [jaeger_storage_exporter]
          telemetry:
            metrics:
              readers: [{pull: {exporter: {prometheus: {host: 127.0.0.1, port: %d}}}}]
        extensions:
          healthcheckv2:
            use_v2: true
            http: {endpoint: "127.0.0.1:%d"}
          jaeger_query:
            base_path: %s
            storage: {traces: some_storage}
            http: {endpoint: "127.0.0.1:%d"}
            grpc: {endpoint: "127.0.0.1:%d"}
          jaeger_storage:
            backends:
              some_storage:
                memory: {max_traces: 100000}
        receivers:
          otlp:
            protocols:
              http: {endpoint: "127.0.0.1:%d"}
        processors:
          batch:
        exporters:
          jaeger_storage_exporter:
            trace_storage: some_storage
        """.formatted(ports.metrics(), ports.health(), BASE_PATH, ports.query(), ports.grpc(),
        ports.otlp());
    Files.createDirectories(WORK_DIR);
    return Files.writeString(WORK_DIR.resolve("viewer-config.yaml"), yaml).toAbsolutePath();
  }

  /** Waits for the health check to report ready and for the viewer page to answer. */
  private static void awaitReady(CollectorProcess collector, Ports ports) {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
      assertThat(collector.isAlive()).as("collector exited:%n%s", collector.output()).isTrue();
      HttpResponse<String> health = Http.get("http://127.0.0.1:" + ports.health() + "/status");
      HttpResponse<String> ui = Http.get(ports.uiUrl());
      return health != null && health.statusCode() == 200 && ui != null
          && ui.statusCode() == 200;
    });
  }

  private static long storedSpans(Ports ports) {
    HttpResponse<String> metrics = Http.get("http://127.0.0.1:" + ports.metrics() + "/metrics");
    return metrics == null ? -1 : Http.metric(metrics.body(), "otelcol_exporter_sent_spans",
        "exporter=\"jaeger_storage_exporter\"");
  }

  private static JsonNode runViewer(Ports ports, ViewerTraces traces) throws Exception {
    Path shots = Files.createDirectories(WORK_DIR.toAbsolutePath());
    String output = run(VIEWER_TIMEOUT_SECONDS, "viewer", List.of("node", "viewer.js"), Map.of(
        "SLUICE_UI_URL", ports.uiUrl(),
        "SLUICE_SERVICE", ViewerTraces.FRONTEND,
        "SLUICE_TRACE_ID", traces.checkoutTraceId(),
        "SLUICE_SPAN_IDS", traces.eventSpanId() + "," + traces.errorSpanId(),
        "SLUICE_ORPHAN_TRACE_ID", traces.orphanTraceId(),
        "SLUICE_BIG_TRACE_ID", traces.bulkTraceId(),
        "SLUICE_MISSING_ID", MISSING_ID,
        "SLUICE_SHOTS_DIR", shots.toString(),
        "SLUICE_CHROMIUM", CHROMIUM.toString()));
    return JSON.readTree(output);
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }

  private static List<Row> rows(JsonNode array) {
    List<Row> rows = new ArrayList<>();
    array.forEach(node -> rows.add(row(node)));
    return rows;
  }

  private static Row row(JsonNode node) {
    return new Row(node.get("spanId").asText(), node.get("depth").asInt(),
        node.get("parentId").asText(), node.get("operation").asText());
  }

  private static List<String> errorRows(JsonNode array) {
    List<String> ids = new ArrayList<>();
    array.forEach(node -> {
      if (node.get("error").asBoolean()) {
        ids.add(node.get("spanId").asText());
      }
    });
    return ids;
  }

  /** Key/value table rows as "key=value". */
  private static List<String> pairs(JsonNode array) {
    List<String> pairs = new ArrayList<>();
    array.forEach(pair -> pairs.add(pair.get(0).asText() + "=" + pair.get(1).asText()));
    return pairs;
  }

  /** Copies the script to target/browser and runs {@code npm ci} unless this lock is there. */
  private static void installScript() throws Exception {
    if (!Files.isExecutable(CHROMIUM)) {
      fail("TraceViewerBrowserIT needs Chromium at %s; on Debian: apt-get install chromium",
          CHROMIUM);
    }
    Files.createDirectories(WORK_DIR);
    byte[] lock = Files.readAllBytes(SOURCE_DIR.resolve("package-lock.json"));
    Path installedLock = WORK_DIR.resolve("node_modules").resolve(".sluice-installed-lock.json");
    boolean installed = Files.exists(installedLock)
        && Arrays.equals(Files.readAllBytes(installedLock), lock);
    for (String file : SCRIPT_FILES) {
      Files.copy(SOURCE_DIR.resolve(file), WORK_DIR.resolve(file),
          StandardCopyOption.REPLACE_EXISTING);
    }
    if (!installed) {
      run(NPM_CI_TIMEOUT_SECONDS, "npm-ci", List.of("npm", "ci", "--no-audit", "--no-fund"),
          Map.of());
      Files.write(installedLock, lock);
    }
  }

  /**
   * Runs {@code command} in target/browser with {@code env} added and returns its standard
   * output; fails the test when the program is missing, exits non-zero or outlives
   * {@code timeoutSeconds}.
   */
  private static String run(long timeoutSeconds, String logName, List<String> command,
      Map<String, String> env) throws Exception {
    Path stdout = WORK_DIR.resolve(logName + ".out");
    Path stderr = WORK_DIR.resolve(logName + ".err");
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(WORK_DIR.toFile())
        .redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile());
    builder.environment().putAll(env);
    Process process = start(builder, command.get(0));
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      fail("%s did not finish within %d s; stderr: %s",
          String.join(" ", command), timeoutSeconds, Files.readString(stderr, UTF_8));
    }
    if (process.exitValue() != 0) {
      fail("%s exited with %d; stdout: %s; stderr: %s", String.join(" ", command),
          process.exitValue(), Files.readString(stdout, UTF_8), Files.readString(stderr, UTF_8));
    }
    return Files.readString(stdout, UTF_8);
  }

  private static Process start(ProcessBuilder builder, String program) {
    try {
      return builder.start();
    } catch (IOException e) {
      throw new AssertionError(program + " is not on the PATH (" + e.getMessage() + "): "
          + "TraceViewerBrowserIT needs Node.js >= 18.19 and npm; on Debian: "
          + "apt-get install nodejs npm", e);
    }
  }
}
