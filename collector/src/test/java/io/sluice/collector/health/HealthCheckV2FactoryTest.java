package io.sluice.collector.health;

import static io.sluice.collector.health.Yaml.map;
import static io.sluice.collector.health.Yaml.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.collector.health.HealthCheckConfig.ComponentHealth;
import io.sluice.collector.health.HealthCheckConfig.Grpc;
import io.sluice.collector.health.HealthCheckConfig.Http;
import io.sluice.collector.health.HealthCheckConfig.PathSettings;
import io.sluice.pipeline.ComponentKind;
import io.sluice.pipeline.config.ConfigException;
import io.sluice.pipeline.config.ConfigLocation;
import io.sluice.pipeline.config.ConfigNode;
import io.sluice.pipeline.status.StatusRegistry;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HealthCheckV2FactoryTest {
  private static final String PATH = "extensions::healthcheckv2";

  private final HealthCheckV2Factory factory = new HealthCheckV2Factory(new StatusRegistry());

  @Test
  void isTheHealthcheckv2Extension() {
    assertThat(factory.type()).isEqualTo("healthcheckv2");
    assertThat(factory.kind()).isEqualTo(ComponentKind.EXTENSION);
  }

  @Test
  void emptyConfigIsTheLegacyEndpoint() {
    HealthCheckConfig config =
        factory.decodeConfig(ConfigNode.absent(PATH, new ConfigLocation("config.yaml", 3)));

    assertThat(config).isEqualTo(HealthCheckConfig.defaults());
    assertThat(config.legacyEndpoint()).isEqualTo("localhost:13133");
    assertThat(config.legacyPath()).isEqualTo("/");
  }

  @Test
  void httpWrittenWithoutValueGetsItsDefaults() {
    HealthCheckConfig config = factory.decodeConfig(map(PATH, "use_v2", true, "http", null));

    assertThat(config.useV2()).isTrue();
    assertThat(config.http()).hasValue(new Http("localhost:13133",
        new PathSettings(true, "/status"), new PathSettings(false, "/config")));
    assertThat(config.grpc()).isEmpty();
    assertThat(config.componentHealth()).isEmpty();
  }

  @Test
  void decodesEveryV2Key() {
    HealthCheckConfig config = factory.decodeConfig(map(PATH,
        "use_v2", true,
        "http", of("endpoint", "0.0.0.0:13133",
            "status", of("enabled", true, "path", "/health/status"),
            "config", of("enabled", true, "path", "/health/config")),
        "grpc", of("endpoint", "0.0.0.0:13132", "transport", "tcp"),
        "component_health", of("include_permanent_errors", false,
            "include_recoverable_errors", true, "recovery_duration", "5m")));

    assertThat(config.http()).hasValue(new Http("0.0.0.0:13133",
        new PathSettings(true, "/health/status"), new PathSettings(true, "/health/config")));
    assertThat(config.grpc()).hasValue(new Grpc("0.0.0.0:13132", "tcp"));
    assertThat(config.componentHealth())
        .hasValue(new ComponentHealth(false, true, Duration.ofMinutes(5)));
    assertThat(config.legacyResponseBody()).isEqualTo(Optional.empty());
  }

  @Test
  void unknownKeysAreRejectedWithTheirPath() {
    assertThatThrownBy(() -> factory.decodeConfig(
            map(PATH, "use_v2", true, "http", of("endpoint", ":13133", "cors", of()))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("extensions::healthcheckv2::http")
        .hasMessageContaining("has invalid keys: cors");
  }

  @Test
  void v2NeedsAProtocol() {
    assertThatThrownBy(() -> factory.decodeConfig(map(PATH, "use_v2", true)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("must specify at least one protocol");
  }

  @Test
  void pathsMustStartWithSlash() {
    assertThatThrownBy(() -> factory.decodeConfig(
            map(PATH, "use_v2", true, "http", of("status", of("path", "status")))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("path must start with /");
    assertThatThrownBy(() -> factory.decodeConfig(map(PATH, "path", "health")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("path must start with /");
  }
}
