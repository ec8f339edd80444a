package io.sluice.pipeline.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.sluice.pipeline.ComponentId;
import io.sluice.pipeline.service.TelemetryConfig;
import io.vertx.core.Vertx;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TelemetryFactoryTest {
  private static final String UUID_V4 =
      "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

  @Test
  void resourceDefaultsToSluiceTheGivenVersionAndARandomInstanceId() {
    InternalTelemetry t = TelemetryFactory.create(TelemetryConfig.defaults(), "v0.1.0");

    assertThat(t.resource()).containsOnlyKeys(
        "service.name", "service.version", "service.instance.id");
    assertThat(t.resource()).containsEntry("service.name", "sluice")
        .containsEntry("service.version", "v0.1.0");
    assertThat(t.resource().get("service.instance.id")).matches(UUID_V4);
  }

  @Test
  void configuredResourceOverridesAddsAndSuppresses() {
    Map<String, Optional<String>> resource = new LinkedHashMap<>();
    resource.put("service.name", Optional.of("jaeger"));
    resource.put("service.instance.id", Optional.empty());
    resource.put("deployment.environment", Optional.of("prod"));

    InternalTelemetry t = TelemetryFactory.create(config(MetricsLevel.BASIC, resource), "v1");

    assertThat(t.resource()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "service.name", "jaeger", "service.version", "v1", "deployment.environment", "prod"));
    assertThat(t.scrape()).endsWith("# HELP target_info Target metadata\n"
        + "# TYPE target_info gauge\n"
        + "target_info{deployment_environment=\"prod\",service_name=\"jaeger\","
        + "service_version=\"v1\"} 1\n");
  }

  @Test
  void namesStayAsRegisteredWhateverTheUnitOrSuffix() {
    InternalTelemetry t = TelemetryFactory.create(TelemetryConfig.defaults(), "v1");
    Counter.builder("otelcol_sluice_retries").baseUnit("requests").register(t.registry())
        .increment(2);
    Counter.builder("otelcol_sluice_bytes_total").baseUnit("bytes").register(t.registry());
    DistributionSummary.builder("otelcol_sluice_size").baseUnit("By").register(t.registry())
        .record(3);

    String text = t.scrape();

    assertThat(text)
        .contains("# TYPE otelcol_sluice_retries counter\notelcol_sluice_retries{")
        .contains("# TYPE otelcol_sluice_bytes counter\notelcol_sluice_bytes{")
        .contains("# TYPE otelcol_sluice_size summary\notelcol_sluice_size_sum{")
        .contains("# HELP otelcol_sluice_retries \n")
        .doesNotContain("bytes_total")
        .doesNotContain("retries_requests")
        .doesNotContain("otelcol_sluice_size_max");
  }

  @Test
  void levelNoneRecordsNothingAndServesNothing() {
    InternalTelemetry t = TelemetryFactory.create(
        config(MetricsLevel.NONE, Map.of()), "v1");
    ReceiverMetrics receiver = t.telemetry().receiver(ComponentId.parse("otlp"), "http");

    receiver.record(5, true);

    assertThat(receiver.accepted()).isZero();
    assertThat(t.hasProcessMetrics()).isFalse();
    assertThat(t.scrape()).doesNotContain("otelcol_");
    Vertx vertx = Vertx.vertx();
    try {
      assertThat(t.newServer(vertx)).isEmpty();
    } finally {
      vertx.close();
    }
  }

  @Test
  void labelNamesReplaceInvalidCharacters() {
    assertThat(TelemetryFactory.labelName("service.instance.id")).isEqualTo("service_instance_id");
    assertThat(TelemetryFactory.labelName("k8s.pod-name")).isEqualTo("k8s_pod_name");
    assertThat(TelemetryFactory.labelName("1st")).isEqualTo("key_1st");
  }

  private static TelemetryConfig config(
      MetricsLevel level, Map<String, Optional<String>> resource) {
    return new TelemetryConfig(level, "localhost", 0, resource, "info", "console");
  }
}
