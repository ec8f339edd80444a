package io.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.pipeline.config.ConfigException;
import io.sluice.pipeline.config.ConfigLocation;
import io.sluice.pipeline.config.ConfigNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading sources, typing scalars and merging sources in order (spec §1.3, §1.5). */
class ConfigLoaderTest {
  @TempDir Path dir;

  private final ConfigLoader loader = new ConfigLoader(Map.of("CFG", "exporters: {debug: {}}"));

  private String write(String name, String yaml) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, yaml);
    return file.toString();
  }

  private static ConfigNode yaml(String yaml) {
    return new ConfigLoader(Map.of()).loadSources(List.of(ConfigSource.yaml("t.yaml", yaml)));
  }

  static Stream<Arguments> scalars() {
    return Stream.of(
        Arguments.of("42", 42L),
        Arguments.of("-7", -7L),
        Arguments.of("+12", 12L),
        Arguments.of("0x1F", 31L),
        Arguments.of("0o17", 15L),
        Arguments.of("1.5", 1.5),
        Arguments.of("1e3", 1000.0),
        Arguments.of(".inf", Double.POSITIVE_INFINITY),
        Arguments.of("99999999999999999999", 1.0e20),
        Arguments.of("true", true),
        Arguments.of("False", false),
        Arguments.of("yes", "yes"),
        Arguments.of("'42'", "42"),
        Arguments.of("\"true\"", "true"),
        Arguments.of("!!str 5", "5"),
        Arguments.of("12abc", "12abc"),
        Arguments.of("0.0.0.0:4318", "0.0.0.0:4318"),
        Arguments.of("200ms", "200ms"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scalars")
  void plainScalarsFollowCoreSchemaAndQuotedAreStrings(String written, Object expected) {
    ConfigNode node = yaml("key: " + written + "\n").get("key");

    assertThat(node.rawValue()).isEqualTo(expected);
    assertThat(node.isExpanded()).isFalse();
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"", "~", "null", "NULL"})
  void emptyAndNullScalarsAreNullNodes(String written) {
    assertThat(yaml("key: " + written + "\n").get("key").kind()).isEqualTo(ConfigNode.Kind.NULL);
  }

  @Test
  void nodesKeepLineAndPath() {
    ConfigNode root = yaml("# comment\nreceivers:\n  otlp:\n    protocols:\n      http:\n");

    ConfigNode http = root.get("receivers").get("otlp").get("protocols").get("http");
    assertThat(http.path()).isEqualTo("receivers::otlp::protocols::http");
    assertThat(http.location()).isEqualTo(new ConfigLocation("t.yaml", 5));
    assertThat(root.get("receivers").get("otlp").location().line()).isEqualTo(3);
  }

  @Test
  void listElementsHaveIndexedPaths() {
    ConfigNode list = yaml("a:\n  - x\n  - y\n").get("a");

    assertThat(list.elements().get(1).path()).isEqualTo("a[1]");
    assertThat(list.elements().get(1).location().line()).isEqualTo(3);
  }

  @Test
  void duplicateKeyIsErrorNamingFileAndLine() {
    assertThatThrownBy(() -> yaml("a:\n  b: 1\n  c: 2\n  b: 3\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("t.yaml:4: a::b: mapping key \"b\" already defined at line 2");
  }

  @Test
  void anchorsAndMergeKeysAreResolved() {
    ConfigNode root = yaml("base: &b {x: 1, y: 2}\nother:\n  <<: *b\n  y: 3\n");

    assertThat(root.get("other").get("x").rawValue()).isEqualTo(1L);
    assertThat(root.get("other").get("y").rawValue()).isEqualTo(3L);
  }

  @Test
  void doubleColonKeysNestAsInCollector() {
    ConfigNode root = yaml("exporters::debug::verbosity: detailed\nexporters:\n  otlp: {}\n");

    ConfigNode verbosity = root.get("exporters").get("debug").get("verbosity");
    assertThat(verbosity.asString()).isEqualTo("detailed");
    assertThat(verbosity.path()).isEqualTo("exporters::debug::verbosity");
    assertThat(root.get("exporters").entries()).containsOnlyKeys("debug", "otlp");
  }

  @Test
  void invalidYamlIsLocatedError() {
    assertThatThrownBy(() -> yaml("a: [1\nb: 2\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("t.yaml:2: invalid YAML: while parsing a flow sequence");
  }

  @Test
  void rootMustBeMap() {
    assertThatThrownBy(() -> yaml("- a\n- b\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("t.yaml:1: the configuration must be a YAML map of sections");
  }

  @Test
  void emptyFileIsEmptyMap() throws Exception {
    ConfigNode root = loader.load(List.of(write("empty.yaml", "# nothing\n")), List.of());

    assertThat(root.kind()).isEqualTo(ConfigNode.Kind.MAP);
    assertThat(root.entries()).isEmpty();
  }

  @Test
  void laterSourceMergesMapsAndReplacesListsAndScalars() throws Exception {
    String base =
        write(
            "base.yaml",
            "receivers:\n  otlp:\n    protocols:\n      grpc:\n      http: {endpoint: a:1}\n"
                + "service:\n  extensions: [x, y]\n  telemetry: {logs: {level: info}}\n");
    String override =
        write(
            "override.yaml",
            "receivers:\n  otlp:\n    protocols:\n      http: {endpoint: b:2}\n"
                + "service:\n  extensions: [z]\n  telemetry: {logs: {level: debug}}\n");

    ConfigNode root = loader.load(List.of(base, "file:" + override), List.of());

    ConfigNode protocols = root.get("receivers").get("otlp").get("protocols");
    assertThat(protocols.entries()).containsOnlyKeys("grpc", "http");
    assertThat(protocols.get("http").get("endpoint").asString()).isEqualTo("b:2");
    assertThat(protocols.get("http").get("endpoint").location())
        .isEqualTo(new ConfigLocation(override, 4));
    assertThat(root.get("service").get("extensions").asStringList()).containsExactly("z");
    assertThat(root.get("service").get("telemetry").get("logs").get("level").asString())
        .isEqualTo("debug");
  }

  @Test
  void nullInLaterSourceReplacesMap() {
    ConfigNode root =
        new ConfigLoader(Map.of())
            .loadSources(
                List.of(
                    ConfigSource.yaml("a.yaml", "processors:\n  batch: {timeout: 1s}\n"),
                    ConfigSource.yaml("b.yaml", "processors:\n  batch:\n")));

    assertThat(root.get("processors").get("batch").kind()).isEqualTo(ConfigNode.Kind.NULL);
  }

  @Test
  void envAndYamlSourcesAreRead() {
    ConfigNode root = loader.load(List.of("env:CFG", "yaml:receivers::otlp::x: 1"), List.of());

    assertThat(root.get("exporters").get("debug").kind()).isEqualTo(ConfigNode.Kind.MAP);
    assertThat(root.get("receivers").get("otlp").get("x").rawValue()).isEqualTo(1L);
    assertThat(root.get("receivers").get("otlp").get("x").location().source())
        .isEqualTo("<inline yaml>");
  }

  @Test
  void expansionRunsAfterMerging() {
    ConfigNode root =
        new ConfigLoader(Map.of("A", "from-env"))
            .loadSources(
                List.of(
                    ConfigSource.yaml("a.yaml", "x: ${env:A}\ny: ${env:A}\n"),
                    ConfigSource.yaml("b.yaml", "y: $${env:A}\n")));

    assertThat(root.get("x").asString()).isEqualTo("from-env");
    assertThat(root.get("y").asString()).isEqualTo("${env:A}");
  }

  @Test
  void setFlagsApplyLastWithDottedPathsAndYamlValues() throws Exception {
    String file =
        write("c.yaml", "service:\n  pipelines:\n    traces:\n      processors: [batch, x]\n");

    ConfigNode root =
        loader.load(
            List.of(file),
            List.of(
                "service.pipelines.traces.processors=[batch]",
                "service.telemetry.metrics.level = basic",
                "receivers.otlp.port=4318"));

    ConfigNode service = root.get("service");
    assertThat(service.get("pipelines").get("traces").get("processors").asStringList())
        .containsExactly("batch");
    assertThat(service.get("telemetry").get("metrics").get("level").asString())
        .isEqualTo("basic");
    ConfigNode port = root.get("receivers").get("otlp").get("port");
    assertThat(port.rawValue()).isEqualTo(4318L);
    assertThat(port.path()).isEqualTo("receivers::otlp::port");
    assertThat(port.location()).isEqualTo(ConfigSource.SET_FLAG);
  }

  @Test
  void setFlagValuesAreExpanded() {
    ConfigNode root =
        new ConfigLoader(Map.of("P", "9"))
            .load(List.of(), List.of("a.b=${env:P}"));

    assertThat(root.get("a").get("b").asInt()).isEqualTo(9);
  }

  static Stream<Arguments> badSources() {
    return Stream.of(
        Arguments.of(
            "http://127.0.0.1:1/config.yaml",
            "Sluice does not fetch config over the network: --config with scheme \"http\" is not"
                + " supported; download the file and pass its path"),
        Arguments.of(
            "https://127.0.0.1:1/config.yaml",
            "Sluice does not fetch config over the network: --config with scheme \"https\" is"
                + " not supported; download the file and pass its path"),
        Arguments.of(
            "s3:bucket/config.yaml",
            "--config scheme \"s3\" is not supported: use a file path, file:, env: or yaml:"),
        Arguments.of(
            "env:1X",
            "--config env:1X: environment variable has invalid name: must match regex"
                + " ^[a-zA-Z_][a-zA-Z0-9_]*$"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badSources")
  void unsupportedSourceIsRejected(String uri, String message) {
    assertThatThrownBy(() -> loader.load(List.of(uri), List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(message);
  }

  @Test
  void missingFileNamesThePath() {
    String path = dir.resolve("missing.yaml").toString();

    assertThatThrownBy(() -> loader.load(List.of(path), List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(path + ": cannot read the config file: no such file");
  }

  static Stream<Arguments> badSetFlags() {
    return Stream.of(
        Arguments.of("a.b", "--set: missing equal sign: write --set key.path=value"),
        Arguments.of("a..b=1", "--set: --set key \"a..b\" has an empty part between dots"),
        Arguments.of("=1", "--set: --set key \"\" has an empty part between dots"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badSetFlags")
  void malformedSetFlagIsRejected(String flag, String message) {
    assertThatThrownBy(() -> loader.load(List.of(), List.of(flag)))
        .isInstanceOf(ConfigException.class)
        .hasMessage(message);
  }

  @Test
  void setFlagWithInvalidYamlValueDoesNotQuoteTheValue() {
    assertThatThrownBy(() -> loader.load(List.of(), List.of("a.password=[secret")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("--set: invalid YAML")
        .hasMessageNotContaining("secret");
  }
}
