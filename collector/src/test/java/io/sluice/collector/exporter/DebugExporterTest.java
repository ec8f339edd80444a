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
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DebugExporterTest {
  private static final ComponentId ID = ComponentId.parse("debug");
  private static Vertx vertx;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Telemetry telemetry = new Telemetry(MetricsLevel.BASIC, registry);
  private final AtomicLong nanos = new AtomicLong();
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final DebugExporterFactory factory = new DebugExporterFactory(
      new PrintStream(stdout, true, StandardCharsets.UTF_8), nanos::get);
  private final LogLines log = LogLines.of(DebugExporter.class);

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void closeVertx() {
    vertx.close();
  }

  @AfterEach
  void stopCapture() {
    log.close();
  }

  @Test
  void emptyEntryGetsTheCollectorsDefaults() {
    assertThat(factory.decodeConfig(debugNode("exporters:\n  debug:\n")))
        .isEqualTo(new DebugConfig(MetricsLevel.BASIC, 2, 1, true))
        .isEqualTo(DebugConfig.defaults());
  }

  @Test
  void decodesEveryKeyWithVerbosityCaseInsensitive() {
    DebugConfig config = factory.decodeConfig(debugNode("exporters:\n  debug:\n"
        + "    verbosity: Detailed\n    sampling_initial: 5\n    sampling_thereafter: 10\n"
        + "    use_internal_logger: false\n"));

    assertThat(config).isEqualTo(new DebugConfig(MetricsLevel.DETAILED, 5, 10, false));
  }

  @Test
  void unknownKeyIsRejectedWithFileLineAndPath() {
    assertThatThrownBy(() -> factory.decodeConfig(debugNode(
        "exporters:\n  debug:\n    verbosity: normal\n    loglevel: debug\n")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("debug.yaml:4: exporters::debug: has invalid keys: loglevel");
  }

  @Test
  void verbosityNoneIsRefused() {
    assertThatThrownBy(() -> factory.decodeConfig(debugNode(
        "exporters:\n  debug:\n    verbosity: none\n")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("debug.yaml:3: exporters::debug::verbosity: verbosity level \"None\" is not"
            + " supported: use basic, normal or detailed");
  }

  @Test
  void unknownVerbosityNamesTheValidLevels() {
    assertThatThrownBy(() -> factory.decodeConfig(debugNode(
        "exporters:\n  debug:\n    verbosity: loud\n")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("debug.yaml:3: exporters::debug::verbosity: unknown metrics level \"loud\":"
            + " expected none, basic, normal or detailed");
  }

  @Test
  void negativeSamplingIsRejected() {
    assertThatThrownBy(() -> factory.decodeConfig(debugNode(
        "exporters:\n  debug:\n    sampling_initial: -1\n")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("debug.yaml:3: exporters::debug::sampling_initial: expected a non-negative"
            + " integer, got -1");
  }

  @Test
  void basicLogsOneCountLinePerBatchAndCountsSpansSent() {
    Exporter exporter = create(DebugConfig.defaults());

    consume(exporter, TestTraces.twoResourcesThreeSpans());
    consume(exporter, Traces.empty());

    assertThat(log.all()).containsExactly(
        "INFO Traces {\"kind\": \"exporter\", \"data_type\": \"traces\", \"name\": \"debug\","
            + " \"resource spans\": 2, \"spans\": 3}",
        "INFO Traces {\"kind\": \"exporter\", \"data_type\": \"traces\", \"name\": \"debug\","
            + " \"resource spans\": 0, \"spans\": 0}");
    assertThat(sentSpans()).isEqualTo(3);
  }

  @Test
  void normalAddsOneLinePerSpanWithItsIdsAndAttributes() {
    Exporter exporter = create(new DebugConfig(MetricsLevel.NORMAL, 2, 1, true));

    consume(exporter, TestTraces.twoResourcesThreeSpans());

    String id = TestTraces.TRACE_ID;
    assertThat(log.all()).containsExactly(
        "INFO Traces {\"kind\": \"exporter\", \"data_type\": \"traces\", \"name\": \"debug\","
            + " \"resource spans\": 2, \"spans\": 3}",
        "INFO GET /cart " + id + " 1112131415161718 http.status_code=200\n"
            + "SELECT " + id + " 2122232425262728\n"
            + "login " + id + " 3132333435363738 user=ann ok=true");
    assertThat(sentSpans()).isEqualTo(3);
  }

  @Test
  void detailedWritesEveryField() {
    Exporter exporter = create(new DebugConfig(MetricsLevel.DETAILED, 2, 1, true));

    consume(exporter, TestTraces.oneDetailedSpan());

    String id = TestTraces.TRACE_ID;
    assertThat(log.all()).containsExactly(
        "INFO Traces {\"kind\": \"exporter\", \"data_type\": \"traces\", \"name\": \"debug\","
            + " \"resource spans\": 1, \"spans\": 1}",
        String.join("\n",
            "INFO ResourceSpans #0",
            "Resource SchemaURL: ",
            "Resource attributes:",
            "     -> service.name: Str(checkout)",
            "ScopeSpans #0",
            "ScopeSpans SchemaURL: ",
            "InstrumentationScope io.shop 1.2",
            "Span #0",
            "    Trace ID       : " + id,
            "    Parent ID      : ",
            "    ID             : 1112131415161718",
            "    Name           : GET /cart",
            "    Kind           : Server",
            "    TraceState     : ot=th:0",
            "    Start time     : 2020-02-11 20:26:12.000000321 +0000 UTC",
            "    End time       : 2020-02-11 20:26:13 +0000 UTC",
            "    Status code    : Error",
            "    Status message : cancelled",
            "Attributes:",
            "     -> http.status_code: Int(500)",
            "     -> ratio: Double(0.25)",
            "     -> tags: Slice([\"a\",2])",
            "     -> db: Map({\"name\":\"cart\",\"system\":\"pg\"})",
            "Events:",
            "SpanEvent #0",
            "     -> Name: retry",
            "     -> Timestamp: 2020-02-11 20:26:12.5 +0000 UTC",
            "     -> DroppedAttributesCount: 0",
            "     -> Attributes::",
            "          -> attempt: Int(2)",
            "Links:",
            "SpanLink #0",
            "     -> Trace ID: " + id,
            "     -> ID: 2122232425262728",
            "     -> TraceState: ",
            "     -> DroppedAttributesCount: 1"));
    assertThat(sentSpans()).isEqualTo(1);
  }

  @Test
  void samplingWritesTheFirstLinesOfEachSecondThenEveryNth() {
    Exporter exporter = create(new DebugConfig(MetricsLevel.BASIC, 2, 3, true));

    for (int i = 0; i < 8; i++) {
      consume(exporter, TestTraces.twoResourcesThreeSpans());
    }
    assertThat(log.all()).hasSize(4);
    nanos.addAndGet(1_000_000_000L);
    consume(exporter, TestTraces.twoResourcesThreeSpans());

    assertThat(log.all()).hasSize(5);
    assertThat(sentSpans()).as("sampled-away batches are still sent").isEqualTo(27);
  }

  @Test
  void samplingThereafterZeroStopsAfterTheInitialLines() {
    Exporter exporter = create(new DebugConfig(MetricsLevel.BASIC, 1, 0, true));

    for (int i = 0; i < 5; i++) {
      consume(exporter, TestTraces.twoResourcesThreeSpans());
    }

    assertThat(log.all()).hasSize(1);
    assertThat(sentSpans()).isEqualTo(15);
  }

  @Test
  void withoutTheInternalLoggerWritesBareLinesToStandardOutput() {
    Exporter exporter = create(new DebugConfig(MetricsLevel.BASIC, 2, 1, false));

    consume(exporter, TestTraces.twoResourcesThreeSpans());

    assertThat(log.all()).isEmpty();
    assertThat(stdout.toString(StandardCharsets.UTF_8)).isEqualTo(
        "Traces {\"kind\": \"exporter\", \"data_type\": \"traces\", \"name\": \"debug\","
            + " \"resource spans\": 2, \"spans\": 3}" + System.lineSeparator());
  }

  @Test
  void startAndShutdownSucceedAtOnce() {
    Exporter exporter = create(DebugConfig.defaults());

    assertThat(exporter.start(null).succeeded()).isTrue();
    assertThat(exporter.shutdown().succeeded()).isTrue();
  }

  private Exporter create(DebugConfig config) {
    return factory.createTraces(
        new CreateSettings(ID, ComponentKind.EXPORTER, vertx, telemetry), config);
  }

  private static void consume(Exporter exporter, Traces traces) {
    assertThat(exporter.consume(traces).succeeded()).isTrue();
  }

  private long sentSpans() {
    return telemetry.exporter(ID).sentCount();
  }

  static ConfigNode debugNode(String yaml) {
    ConfigNode root = new ConfigLoader(Map.of())
        .loadSources(List.of(ConfigSource.yaml("debug.yaml", yaml)));
    return root.get("exporters").get("debug");
  }
}
