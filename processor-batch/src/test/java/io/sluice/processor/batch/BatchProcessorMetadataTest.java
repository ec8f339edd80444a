package io.sluice.processor.batch;

import static io.sluice.processor.batch.TestTraces.expectedNames;
import static io.sluice.processor.batch.TestTraces.spans;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.pipeline.ClientMetadata;
import io.sluice.pipeline.ComponentId;
import io.sluice.pipeline.ComponentKind;
import io.sluice.pipeline.ConsumerException;
import io.sluice.pipeline.CreateSettings;
import io.sluice.pipeline.Traces;
import io.sluice.pipeline.telemetry.MetricsLevel;
import io.sluice.pipeline.telemetry.Telemetry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Multi-shard mode: {@code metadata_keys} give each combination of values its own batcher. */
class BatchProcessorMetadataTest {
  private static Vertx vertx;

  private final ManualScheduler clock = new ManualScheduler();
  private final RecordingConsumer next = new RecordingConsumer();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final List<BatchProcessor> processors = new ArrayList<>();

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
    Awaitility.setDefaultPollDelay(Duration.ZERO);
    Awaitility.setDefaultPollInterval(Duration.ofMillis(2));
  }

  @AfterAll
  static void closeVertx() throws Exception {
    Awaitility.reset();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void shutDownProcessors() {
    next.unstall();
    for (BatchProcessor p : processors) {
      p.shutdown();
    }
  }

  @Test
  void interleavedTenantsNeverShareABatchAndSizeTriggersPerShard() {
    BatchProcessor p = started(config(3, 1000), List.of("X-Tenant"));

    consume(p, spans("a", 0, 1), tenant("A", "agent-1"));
    consume(p, spans("b", 0, 1), tenant("B", "agent-1"));
    consume(p, spans("a", 1, 1), tenant("A", "agent-2"));
    consume(p, spans("b", 1, 1), tenant("B", "agent-2"));
    consume(p, spans("a", 2, 1), tenant("A", "agent-3"));
    await().until(() -> next.batchCount() == 1);
    awaitQuiet(p);
    clock.advance(Duration.ofMillis(200));
    await().until(() -> next.batchCount() == 2);

    assertThat(next.batchNames())
        .containsExactly(expectedNames("a", 0, 3), expectedNames("b", 0, 2));
    assertThat(next.received().get(0).metadata().values())
        .containsExactly(Map.entry("x-tenant", List.of("A")));
    assertThat(next.received().get(1).metadata().values())
        .containsExactly(Map.entry("x-tenant", List.of("B")));
    assertThat(counter("otelcol_processor_batch_batch_size_trigger_send")).isEqualTo(1);
    assertThat(counter("otelcol_processor_batch_timeout_trigger_send")).isEqualTo(1);
  }

  @Test
  void combinationPastTheLimitFailsPermanentlyAndNothingIsTaken() {
    BatchProcessor p = started(config(100, 2), List.of("x-tenant"));
    consume(p, spans("a", 0, 1), tenant("A", "x"));
    consume(p, spans("b", 0, 1), tenant("B", "x"));

    Future<Void> third = p.consume(spans("c", 0, 5).withMetadata(tenant("C", "x")));

    assertThat(third.failed()).isTrue();
    assertThat(third.cause()).isInstanceOf(ConsumerException.class)
        .hasMessage("too many batcher metadata-value combinations");
    assertThat(((ConsumerException) third.cause()).kind())
        .isEqualTo(ConsumerException.Kind.PERMANENT);
    assertThat(p.heldSpans()).isEqualTo(2);
    assertThat(p.shardCount()).isEqualTo(2);
    assertThat(gauge("otelcol_processor_batch_metadata_cardinality")).isEqualTo(2.0);
    assertThat(p.consume(spans("a", 1, 1).withMetadata(tenant("A", "y"))).succeeded()).isTrue();
  }

  @Test
  void missingKeyIsAShardOfItsOwnWithNoMetadata() {
    BatchProcessor p = started(config(2, 1000), List.of("x-tenant"));

    consume(p, spans("none", 0, 1), ClientMetadata.EMPTY);
    consume(p, spans("a", 0, 1), tenant("A", "x"));
    consume(p, spans("none", 1, 1), ClientMetadata.of(Map.of("user-agent", List.of("y"))));
    await().until(() -> next.batchCount() == 1);

    assertThat(next.batchNames()).containsExactly(expectedNames("none", 0, 2));
    assertThat(next.received().get(0).metadata()).isSameAs(ClientMetadata.EMPTY);
    assertThat(p.shardCount()).isEqualTo(2);
  }

  @Test
  void cardinalityGaugeCountsShardsAndSingleShardStaysOne() {
    BatchProcessor p = started(config(100, 0), List.of("x-tenant", "x-region"));
    assertThat(gauge("otelcol_processor_batch_metadata_cardinality")).isEqualTo(0.0);

    for (String tenant : List.of("A", "B", "C", "A")) {
      consume(p, spans(tenant, 0, 1), tenant(tenant, "x"));
    }
    consume(p, spans("A", 1, 1), ClientMetadata.of(
        Map.of("x-tenant", List.of("A"), "x-region", List.of("eu"))));

    assertThat(gauge("otelcol_processor_batch_metadata_cardinality")).isEqualTo(4.0);
    assertThat(gauge("otelcol_processor_batch_channel_capacity")).isEqualTo(8.0);
    assertThat(singleShardGauge()).isEqualTo(1.0);
  }

  @Test
  void shutdownDrainsEveryShard() throws Exception {
    BatchProcessor p = started(config(100, 1000), List.of("x-tenant"));
    consume(p, spans("a", 0, 2), tenant("A", "x"));
    consume(p, spans("b", 0, 3), tenant("B", "x"));

    p.shutdown().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);

    assertThat(next.batchNames()).containsExactlyInAnyOrder(
        expectedNames("a", 0, 2), expectedNames("b", 0, 3));
    assertThat(p.heldSpans()).isZero();
    assertThat(counter("otelcol_processor_batch_timeout_trigger_send")).isEqualTo(2);
    Future<Void> late = p.consume(spans("c", 0, 1).withMetadata(tenant("C", "x")));
    assertThat(late.cause()).hasMessage("batch processor batch is shutting down: the data was "
        + "not taken");
    assertThat(ConsumerException.isPermanent(late.cause())).isFalse();
  }

  private BatchProcessor started(BatchConfig config, List<String> keys) {
    BatchConfig withKeys = new BatchConfig(config.sendBatchSize(), config.timeout(),
        config.sendBatchMaxSize(), keys, config.metadataCardinalityLimit(), config.maxWait());
    BatchProcessor p = new BatchProcessor(settings(), withKeys, next,
        BatchTuning.defaults().withChannelCapacity(2).withScheduler(clock));
    processors.add(p);
    assertThat(p.start(BatchProcessorTest.HOST).succeeded()).isTrue();
    return p;
  }

  // A single-shard instance of another id in the same registry.
  private double singleShardGauge() {
    BatchProcessor single = new BatchProcessor(
        new CreateSettings(ComponentId.parse("batch/single"), ComponentKind.PROCESSOR, vertx,
            new Telemetry(MetricsLevel.BASIC, registry)),
        BatchProcessorTest.config(100, Duration.ofMillis(200), 0), next,
        BatchTuning.defaults().withChannelCapacity(2).withScheduler(clock));
    processors.add(single);
    return registry.get("otelcol_processor_batch_metadata_cardinality")
        .tag("processor", "batch/single").gauge().value();
  }

  // Each new shard arms its first tick when its thread starts; time must not move before that.
  private void consume(BatchProcessor p, Traces traces, ClientMetadata metadata) {
    assertThat(p.consume(traces.withMetadata(metadata)).succeeded()).isTrue();
    awaitQuiet(p);
  }

  private static ClientMetadata tenant(String tenant, String agent) {
    return ClientMetadata.of(Map.of("X-Tenant", List.of(tenant), "user-agent", List.of(agent)));
  }

  private static BatchConfig config(int size, int cardinalityLimit) {
    return new BatchConfig(size, Duration.ofMillis(200), 0, List.of(), cardinalityLimit,
        Duration.ofSeconds(5));
  }

  private CreateSettings settings() {
    return new CreateSettings(ComponentId.parse("batch"), ComponentKind.PROCESSOR, vertx,
        new Telemetry(MetricsLevel.BASIC, registry));
  }

  private double counter(String name) {
    return registry.get(name).tag("processor", "batch").counter().count();
  }

  private double gauge(String name) {
    return registry.get(name).tag("processor", "batch").gauge().value();
  }

  private static void awaitQuiet(BatchProcessor p) {
    await().atMost(Duration.ofSeconds(5)).until(p::isQuiet);
  }
}
