package io.sluice.collector.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.sluice.testsupport.OpenSearchNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The main job end to end: {@code collector.jar} runs the user's Jaeger v2 config (unchanged; the
 * listen addresses are moved to free loopback ports with {@code --set}) against a real OpenSearch,
 * the OpenTelemetry Java SDK sends the user's load, and every span is in the daily span index as
 * the document Jaeger would write, with the metrics adding up.
 */
class UserConfigOpenSearchIT {
  /** The user's config, as a user passes it: an absolute path. */
  static final String FIXTURE =
      Path.of("../examples/jaeger-config.yaml").toAbsolutePath().normalize().toString();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int TRACES = 300;
  private static final int SPANS = TRACES * 3;
  private static final String SPAN_INDEX = "jaeger2-main-jaeger-span-2024-12-17";
  private static final String SERVICE_INDEX = "jaeger2-main-jaeger-service-2024-12-17";

  private static OpenSearchNode openSearch;
  private static CollectorProcess collector;
  private static int otlpPort;
  private static int metricsPort;
  private static int healthPort;

  @BeforeAll
  static void startCollector() {
    openSearch = OpenSearchNode.shared();
    otlpPort = CollectorProcess.freePort();
    metricsPort = CollectorProcess.freePort();
    healthPort = CollectorProcess.freePort();
    Map<String, String> env = new HashMap<>();
    env.put("ES_SERVER_URLS", openSearch.httpUrl());
    env.put("ES_USERNAME", "");
    env.put("ES_PASSWORD", "");
    collector = CollectorProcess.start("user-config-opensearch", List.of(
        "--config", FIXTURE,
        "--set", "receivers.otlp.protocols.http.endpoint=127.0.0.1:" + otlpPort,
        "--set", "service.telemetry.metrics.address=127.0.0.1:" + metricsPort,
        "--set", "extensions.healthcheckv2.http.endpoint=127.0.0.1:" + healthPort,
        "--set", "extensions.jaeger_query.http.endpoint=127.0.0.1:" + CollectorProcess.freePort()),
        env);
    awaitHealthy();
  }

  @AfterAll
  static void stopCollector() {
    if (collector != null) {
      collector.close();
    }
  }

  @Test
  void everySpanIsStoredAsJaegerWouldStoreItAndTheMetricsAddUp() throws Exception {
    List<SpanData> sent;
    try (UserLoad load = new UserLoad("http://127.0.0.1:" + otlpPort)) {
      load.send(TRACES);
      load.flush();
      assertThat(load.failedSpans()).isZero();
      assertThat(load.exportedSpans()).isEqualTo(SPANS);
      sent = load.finishedSpans();
    }

    awaitAllSent();
    refresh();

    assertThat(count(SPAN_INDEX)).isEqualTo(SPANS);
    for (SpanData span : sent.subList(0, 30)) {
      assertThat(storedSpan(span)).isEqualTo(ExpectedDocuments.spanDocument(span));
    }
    assertThat(count(SERVICE_INDEX)).isEqualTo(3);
    assertThat(storedServiceOperations()).containsExactlyInAnyOrder(
        "/ping/GRM", "ping", "gorm.Raw");
    String metrics = Http.get(metricsUrl()).body();
    assertThat(Http.metric(metrics, "otelcol_receiver_accepted_spans", "transport=\"http\""))
        .isEqualTo(SPANS);
    assertThat(Http.metric(metrics, "otelcol_receiver_refused_spans", "transport=\"http\""))
        .isZero();
    assertThat(Http.metric(metrics, "otelcol_exporter_send_failed_spans",
        "exporter=\"jaeger_storage_exporter\"")).isZero();
  }

  @Test
  void theTemplatesArePutAtStartWithTheUsersPrefixAndSettings() throws Exception {
    JsonNode templates = JSON.readTree(
        Http.get(openSearch.httpUrl() + "/_template/jaeger2-main-jaeger-span").body());
    JsonNode span = templates.get("jaeger2-main-jaeger-span");

    assertThat(span.get("index_patterns").get(0).asText()).isEqualTo("*jaeger2-main-jaeger-span-*");
    assertThat(span.at("/settings/index/number_of_shards").asText()).isEqualTo("5");
    assertThat(span.at("/settings/index/number_of_replicas").asText()).isEqualTo("1");
  }

  /** Waits for every span to be acknowledged; on time-out says where the spans are. */
  private static void awaitAllSent() {
    try {
      await().atMost(Duration.ofSeconds(90)).until(() -> metric("otelcol_exporter_sent_spans",
          "exporter=\"jaeger_storage_exporter\"") == SPANS);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      HttpResponse<String> metrics = Http.get(metricsUrl());
      String counts = metrics == null ? "(no /metrics)" : metrics.body().lines()
          .filter(l -> l.contains("_spans{") || l.contains("queue_size")
              || l.contains("bulk_items"))
          .collect(java.util.stream.Collectors.joining("\n"));
      throw new AssertionError("not every span was sent within 90 s:\n" + counts
          + "\ncollector output:\n" + collector.output(), e);
    }
  }

  private static JsonNode storedSpan(SpanData span) throws Exception {
    String query = "{\"query\":{\"bool\":{\"must\":["
        + "{\"term\":{\"traceID\":\"" + span.getTraceId() + "\"}},"
        + "{\"term\":{\"spanID\":\"" + span.getSpanId() + "\"}}]}}}";
    JsonNode hits = JSON.readTree(
        Http.send("POST", openSearch.httpUrl() + "/" + SPAN_INDEX + "/_search", query).body())
        .at("/hits/hits");
    assertThat(hits.size()).as("documents for span %s", span.getSpanId()).isEqualTo(1);
    return hits.get(0).get("_source");
  }

  private static List<String> storedServiceOperations() throws Exception {
    JsonNode hits = JSON.readTree(Http.send("POST",
        openSearch.httpUrl() + "/" + SERVICE_INDEX + "/_search", "{\"size\":10}").body())
        .at("/hits/hits");
    List<String> operations = new java.util.ArrayList<>();
    for (JsonNode hit : hits) {
      assertThat(hit.at("/_source/serviceName").asText()).isEqualTo(UserLoad.SERVICE);
      operations.add(hit.at("/_source/operationName").asText());
    }
    return operations;
  }

  private static long count(String index) throws Exception {
    return JSON.readTree(Http.get(openSearch.httpUrl() + "/" + index + "/_count").body())
        .get("count").asLong();
  }

  private static void refresh() {
    Http.send("POST", openSearch.httpUrl() + "/_refresh", "");
  }

  private static long metric(String name, String label) {
    HttpResponse<String> response = Http.get(metricsUrl());
    return response == null ? -1 : Http.metric(response.body(), name, label);
  }

  private static String metricsUrl() {
    return "http://127.0.0.1:" + metricsPort + "/metrics";
  }

  private static void awaitHealthy() {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
      assertThat(collector.isAlive()).as("collector exited:%n%s", collector.output()).isTrue();
      HttpResponse<String> status = Http.get("http://127.0.0.1:" + healthPort + "/status");
      return status != null && status.statusCode() == 200
          && status.body().contains("\"status\":\"StatusOK\"");
    });
  }
}
