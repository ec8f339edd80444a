package io.sluice.processor.memorylimiter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.pipeline.ComponentKind;
import io.sluice.pipeline.config.ConfigException;
import io.sluice.pipeline.config.ConfigLocation;
import io.sluice.pipeline.config.ConfigNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemoryLimiterProcessorFactoryTest {
  private static final String PATH = "processors::memory_limiter";

  private final MemoryLimiterProcessorFactory factory = new MemoryLimiterProcessorFactory();

  @Test
  void isTheMemoryLimiterProcessorType() {
    assertThat(factory.type()).isEqualTo("memory_limiter");
    assertThat(factory.kind()).isEqualTo(ComponentKind.PROCESSOR);
  }

  @Test
  void defaultsAreTheCollectorsAndInvalid() {
    MemoryLimiterConfig defaults = MemoryLimiterConfig.defaults();

    assertThat(defaults).isEqualTo(new MemoryLimiterConfig(
        Duration.ZERO, 0, 0, 0, 0, Duration.ofSeconds(10), Duration.ZERO));
    assertThatThrownBy(() -> factory.decodeConfig(ConfigNode.nullValue(PATH, at(3))))
        .isInstanceOf(ConfigException.class)
        .hasMessage("config.yaml:3: processors::memory_limiter::check_interval: "
            + "'check_interval' must be greater than zero");
  }

  @Test
  void decodesEveryKey() {
    MemoryLimiterConfig config = factory.decodeConfig(entry(
        "check_interval", "1s",
        "limit_mib", 4000L,
        "spike_limit_mib", 800L,
        "limit_percentage", 75L,
        "spike_limit_percentage", 15L,
        "min_gc_interval_when_soft_limited", "20s",
        "min_gc_interval_when_hard_limited", "5s"));

    assertThat(config).isEqualTo(new MemoryLimiterConfig(Duration.ofSeconds(1), 4000, 800, 75,
        15, Duration.ofSeconds(20), Duration.ofSeconds(5)));
  }

  @Test
  void zeroCheckIntervalIsRejectedAtItsKey() {
    assertThatThrownBy(() -> factory.decodeConfig(entry("check_interval", "0", "limit_mib", 5L)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("config.yaml:11: processors::memory_limiter::check_interval: "
            + "'check_interval' must be greater than zero");
  }

  @Test
  void missingLimitIsRejected() {
    assertThatThrownBy(() -> factory.decodeConfig(entry("check_interval", "1s")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("config.yaml:10: processors::memory_limiter: "
            + "'limit_mib' or 'limit_percentage' must be greater than zero");
  }

  @Test
  void spikeAtTheLimitIsRejected() {
    assertThatThrownBy(() -> factory.decodeConfig(entry(
        "check_interval", "1s", "limit_mib", 100L, "spike_limit_mib", 100L)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("config.yaml:13: processors::memory_limiter::spike_limit_mib: "
            + "'spike_limit_mib' must be smaller than 'limit_mib'");
  }

  @Test
  void percentageOverHundredIsRejected() {
    assertThatThrownBy(() -> factory.decodeConfig(entry(
        "check_interval", "1s", "limit_percentage", 101L)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("config.yaml:12: processors::memory_limiter::limit_percentage: "
            + "'limit_percentage' and 'spike_limit_percentage' must be greater than zero and "
            + "less than or equal to hundred");
  }

  @Test
  void spikePercentageAtTheLimitIsRejected() {
    assertThatThrownBy(() -> factory.decodeConfig(entry(
        "check_interval", "1s", "limit_percentage", 50L, "spike_limit_percentage", 50L)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("config.yaml:13: processors::memory_limiter::spike_limit_percentage: "
            + "'spike_limit_percentage' must be smaller than 'limit_percentage'");
  }

  @Test
  void softGcIntervalBelowHardIsRejected() {
    assertThatThrownBy(() -> factory.decodeConfig(entry("check_interval", "1s", "limit_mib", 5L,
        "min_gc_interval_when_soft_limited", "1s", "min_gc_interval_when_hard_limited", "2s")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("config.yaml:13: "
            + "processors::memory_limiter::min_gc_interval_when_soft_limited: "
            + "'min_gc_interval_when_soft_limited' should be larger than "
            + "'min_gc_interval_when_hard_limited'");
  }

  @Test
  void negativeLimitIsRejected() {
    assertThatThrownBy(() -> factory.decodeConfig(entry("check_interval", "1s", "limit_mib", -1L)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("config.yaml:12: processors::memory_limiter::limit_mib: "
            + "expected an integer from 0 to 4294967295, got -1");
  }

  @Test
  void unknownKeyIsRejected() {
    assertThatThrownBy(() -> factory.decodeConfig(entry("check_interval", "1s",
        "ballast_size_mib", 5L)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("config.yaml:12: processors::memory_limiter: "
            + "has invalid keys: ballast_size_mib");
  }

  private static ConfigLocation at(int line) {
    return new ConfigLocation("config.yaml", line);
  }

  /** Returns a {@code processors::memory_limiter} map whose n-th key is on line 10 + n. */
  private static ConfigNode entry(Object... keysAndValues) {
    Map<String, ConfigNode> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      String key = (String) keysAndValues[i];
      map.put(key, ConfigNode.scalar(
          ConfigNode.childPath(PATH, key), at(11 + i / 2), keysAndValues[i + 1], false));
    }
    return ConfigNode.map(PATH, at(10), map);
  }
}
