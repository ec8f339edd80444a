package io.sluice.collector.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.testsupport.OpenSearchNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM right after the client's last export: everything the collector accepted (answered
 * 200 for) is flushed from the batch processor and the exporter queue into OpenSearch before the
 * process exits 0.
 */
class SigtermDrainIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int TRACES = 3000;

  @Test
  void sigtermLosesNothingThatWasAccepted() throws Exception {
    OpenSearchNode openSearch = OpenSearchNode.shared();
    int otlpPort = CollectorProcess.freePort();
    int healthPort = CollectorProcess.freePort();
    CollectorProcess collector = CollectorProcess.start("sigterm-drain", List.of(
        "--config", UserConfigOpenSearchIT.FIXTURE,
        "--set", "extensions.jaeger_storage.backends.some_storage.elasticsearch.indices"
            + ".index_prefix=drain",
        "--set", "receivers.otlp.protocols.http.endpoint=127.0.0.1:" + otlpPort,
        "--set", "service.telemetry.metrics.address=127.0.0.1:" + CollectorProcess.freePort(),
        "--set", "extensions.healthcheckv2.http.endpoint=127.0.0.1:" + healthPort,
        "--set", "extensions.jaeger_query.http.endpoint=127.0.0.1:" + CollectorProcess.freePort()),
        Map.of("ES_SERVER_URLS", openSearch.httpUrl(), "ES_USERNAME", "", "ES_PASSWORD", ""));
    try (collector) {
      awaitHealthy(collector, healthPort);
      long exported;
      try (UserLoad load = new UserLoad("http://127.0.0.1:" + otlpPort)) {
        load.send(TRACES);
        load.flush();
        exported = load.exportedSpans();
      }

      int status = collector.terminate(60);

      assertThat(exported).isEqualTo(TRACES * 3L);
      assertThat(status).as(collector.output()).isZero();
      assertThat(collector.output()).contains("Shutdown complete");
      Http.send("POST", openSearch.httpUrl() + "/_refresh", "");
      String count = Http.get(openSearch.httpUrl() + "/drain-jaeger-span-2024-12-17/_count").body();
      assertThat(JSON.readTree(count).get("count").asLong()).isEqualTo(exported);
    }
  }

  private static void awaitHealthy(CollectorProcess collector, int healthPort) {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
      assertThat(collector.isAlive()).as("collector exited:%n%s", collector.output()).isTrue();
      HttpResponse<String> status = Http.get("http://127.0.0.1:" + healthPort + "/status");
      return status != null && status.statusCode() == 200;
    });
  }
}
