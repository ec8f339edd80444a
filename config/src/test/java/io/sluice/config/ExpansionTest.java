package io.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
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

/** The {@code ${...}} rules of spec §1.3, value by value. */
class ExpansionTest {
  private static final String EXPANDED = "some expanded value";
  private static final Map<String, String> ENV =
      Map.of(
          "ENV_VALUE", EXPANDED,
          "ENV_LIST", "['$$ESCAPE_ME','$${ESCAPE_ME}','$${env:ESCAPE_ME}']",
          "ENV_MAP", "{'key1':'$$ESCAPE_ME','key2':'$${ESCAPE_ME}','key3':'$${env:ESCAPE_ME}'}",
          "PORT", "4318",
          "RATIO", "0.5",
          "FLAG", "true",
          "LEADING_ZERO", "0123",
          "WHICH", "ENV_VALUE",
          "HOST", "0.0.0.0",
          "EMPTY", "");

  static ConfigNode value(String yamlValue, Map<String, String> env) {
    ConfigNode root =
        new ConfigLoader(env)
            .loadSources(List.of(ConfigSource.yaml("test.yaml", "key: " + yamlValue + "\n")));
    return root.get("key");
  }

  static Stream<Arguments> strings() {
    return Stream.of(
        // The collector's own escaping vectors (confmap e2e, default scheme env).
        Arguments.of("'$$ENV_VALUE'", "$ENV_VALUE"),
        Arguments.of("'$$$$ENV_VALUE'", "$$ENV_VALUE"),
        Arguments.of("'$$${ENV_VALUE}'", "$" + EXPANDED),
        Arguments.of("'some${ENV_VALUE}text'", "some" + EXPANDED + "text"),
        Arguments.of("'some$${ENV_VALUE}text'", "some${ENV_VALUE}text"),
        Arguments.of("'$${ONE}$${TWO}'", "${ONE}${TWO}"),
        Arguments.of("'text$$'", "text$"),
        Arguments.of("'$$'", "$"),
        Arguments.of("'$${1}$${env:2}'", "${1}${env:2}"),
        Arguments.of("'some$${env:ENV_VALUE}text'", "some${env:ENV_VALUE}text"),
        Arguments.of("'$${env:${ENV_VALUE}}'", "${env:" + EXPANDED + "}"),
        Arguments.of("'$${env:$${ENV_VALUE}}'", "${env:${ENV_VALUE}}"),
        Arguments.of("'env:MAP_VALUE_2}$${ENV_VALUE}{'", "env:MAP_VALUE_2}${ENV_VALUE}{"),
        Arguments.of("'$$${env:ENV_VALUE}'", "$" + EXPANDED),
        Arguments.of("'$ENV_VALUE'", "$ENV_VALUE"),
        // Sluice goes on past an escaped reference (the collector stops there).
        Arguments.of("'$${A} ${ENV_VALUE}'", "${A} " + EXPANDED),
        Arguments.of("'${env:UNSET:-localhost:4317}'", "localhost:4317"),
        Arguments.of("'${env:${env:WHICH}}'", EXPANDED),
        Arguments.of("'http://${env:HOST}:${PORT}/x'", "http://0.0.0.0:4318/x"),
        Arguments.of("'no reference}'", "no reference}"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("strings")
  void expandsToString(String written, String expected) {
    ConfigNode node = value(written, ENV);

    assertThat(node.asString()).isEqualTo(expected);
  }

  @Test
  void listFromVariableKeepsEscapesOfItsItems() {
    ConfigNode node = value("${env:ENV_LIST}", ENV);

    assertThat(node.asStringList())
        .containsExactly("$ESCAPE_ME", "${ESCAPE_ME}", "${env:ESCAPE_ME}");
  }

  @Test
  void mapFromVariableKeepsEscapesOfItsValues() {
    ConfigNode node = value("${env:ENV_MAP}", ENV);

    assertThat(node.get("key1").asString()).isEqualTo("$ESCAPE_ME");
    assertThat(node.get("key2").asString()).isEqualTo("${ESCAPE_ME}");
    assertThat(node.get("key3").asString()).isEqualTo("${env:ESCAPE_ME}");
    assertThat(node.get("key3").path()).isEqualTo("key::key3");
  }

  @Test
  void wholeReferenceBecomesTypedExpandedScalar() {
    ConfigNode port = value("\"${env:PORT}\"", ENV);

    assertThat(port.rawValue()).isEqualTo(4318L);
    assertThat(port.isExpanded()).isTrue();
    assertThat(port.asInt()).isEqualTo(4318);
    assertThat(port.asString()).isEqualTo("4318");
    assertThat(value("${RATIO}", ENV).asDouble()).isEqualTo(0.5);
    assertThat(value("${env:FLAG}", ENV).asBoolean()).isTrue();
    assertThat(value("${env:UNSET:-true}", ENV).asBoolean()).isTrue();
  }

  @Test
  void numberThatWouldLoseItsTextStaysTextButReadsAsNumber() {
    ConfigNode node = value("${env:LEADING_ZERO}", ENV);

    assertThat(node.rawValue()).isEqualTo("0123");
    assertThat(node.isExpanded()).isTrue();
    assertThat(node.asString()).isEqualTo("0123");
    assertThat(node.asLong()).isEqualTo(123L);
  }

  @Test
  void referenceInsideLongerStringIsPlainText() {
    ConfigNode node = value("\"${env:PORT}0\"", ENV);

    assertThat(node.rawValue()).isEqualTo("43180");
    assertThat(node.isExpanded()).isFalse();
    assertThatThrownBy(node::asLong)
        .isInstanceOf(ConfigException.class)
        .hasMessage("test.yaml:1: key: expected an integer, got string \"43180\"");
  }

  @Test
  void expandedNodeKeepsLocationOfReference() {
    ConfigNode root =
        new ConfigLoader(ENV)
            .loadSources(
                List.of(ConfigSource.yaml("test.yaml", "a:\n  b: 1\n  c: ${env:PORT}\n")));

    ConfigNode c = root.get("a").get("c");
    assertThat(c.location()).isEqualTo(new ConfigLocation("test.yaml", 3));
    assertThat(c.path()).isEqualTo("a::c");
  }

  @Test
  void unsetVariableIsEmptyAndWarnsOncePerVariable() {
    try (LogCapture logs = LogCapture.of(ConfigLoader.class)) {
      ConfigNode root =
          new ConfigLoader(ENV)
              .loadSources(
                  List.of(
                      ConfigSource.yaml(
                          "test.yaml", "a: ${env:NOPE}\nb: x${NOPE}y\nc: ${env:OTHER}\n")));

      assertThat(root.get("a").asString()).isEmpty();
      assertThat(root.get("b").asString()).isEqualTo("xy");
      assertThat(logs.lines(Level.WARN))
          .containsExactly(
              "Configuration references unset environment variable NOPE at test.yaml:1 (a);"
                  + " using an empty value",
              "Configuration references unset environment variable OTHER at test.yaml:3 (c);"
                  + " using an empty value");
    }
  }

  @Test
  void emptyVariableLogsInfo() {
    try (LogCapture logs = LogCapture.of(ConfigLoader.class)) {
      ConfigNode node = value("${env:EMPTY}", ENV);

      assertThat(node.asString()).isEmpty();
      assertThat(logs.lines(Level.INFO))
          .containsExactly(
              "Configuration references empty environment variable EMPTY at test.yaml:1 (key)");
      assertThat(logs.lines(Level.WARN)).isEmpty();
    }
  }

  @Test
  void variableValuesAreNeverLogged() {
    Map<String, String> env = Map.of("ES_PASSWORD", "hunter2-secret");
    try (LogCapture logs = LogCapture.of(ConfigLoader.class)) {
      value("${env:ES_PASSWORD}", env);
      value("x${env:ES_PASSWORD}${env:MISSING}", env);

      assertThat(logs.all()).isNotEmpty().noneMatch(line -> line.contains("hunter2"));
    }
  }

  @Test
  void nullFromVariableIsAnEmptyValue() {
    assertThat(value("${env:NULLISH}", Map.of("NULLISH", "~")).kind())
        .isEqualTo(ConfigNode.Kind.NULL);
  }

  @Test
  void fileSchemeReadsFileAsYaml(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("port.txt");
    Files.writeString(file, "9411\n");

    ConfigNode node = value("${file:" + file + "}", Map.of());

    assertThat(node.asInt()).isEqualTo(9411);
  }

  @Test
  void yamlSchemeIsInlineYaml() {
    assertThat(value("'${yaml:[a, b]}'", Map.of()).asStringList()).containsExactly("a", "b");
  }

  @Test
  void keysAreNotExpanded() {
    ConfigNode root =
        new ConfigLoader(ENV)
            .loadSources(List.of(ConfigSource.yaml("test.yaml", "${ENV_VALUE}: 1\n")));

    assertThat(root.entries()).containsOnlyKeys("${ENV_VALUE}");
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of(
            "${env:1BAD}",
            "test.yaml:1: key: environment variable \"1BAD\" has invalid name: must match regex"
                + " ^[a-zA-Z_][a-zA-Z0-9_]*$"),
        Arguments.of(
            "${BAD-NAME}",
            "test.yaml:1: key: environment variable \"BAD-NAME\" has invalid name: must match"
                + " regex ^[a-zA-Z_][a-zA-Z0-9_]*$"),
        Arguments.of(
            "${vault:secret/x}",
            "test.yaml:1: key: scheme \"vault\" is not supported in ${...}: use env, file or yaml"),
        Arguments.of(
            "${https://example.invalid/x}",
            "test.yaml:1: key: scheme \"https\" is not supported: Sluice does not fetch"
                + " configuration over the network; use ${env:...} or ${file:...}"),
        Arguments.of(
            "'${env:$X}'",
            "test.yaml:1: key: the uri in \"${env:$X}\" contains unsupported characters ('$')"),
        Arguments.of(
            "${HOST:-localhost}",
            "test.yaml:1: key: invalid uri in \"${HOST:-localhost}\": a default needs the env"
                + " scheme, as in ${env:NAME:-default}"),
        Arguments.of("'${:x}'", "test.yaml:1: key: invalid uri in \"${:x}\""),
        Arguments.of("${env:SELF}", "test.yaml:1: key: too many recursive expansions"),
        Arguments.of("x${env:SELF}", "test.yaml:1: key: too many recursive expansions"),
        Arguments.of("${env:GROWS}", "test.yaml:1: key: too many recursive expansions"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void badReferenceIsLocatedError(String written, String message) {
    Map<String, String> env = Map.of("SELF", "${env:SELF}", "GROWS", "[${env:GROWS}]");

    assertThatThrownBy(() -> value(written, env))
        .isInstanceOf(ConfigException.class)
        .hasMessage(message);
  }
}
