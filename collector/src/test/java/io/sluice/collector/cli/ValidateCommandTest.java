package io.sluice.collector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.collector.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * {@code validate --config <file>} run in-process over a corpus of broken configs: each exits 1
 * and prints exactly the message its {@code # expect:} first line gives ({@code {file}} standing
 * for the path), and a good config exits 0 and prints nothing. The corpus is the config module's,
 * adapted to the components this build registers (see {@code broken-cli/README.md}).
 */
class ValidateCommandTest {
  private static final Path CORPUS = Path.of("src/test/resources/broken-cli");
  private static final Path GOOD = Path.of("src/test/resources/cli/good.yaml");
  private static final String EXPECT = "# expect: ";

  static Stream<Path> brokenConfigs() throws Exception {
    try (Stream<Path> files = Files.list(CORPUS)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenConfigs")
  void brokenConfigExitsOneWithTheExactMessage(Path file) throws Exception {
    String path = file.toAbsolutePath().toString();
    String firstLine = Files.readAllLines(file).get(0);
    assertThat(firstLine).startsWith(EXPECT);
    String expected = firstLine.substring(EXPECT.length()).replace("{file}", path);

    Run run = Run.of("validate", "--config", path);

    assertThat(run.status()).as(run.err()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("Error: invalid configuration: " + expected + "\n");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void corpusHasOneFilePerRuleAndNoneWasSkipped() throws Exception {
    assertThat(brokenConfigs()).hasSize(35);
  }

  @Test
  void goodConfigExitsZeroAndPrintsNothing() {
    Run run = Run.of("validate", "--config", GOOD.toAbsolutePath().toString());

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).isEmpty();
  }

  @Test
  void setFlagIsAppliedBeforeValidation() {
    Run run = Run.of("validate", "--config", GOOD.toAbsolutePath().toString(),
        "--set", "exporters.debug.verbosity=none");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("Error: invalid configuration: --set:"
        + " exporters::debug::verbosity: verbosity level \"None\" is not supported:"
        + " use basic, normal or detailed\n");
  }

  @Test
  void noConfigValidatesTheAllInOneDefault() {
    Run run = Run.of("validate");

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
  }

  /** One in-process run of the command line, with what it printed. */
  record Run(int status, String out, String err) {
    static Run of(String... args) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine cli = new CommandLine(new Main());
      cli.setOut(new PrintWriter(out, true));
      cli.setErr(new PrintWriter(err, true));
      int status = cli.execute(args);
      return new Run(status, out.toString(), err.toString());
    }

    /** Returns the printed lines, for commands whose output is a list. */
    List<String> outLines() {
      return out.lines().toList();
    }
  }
}
