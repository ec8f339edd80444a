package io.sluice.collector.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: exit statuses and the messages printed. */
class CollectorCliIT {
  private static final String FIXTURE =
      Path.of("../examples/jaeger-config.yaml").toAbsolutePath().normalize().toString();

  @Test
  void validateAcceptsTheUsersConfigUnchanged() throws Exception {
    CollectorProcess p = CollectorProcess.start("validate-fixture",
        List.of("validate", "--config", FIXTURE), Map.of("ES_SERVER_URLS", "http://127.0.0.1:9"));

    assertThat(p.waitForExit(60)).as(p.output()).isZero();
  }

  @Test
  void aTypoInTheConfigExitsOneNamingTheFileLineAndKey(@TempDir Path dir) throws Exception {
    String broken = Files.readString(Path.of(FIXTURE)).replace("  batch:\n",
        "  batch:\n    timout: 1s\n");
    Path config = Files.writeString(dir.resolve("broken.yaml"), broken);
    int line = lineOf(broken, "    timout: 1s");

    CollectorProcess p = CollectorProcess.start("broken-config",
        List.of("--config", config.toString()), Map.of("ES_SERVER_URLS", "http://127.0.0.1:9"));

    assertThat(p.waitForExit(60)).isEqualTo(1);
    assertThat(p.output()).contains(
        config + ":" + line + ": processors::batch: has invalid keys: timout");
  }

  @Test
  void anUnknownComponentTypeListsTheValidOnes(@TempDir Path dir) throws Exception {
    String broken = Files.readString(Path.of(FIXTURE)).replace("processors:\n  batch:\n",
        "processors:\n  batch:\n  bacth:\n");
    Path config = Files.writeString(dir.resolve("unknown-type.yaml"), broken);

    CollectorProcess p = CollectorProcess.start("unknown-type",
        List.of("validate", "--config", config.toString()), Map.of());

    assertThat(p.waitForExit(60)).isEqualTo(1);
    assertThat(p.output()).contains(config + ":" + lineOf(broken, "  bacth:")
        + ": processors::bacth: unknown type: \"bacth\" for id: \"bacth\""
        + " (valid values: [batch memory_limiter])");
  }

  private static int lineOf(String text, String line) {
    List<String> lines = text.lines().toList();
    return lines.indexOf(line) + 1;
  }
}
