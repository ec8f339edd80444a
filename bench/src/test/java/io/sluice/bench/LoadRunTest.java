package io.sluice.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LoadRunTest {

  @Test
  void everySpanOfTheUsersTracesIsExportedAndCounted() throws Exception {
    // The SDK queue holds all 300 spans, so no drop can happen however slow the machine is.
    LoadConfig roomy = new LoadConfig("unused", Protocol.HTTP_PROTOBUF, 2, 50, "grm-service",
        false, 512, 64, Duration.ofMillis(50), 0);
    try (FakeCollector collector = new FakeCollector(200, 0);
        LoadRun run = new LoadRun(withEndpoint(roomy, collector.endpoint()))) {
      run.sendAll();
      run.drain();

      assertThat(run.counts()).isEqualTo(new SpanCounts(300, 300, 0, 0, 0));
      assertThat(collector.acceptedSpans()).isEqualTo(300);
    }
  }

  @Test
  void eachTraceIsAGinRequestWithARedisAndAGormChild() throws Exception {
    List<ScopeSpans> scopes;
    try (FakeCollector collector = new FakeCollector(200, 0);
        LoadRun run = new LoadRun(config(collector, 1, 1, false))) {
      run.sendAll();
      run.drain();
      ResourceSpans resource = collector.accepted().get(0);
      assertThat(attributes(resource.getResource().getAttributesList()))
          .containsEntry("service.name", "grm-service");
      scopes = collector.accepted().stream()
          .flatMap(r -> r.getScopeSpansList().stream()).toList();
    }

    Map<String, Span> byScope = scopes.stream().collect(Collectors.toMap(
        scope -> scope.getScope().getName(), scope -> scope.getSpans(0)));
    Span server = byScope.get(UserTrace.GIN_SCOPE);
    Span redis = byScope.get(UserTrace.REDIS_SCOPE);
    Span gorm = byScope.get(UserTrace.GORM_SCOPE);
    assertThat(List.of(server.getName(), redis.getName(), gorm.getName()))
        .containsExactly("/ping/GRM", "ping", "gorm.Raw");
    assertThat(List.of(server.getKind(), redis.getKind(), gorm.getKind())).containsExactly(
        Span.SpanKind.SPAN_KIND_SERVER, Span.SpanKind.SPAN_KIND_CLIENT,
        Span.SpanKind.SPAN_KIND_CLIENT);
    assertThat(server.getParentSpanId().isEmpty()).isTrue();
    assertThat(List.of(redis.getParentSpanId(), gorm.getParentSpanId()))
        .containsOnly(server.getSpanId());
    assertThat(List.of(redis.getTraceId(), gorm.getTraceId())).containsOnly(server.getTraceId());
    assertThat(redis.getStartTimeUnixNano() - server.getStartTimeUnixNano()).isEqualTo(100_000);
    assertThat(gorm.getStartTimeUnixNano() - redis.getStartTimeUnixNano()).isEqualTo(100_000);
    assertThat(server.getEndTimeUnixNano() - server.getStartTimeUnixNano()).isEqualTo(700_000);
    assertThat(attributes(server.getAttributesList())).containsEntry("http.route", "/ping/GRM")
        .containsEntry("http.method", "GET").containsEntry("http.status_code", 200L)
        .containsEntry("net.host.port", 8080L)
        .containsEntry("user_agent.original", "Go-http-client/1.1");
    assertThat(attributes(redis.getAttributesList())).containsEntry("db.system", "redis")
        .containsEntry("db.statement", "ping").containsEntry("net.peer.port", 6379L);
    assertThat(attributes(gorm.getAttributesList())).containsEntry("db.system", "mysql")
        .containsEntry("db.rows_affected", 1L).containsEntry("server.port", 3306L);
    assertThat(scopes).extracting(scope -> scope.getScope().getVersion())
        .containsOnly(UserTrace.SCOPE_VERSION);
  }

  @Test
  void aSlowCollectorFillsTheQueueAndTheSdkCountsTheDrops() throws Exception {
    try (FakeCollector collector = new FakeCollector(200, 20);
        LoadRun run = new LoadRun(config(collector, 2, 1000, false))) {
      run.sendAll();
      run.drain();
      SpanCounts counts = run.counts();

      assertThat(counts.ended()).isEqualTo(6000);
      assertThat(counts.dropped()).isPositive();
      assertThat(counts.failed()).isZero();
      assertThat(counts.exported() + counts.dropped()).isEqualTo(6000);
      assertThat(collector.acceptedSpans()).isEqualTo(counts.exported());
    }
  }

  @Test
  void losslessMakesWorkersWaitInsteadOfDropping() throws Exception {
    try (FakeCollector collector = new FakeCollector(200, 20);
        LoadRun run = new LoadRun(config(collector, 2, 1000, true))) {
      run.sendAll();
      run.drain();

      assertThat(run.counts()).isEqualTo(new SpanCounts(6000, 6000, 0, 0, 0));
      assertThat(collector.acceptedSpans()).isEqualTo(6000);
    }
  }

  @Test
  void refusedExportsAreCountedAsFailed() throws Exception {
    try (FakeCollector collector = new FakeCollector(400, 0);
        LoadRun run = new LoadRun(config(collector, 1, 10, false))) {
      run.sendAll();
      run.drain();

      assertThat(run.counts()).isEqualTo(new SpanCounts(30, 0, 30, 0, 0));
    }
  }

  @Test
  void pacedWorkersTakeAtLeastTheirSchedule() throws Exception {
    LoadConfig paced = new LoadConfig("unused", Protocol.HTTP_PROTOBUF, 2, 20, "grm-service",
        false, 2048, 512, Duration.ofMillis(50), 100);
    try (FakeCollector collector = new FakeCollector(200, 0);
        LoadRun run = new LoadRun(withEndpoint(paced, collector.endpoint()))) {
      Duration load = run.sendAll();
      run.drain();

      assertThat(load).isGreaterThanOrEqualTo(Duration.ofMillis(200));
      assertThat(run.counts().exported()).isEqualTo(120);
    }
  }

  /** A small queue and a short delay so that the tests see drops and exports quickly. */
  private static LoadConfig config(FakeCollector collector, int workers, int traces,
      boolean lossless) {
    return new LoadConfig(collector.endpoint(), Protocol.HTTP_PROTOBUF, workers, traces,
        "grm-service", lossless, 256, 64, Duration.ofMillis(50), 0);
  }

  private static LoadConfig withEndpoint(LoadConfig config, String endpoint) {
    return new LoadConfig(endpoint, config.protocol(), config.workers(), config.tracesPerWorker(),
        config.serviceName(), config.lossless(), config.maxQueueSize(),
        config.maxExportBatchSize(), config.scheduleDelay(), config.tracesPerSecondPerWorker());
  }

  private static Map<String, Object> attributes(List<KeyValue> attributes) {
    List<Map.Entry<String, Object>> entries = new ArrayList<>();
    for (KeyValue attribute : attributes) {
      entries.add(Map.entry(attribute.getKey(), value(attribute.getValue())));
    }
    return entries.stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  private static Object value(AnyValue value) {
    return value.hasIntValue() ? (Object) value.getIntValue() : value.getStringValue();
  }
}
