package io.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.config.TestFactories.TestConfig;
import io.sluice.pipeline.ComponentId;
import io.sluice.pipeline.ComponentKind;
import io.sluice.pipeline.CreateSettings;
import io.sluice.pipeline.Factories;
import io.sluice.pipeline.PipelineId;
import io.sluice.pipeline.Processor;
import io.sluice.pipeline.ProcessorFactory;
import io.sluice.pipeline.TracesConsumer;
import io.sluice.pipeline.config.ConfigException;
import io.sluice.pipeline.config.ConfigNode;
import io.sluice.pipeline.service.PipelineConfig;
import io.sluice.pipeline.service.ServiceConfig;
import io.sluice.pipeline.service.TelemetryConfig;
import io.sluice.pipeline.telemetry.MetricsLevel;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Decoding into a {@link ServiceConfig}, and the validation rules of spec §1.4. */
class ServiceConfigDecoderTest {
  private static final Map<String, String> ES_ENV =
      Map.of(
          "ES_SERVER_URLS", "http://127.0.0.1:9200",
          "ES_USERNAME", "elastic",
          "ES_PASSWORD", "changeme");
  private static final String MINIMAL =
      "receivers: {otlp: }\nexporters: {debug: }\n"
          + "service: {pipelines: {traces: {receivers: [otlp], exporters: [debug]}}}\n";

  private static Path resource(String name) {
    try {
      return Path.of(ServiceConfigDecoderTest.class.getResource("/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ServiceConfig decodeYaml(String... yamls) {
    List<ConfigSource> sources =
        Stream.of(yamls).map(y -> ConfigSource.yaml("t.yaml", y)).toList();
    ConfigNode root = new ConfigLoader(Map.of("PORT", "9999")).loadSources(sources);
    return ServiceConfigDecoder.decode(root, TestFactories.jaeger());
  }

  private static ConfigNode loadFixture() {
    String path = resource("jaeger-config.yaml").toString();
    return new ConfigLoader(ES_ENV).load(List.of(path), List.of());
  }

  @Test
  void jaegerFixtureLoadsUnchanged() {
    ConfigNode root = loadFixture();

    ServiceConfig config = ServiceConfigDecoder.decode(root, TestFactories.jaeger());

    PipelineId traces = PipelineId.parse("traces");
    assertThat(config.pipelines())
        .containsExactly(
            Map.entry(
                traces,
                new PipelineConfig(
                    traces,
                    List.of(ComponentId.parse("otlp")),
                    List.of(ComponentId.parse("batch")),
                    List.of(ComponentId.parse("jaeger_storage_exporter")))));
    assertThat(config.extensions())
        .containsExactly(
            ComponentId.parse("jaeger_storage"),
            ComponentId.parse("jaeger_query"),
            ComponentId.parse("healthcheckv2"));
    assertThat(config.telemetry())
        .isEqualTo(
            new TelemetryConfig(
                MetricsLevel.BASIC,
                "0.0.0.0",
                8888,
                Map.of("service.name", Optional.of("jaeger")),
                "info",
                "console"));
    assertThat(config.components().get(ComponentKind.EXTENSION).keySet())
        .containsExactly(
            ComponentId.parse("healthcheckv2"),
            ComponentId.parse("jaeger_query"),
            ComponentId.parse("jaeger_storage"));
  }

  @Test
  void jaegerFixtureExpandsEnvironmentIntoComponentConfigs() {
    ConfigNode root = loadFixture();

    ServiceConfig config = ServiceConfigDecoder.decode(root, TestFactories.jaeger());

    TestConfig storage =
        (TestConfig)
            config.componentConfig(ComponentKind.EXTENSION, ComponentId.parse("jaeger_storage"));
    ConfigNode es = storage.get("backends").get("some_storage").get("elasticsearch");
    assertThat(es.get("server_urls").asStringList()).containsExactly("http://127.0.0.1:9200");
    assertThat(es.get("auth").get("basic").get("username").asString()).isEqualTo("elastic");
    assertThat(es.get("auth").get("basic").get("password").asString()).isEqualTo("changeme");
    assertThat(es.get("indices").get("spans").get("shards").asInt()).isEqualTo(5);
    assertThat(es.get("indices").get("spans").get("date_layout").asString())
        .isEqualTo("2006-01-02");
    TestConfig batch =
        (TestConfig) config.componentConfig(ComponentKind.PROCESSOR, ComponentId.parse("batch"));
    assertThat(batch.values()).isEmpty();
    TestConfig otlp =
        (TestConfig) config.componentConfig(ComponentKind.RECEIVER, ComponentId.parse("otlp"));
    assertThat(otlp.get("protocols").get("http").get("endpoint").asString())
        .isEqualTo("0.0.0.0:4318");
  }

  static Stream<Path> brokenConfigs() throws Exception {
    try (Stream<Path> files = Files.list(resource("broken"))) {
      return files.sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenConfigs")
  void brokenConfigFailsWithExactMessage(Path file) throws Exception {
    String firstLine = Files.readAllLines(file).get(0);
    assertThat(firstLine).startsWith("# expect: ");
    String expected = firstLine.substring("# expect: ".length()).replace("{file}", file.toString());

    assertThatThrownBy(
            () -> {
              ConfigNode root =
                  new ConfigLoader(Map.of()).load(List.of(file.toString()), List.of());
              ServiceConfigDecoder.decode(root, TestFactories.jaeger());
            })
        .isInstanceOf(ConfigException.class)
        .hasMessage(expected);
  }

  @Test
  void telemetryDefaultsWhenAbsent() {
    assertThat(decodeYaml(MINIMAL).telemetry()).isEqualTo(TelemetryConfig.defaults());
  }

  @Test
  void firstPullReaderSetsMetricsEndpointOverAddress() {
    ServiceConfig config =
        decodeYaml(
            MINIMAL,
            "service:\n  telemetry:\n    metrics:\n      level: Detailed\n"
                + "      address: 0.0.0.0:8888\n      readers:\n"
                + "        - pull:\n            exporter:\n              prometheus:\n"
                + "                host: 127.0.0.1\n                port: ${env:PORT}\n"
                + "                without_units: true\n"
                + "        - pull: {exporter: {prometheus: {host: other, port: 1}}}\n");

    TelemetryConfig telemetry = config.telemetry();
    assertThat(telemetry.metricsLevel()).isEqualTo(MetricsLevel.DETAILED);
    assertThat(telemetry.metricsHost()).isEqualTo("127.0.0.1");
    assertThat(telemetry.metricsPort()).isEqualTo(9999);
  }

  @Test
  void addressAcceptsBracketedIpv6Host() {
    ServiceConfig config =
        decodeYaml(MINIMAL, "service: {telemetry: {metrics: {address: '[::1]:9090'}}}\n");

    assertThat(config.telemetry().metricsHost()).isEqualTo("::1");
    assertThat(config.telemetry().metricsPort()).isEqualTo(9090);
  }

  @Test
  void resourceKeyWithNoValueSuppressesAttribute() {
    ServiceConfig config =
        decodeYaml(
            MINIMAL,
            "service:\n  telemetry:\n    resource:\n      service.name: sluice\n"
                + "      service.instance.id:\n");

    assertThat(config.telemetry().resource())
        .containsOnly(
            Map.entry("service.name", Optional.of("sluice")),
            Map.entry("service.instance.id", Optional.empty()));
  }

  @Test
  void ignoredLogAndTraceSettingsAreAccepted() {
    ServiceConfig config =
        decodeYaml(
            MINIMAL,
            "service:\n  telemetry:\n    logs:\n      level: DEBUG\n      encoding: json\n"
                + "      sampling: {enabled: true, tick: 10s, initial: 10, thereafter: 100}\n"
                + "      output_paths: [stderr]\n      error_output_paths: [stderr]\n"
                + "      initial_fields: {app: x}\n      development: false\n"
                + "      disable_caller: true\n      disable_stacktrace: true\n"
                + "    traces:\n      level: none\n      propagators: [tracecontext]\n");

    assertThat(config.telemetry().logLevel()).isEqualTo("debug");
    assertThat(config.telemetry().logEncoding()).isEqualTo("json");
  }

  @Test
  void idListsAcceptCommaSeparatedStringsAndDropRepeatedExtensions() {
    ServiceConfig config =
        decodeYaml(
            "receivers: {otlp: , jaeger: }\nexporters: {debug: }\nextensions: {healthcheckv2: }\n"
                + "service:\n  extensions: [healthcheckv2, healthcheckv2]\n"
                + "  pipelines: {traces: {receivers: 'otlp, jaeger', exporters: debug}}\n");

    assertThat(config.extensions()).containsExactly(ComponentId.parse("healthcheckv2"));
    assertThat(config.pipelines().get(PipelineId.parse("traces")).receivers())
        .containsExactly(ComponentId.parse("otlp"), ComponentId.parse("jaeger"));
  }

  @Test
  void unusedComponentsAreDecodedAndKept() {
    ServiceConfig config = decodeYaml(MINIMAL, "processors: {batch/unused: {timeout: 1s}}\n");

    assertThat(config.components().get(ComponentKind.PROCESSOR))
        .containsOnlyKeys(ComponentId.parse("batch/unused"));
  }

  @Test
  void pipelinesKeepWrittenOrder() {
    ServiceConfig config =
        decodeYaml(
            MINIMAL,
            "service:\n  pipelines:\n    traces/z: {receivers: [otlp], exporters: [debug]}\n"
                + "    traces/a: {receivers: [otlp], exporters: [debug]}\n");

    assertThat(config.pipelines().keySet())
        .extracting(PipelineId::toString)
        .containsExactly("traces", "traces/z", "traces/a");
  }

  @Test
  void factoryFailureOtherThanConfigErrorIsLocated() {
    Factories factories =
        Factories.of(
            List.of(
                new ProcessorFactory<Object>() {
                  @Override
                  public String type() {
                    return "bad";
                  }

                  @Override
                  public Object decodeConfig(ConfigNode node) {
                    throw new IllegalArgumentException("size must be positive");
                  }

                  @Override
                  public Processor createTraces(CreateSettings s, Object c, TracesConsumer n) {
                    throw new UnsupportedOperationException();
                  }
                }));
    ConfigNode root =
        new ConfigLoader(Map.of())
            .loadSources(List.of(ConfigSource.yaml("t.yaml", "processors:\n  bad/1:\n")));

    assertThatThrownBy(() -> ServiceConfigDecoder.decode(root, factories))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "t.yaml:2: processors::bad/1: error reading configuration for \"bad/1\": size must be"
                + " positive");
  }

  @Test
  void noSourcesIsEmptyConfiguration() {
    ConfigNode root = new ConfigLoader(Map.of()).load(List.of(), List.of());

    assertThatThrownBy(() -> ServiceConfigDecoder.decode(root, TestFactories.jaeger()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("empty configuration file");
  }
}
