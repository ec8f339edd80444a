package io.sluice.collector.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.config.ConfigLoader;
import io.sluice.config.ConfigSource;
import io.sluice.pipeline.ComponentId;
import io.sluice.pipeline.ComponentKind;
import io.sluice.pipeline.CreateSettings;
import io.sluice.pipeline.Exporter;
import io.sluice.pipeline.Traces;
import io.sluice.pipeline.config.ConfigException;
import io.sluice.pipeline.config.ConfigNode;
import io.sluice.pipeline.telemetry.MetricsLevel;
import io.sluice.pipeline.telemetry.Telemetry;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NopExporterTest {
  private static final ComponentId ID = ComponentId.parse("nop/sink");

  private final NopExporterFactory factory = new NopExporterFactory();
  private final Telemetry telemetry = new Telemetry(MetricsLevel.BASIC, new SimpleMeterRegistry());

  @Test
  void isTheNopExporter() {
    assertThat(factory.type()).isEqualTo("nop");
    assertThat(factory.kind()).isEqualTo(ComponentKind.EXPORTER);
  }

  @Test
  void acceptsEveryBatchAndCountsItsSpansSent() {
    Vertx vertx = Vertx.vertx();
    try {
      Exporter exporter = factory.createTraces(
          new CreateSettings(ID, ComponentKind.EXPORTER, vertx, telemetry),
          factory.decodeConfig(nopNode("exporters:\n  nop/sink:\n")));

      assertThat(exporter.start(null).succeeded()).isTrue();
      assertThat(exporter.consume(TestTraces.twoResourcesThreeSpans()).succeeded()).isTrue();
      assertThat(exporter.consume(TestTraces.oneDetailedSpan()).succeeded()).isTrue();
      assertThat(exporter.consume(Traces.empty()).succeeded()).isTrue();
      assertThat(exporter.shutdown().succeeded()).isTrue();

      assertThat(telemetry.exporter(ID).sentCount()).isEqualTo(4);
      assertThat(telemetry.exporter(ID).sendFailedCount()).isZero();
    } finally {
      vertx.close();
    }
  }

  @Test
  void anyKeyIsRejected() {
    assertThatThrownBy(() -> factory.decodeConfig(nopNode("exporters:\n  nop/sink:\n"
        + "    verbosity: basic\n")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("nop.yaml:3: exporters::nop/sink: has invalid keys: verbosity");
  }

  private static ConfigNode nopNode(String yaml) {
    ConfigNode root = new ConfigLoader(Map.of())
        .loadSources(List.of(ConfigSource.yaml("nop.yaml", yaml)));
    return root.get("exporters").get("nop/sink");
  }
}
