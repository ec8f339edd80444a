package io.sluice.pipeline.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.pipeline.ComponentId;
import io.sluice.pipeline.service.TelemetryConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {
  private static final Pattern UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  private static final Pattern PROCESS_VALUE = Pattern.compile("^(otelcol_process_\\S+\\}) \\S+$");
  private static final double[] BATCH_BUCKETS = {
    10, 25, 50, 75, 100, 250, 500, 750, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000,
    10000, 20000, 30000, 50000, 100000
  };

  @Test
  void expositionMatchesJaegerLineByLine() throws IOException {
    InternalTelemetry internal = TelemetryFactory.create(config(), "v0.1.0");
    record(internal.telemetry());

    List<String> lines = mask(internal.scrape());

    assertThat(lines).containsExactlyElementsOf(golden("exposition.golden.txt"));
  }

  private static TelemetryConfig config() {
    TelemetryConfig defaults = TelemetryConfig.defaults();
    return new TelemetryConfig(defaults.metricsLevel(), "localhost", 0,
        Map.of("service.name", Optional.of("jaeger")), "info", "console");
  }

  private static void record(Telemetry telemetry) {
    ReceiverMetrics http = telemetry.receiver(ComponentId.parse("otlp"), "http");
    http.record(42, true);
    http.record(3, false);
    telemetry.receiver(ComponentId.parse("otlp"), "grpc").record(1_500_000, true);
    ExporterMetrics exporter = telemetry.exporter(ComponentId.parse("jaeger_storage_exporter"));
    exporter.sent(1_234_567);
    exporter.sendFailed(0);
    MeterRegistry registry = telemetry.registry();
    DistributionSummary sizes = DistributionSummary
        .builder("otelcol_processor_batch_batch_send_size")
        .description("Number of units in the batch [alpha]")
        .serviceLevelObjectives(BATCH_BUCKETS)
        .tag("processor", "batch")
        .register(registry);
    sizes.record(42);
    sizes.record(8192);
    sizes.record(0.5);
    Gauge.builder("otelcol_processor_batch_metadata_cardinality", () -> 1)
        .description("Number of distinct metadata value combinations being processed [alpha]")
        .tag("processor", "batch")
        .register(registry);
  }

  private static List<String> mask(String exposition) {
    return Arrays.stream(exposition.split("\n", -1))
        .map(line -> UUID.matcher(line).replaceAll("<uuid>"))
        .map(line -> PROCESS_VALUE.matcher(line).replaceAll("$1 <value>"))
        .toList();
  }

  private static List<String> golden(String name) throws IOException {
    try (InputStream in = PrometheusTextTest.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return Arrays.asList(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1));
    }
  }
}
