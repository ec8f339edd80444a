package io.sluice.processor.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.pipeline.ComponentKind;
import io.sluice.pipeline.config.ConfigException;
import io.sluice.pipeline.config.ConfigLocation;
import io.sluice.pipeline.config.ConfigNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchProcessorFactoryTest {
  private static final String PATH = "processors::batch";

  private final BatchProcessorFactory factory = new BatchProcessorFactory();

  @Test
  void isTheBatchProcessorType() {
    assertThat(factory.type()).isEqualTo("batch");
    assertThat(factory.kind()).isEqualTo(ComponentKind.PROCESSOR);
  }

  @Test
  void emptyEntryYieldsTheCollectorDefaults() {
    BatchConfig config = factory.decodeConfig(ConfigNode.nullValue(PATH, at(3)));

    assertThat(config).isEqualTo(BatchConfig.defaults());
    assertThat(config.sendBatchSize()).isEqualTo(8192);
    assertThat(config.timeout()).isEqualTo(Duration.ofMillis(200));
    assertThat(config.sendBatchMaxSize()).isZero();
    assertThat(config.metadataKeys()).isEmpty();
    assertThat(config.metadataCardinalityLimit()).isEqualTo(1000);
    assertThat(config.maxWait()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.hasTimer()).isTrue();
  }

  @Test
  void decodesEveryKey() {
    BatchConfig config = factory.decodeConfig(entry(
        "send_batch_size", 100L,
        "timeout", "1s",
        "send_batch_max_size", 150L,
        "metadata_keys", List.of("tenant", "region"),
        "metadata_cardinality_limit", 10L,
        "max_wait", "250ms"));

    assertThat(config).isEqualTo(new BatchConfig(100, Duration.ofSeconds(1), 150,
        List.of("tenant", "region"), 10, Duration.ofMillis(250)));
  }

  @Test
  void maxSizeBelowSizeIsRejectedAtItsKey() {
    assertThatThrownBy(() -> factory.decodeConfig(entry(
        "send_batch_size", 100L, "send_batch_max_size", 99L)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("config.yaml:12: processors::batch::send_batch_max_size: "
            + "send_batch_max_size must be greater or equal to send_batch_size");
  }

  @Test
  void maxSizeEqualToSizeIsAccepted() {
    assertThat(factory.decodeConfig(entry("send_batch_size", 100L, "send_batch_max_size", 100L))
        .sendBatchMaxSize()).isEqualTo(100);
  }

  @Test
  void negativeTimeoutIsRejected() {
    assertThatThrownBy(() -> factory.decodeConfig(entry("timeout", "-5s")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("config.yaml:11: processors::batch::timeout: "
            + "timeout must be greater or equal to 0");
  }

  @Test
  void zeroTimeoutMeansNoTimer() {
    assertThat(factory.decodeConfig(entry("timeout", "0")).hasTimer()).isFalse();
  }

  @Test
  void duplicateMetadataKeysAreRejectedCaseInsensitively() {
    assertThatThrownBy(() -> factory.decodeConfig(
        entry("metadata_keys", List.of("Tenant", "tenant"))))
        .isInstanceOf(ConfigException.class)
        .hasMessage("config.yaml:11: processors::batch::metadata_keys: "
            + "duplicate entry in metadata_keys: \"tenant\" (case-insensitive)");
  }

  @Test
  void negativeMaxWaitIsRejected() {
    assertThatThrownBy(() -> factory.decodeConfig(entry("max_wait", "-1s")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("config.yaml:11: processors::batch::max_wait: "
            + "max_wait must be greater or equal to 0");
  }

  @Test
  void negativeSizeIsRejected() {
    assertThatThrownBy(() -> factory.decodeConfig(entry("send_batch_size", -1L)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("config.yaml:11: processors::batch::send_batch_size: "
            + "expected a non-negative integer, got -1");
  }

  @Test
  void unknownKeyIsRejected() {
    assertThatThrownBy(() -> factory.decodeConfig(entry("send_batch_sizes", 5L)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("config.yaml:11: processors::batch: has invalid keys: send_batch_sizes");
  }

  private static ConfigLocation at(int line) {
    return new ConfigLocation("config.yaml", line);
  }

  /** Returns a {@code processors::batch} map whose n-th key is on line 10 + n. */
  private static ConfigNode entry(Object... keysAndValues) {
    Map<String, ConfigNode> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      String key = (String) keysAndValues[i];
      String path = ConfigNode.childPath(PATH, key);
      ConfigLocation location = at(11 + i / 2);
      map.put(key, node(path, location, keysAndValues[i + 1]));
    }
    return ConfigNode.map(PATH, at(10), map);
  }

  private static ConfigNode node(String path, ConfigLocation location, Object value) {
    if (value instanceof List<?> list) {
      List<ConfigNode> elements = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        elements.add(ConfigNode.scalar(path + "::" + i, location, list.get(i), false));
      }
      return ConfigNode.list(path, location, elements);
    }
    return ConfigNode.scalar(path, location, value, false);
  }
}
