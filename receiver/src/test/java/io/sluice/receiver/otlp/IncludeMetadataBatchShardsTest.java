package io.sluice.receiver.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.pipeline.ComponentId;
import io.sluice.pipeline.ComponentKind;
import io.sluice.pipeline.CreateSettings;
import io.sluice.pipeline.Traces;
import io.sluice.processor.batch.BatchConfig;
import io.sluice.processor.batch.BatchProcessor;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * End to end through the real OTLP/HTTP receiver with {@code include_metadata: true} and the
 * real batch processor with {@code metadata_keys: [X-Tenant]}: tenants are batched apart, each
 * batch carries its tenant, and a combination past the cardinality limit is an HTTP 500.
 */
class IncludeMetadataBatchShardsTest {
  private ReceiverFixture fixture;
  private BatchProcessor batch;

  @BeforeEach
  void start() throws Exception {
    fixture = new ReceiverFixture();
    BatchConfig config = new BatchConfig(4, Duration.ofSeconds(30), 0, List.of("X-Tenant"), 2,
        Duration.ofSeconds(5));
    batch = new BatchProcessor(new CreateSettings(ComponentId.parse("batch"),
        ComponentKind.PROCESSOR, fixture.vertx, fixture.telemetry), config, fixture.consumer);
    batch.start(new TestHost()).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    OtlpReceiverConfig.Http http = OtlpReceiverConfig.Http.defaults()
        .withEndpoint(new Endpoint("127.0.0.1", 0))
        .withIncludeMetadata(true);
    fixture.startHttp(new OtlpHttpReceiver(fixture.settings, http, batch));
  }

  @AfterEach
  void stop() throws Exception {
    batch.shutdown().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    fixture.close();
  }

  @Test
  void tenantsAreBatchedApartAndTheThirdTenantIsRefused() throws Exception {
    assertThat(post("acme", 2).statusCode()).isEqualTo(200);
    assertThat(post("globex", 3).statusCode()).isEqualTo(200);
    assertThat(post("acme", 2).statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(5)).until(() -> fixture.consumer.received().size() == 1);

    HttpResponse<byte[]> refused = post("initech", 1);
    batch.shutdown().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);

    assertThat(refused.statusCode()).isEqualTo(500);
    assertThat(OtlpRequests.protobufStatus(refused.body()))
        .isEqualTo("13: too many batcher metadata-value combinations");
    List<Traces> batches = fixture.consumer.received();
    assertThat(batches).extracting(Traces::spanCount).containsExactly(4, 3);
    assertThat(batches.get(0).metadata().values())
        .containsExactly(Map.entry("x-tenant", List.of("acme")));
    assertThat(batches.get(1).metadata().values())
        .containsExactly(Map.entry("x-tenant", List.of("globex")));
    assertThat(fixture.httpMetrics().accepted()).isEqualTo(7);
    assertThat(fixture.httpMetrics().refused()).isEqualTo(1);
  }

  private HttpResponse<byte[]> post(String tenant, int spans) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(fixture.tracesUrl()))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/x-protobuf")
        .header("X-Tenant", tenant)
        .POST(HttpRequest.BodyPublishers.ofByteArray(OtlpRequests.request(spans).toByteArray()))
        .build();
    return OtlpRequests.CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }
}
