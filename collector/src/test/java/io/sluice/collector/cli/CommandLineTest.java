package io.sluice.collector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.collector.Version;
import io.sluice.collector.cli.ValidateCommandTest.Run;
import org.junit.jupiter.api.Test;

/** The informational commands as a user meets them: exact output and exit statuses. */
class CommandLineTest {
  @Test
  void versionPrintsTheBuildVersion() {
    Run run = Run.of("version");

    assertThat(run.status()).isZero();
    assertThat(Version.get()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    assertThat(run.out()).isEqualTo("sluice version " + Version.get() + "\n");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void versionFlagPrintsTheSameLine() {
    Run run = Run.of("--version");

    assertThat(run.status()).isZero();
    assertThat(run.out()).isEqualTo("sluice version " + Version.get() + "\n");
  }

  @Test
  void componentsListsExactlyTheRegisteredTypes() {
    Run run = Run.of("components");

    assertThat(run.status()).isZero();
    assertThat(run.outLines()).containsExactly(
        "buildinfo:",
        "  command: sluice",
        "  version: " + Version.get(),
        "receivers:",
        "  - otlp",
        "processors:",
        "  - batch",
        "  - memory_limiter",
        "exporters:",
        "  - debug",
        "  - jaeger_storage_exporter",
        "  - nop",
        "extensions:",
        "  - healthcheckv2",
        "  - jaeger_query",
        "  - jaeger_storage");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void helpExitsZeroAndNamesConfigAndSet() {
    Run run = Run.of("--help");

    assertThat(run.status()).isZero();
    assertThat(run.out())
        .startsWith("Usage: sluice ")
        .contains("--config=LOCATION", "--set=KEY=VALUE", "--feature-gates=GATES",
            "validate", "components", "version");
    assertThat(run.err()).isEmpty();
  }

  // "validate --help" exits 2 (Unknown option) because the subcommand has no help option; the
  // help subcommand is the way that works today.
  @Test
  void helpValidateNamesConfigAndSet() {
    Run run = Run.of("help", "validate");

    assertThat(run.status()).isZero();
    assertThat(run.out()).startsWith("Usage: sluice validate ")
        .contains("--config=LOCATION", "--set=KEY=VALUE");
  }

  @Test
  void unknownOptionExitsTwoNamingIt() {
    Run run = Run.of("--confg", "x.yaml");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).startsWith(
        "Unknown options: '--confg', 'x.yaml'\nPossible solutions: --config\n");
  }
}
