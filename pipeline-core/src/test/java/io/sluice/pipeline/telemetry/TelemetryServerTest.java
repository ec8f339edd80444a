package io.sluice.pipeline.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.pipeline.ComponentId;
import io.sluice.pipeline.service.TelemetryConfig;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TelemetryServerTest {
  private final HttpClient client = HttpClient.newHttpClient();
  private Vertx vertx;
  private TelemetryServer server;

  @BeforeEach
  void startServer() throws Exception {
    vertx = Vertx.vertx();
    TelemetryConfig config = new TelemetryConfig(MetricsLevel.NORMAL, "127.0.0.1", 0,
        Map.of("service.instance.id", Optional.of("id-1")), "info", "console");
    InternalTelemetry telemetry = TelemetryFactory.create(config, "v1");
    telemetry.telemetry().receiver(ComponentId.parse("otlp"), "http").record(7, true);
    server = telemetry.newServer(vertx).orElseThrow();
    server.start().toCompletionStage().toCompletableFuture().get();
  }

  @AfterEach
  void stopServer() throws Exception {
    server.shutdown().toCompletionStage().toCompletableFuture().get();
    vertx.close().toCompletionStage().toCompletableFuture().get();
  }

  @Test
  void metricsPathServesTheExposition() throws Exception {
    HttpResponse<String> response = get("/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(response.body()).contains("otelcol_receiver_accepted_spans{receiver=\"otlp\","
        + "service_instance_id=\"id-1\",service_name=\"sluice\",service_version=\"v1\","
        + "transport=\"http\"} 7\n");
  }

  @Test
  void otherPathsAreNotFound() throws Exception {
    HttpResponse<String> response = get("/metrics/x");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).isEqualTo("404 page not found\n");
  }

  private HttpResponse<String> get(String path) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + server.actualPort() + path);
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
