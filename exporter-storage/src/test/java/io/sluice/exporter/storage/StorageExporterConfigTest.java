package io.sluice.exporter.storage;

import static io.sluice.storage.config.YamlNodes.map;
import static io.sluice.storage.config.YamlNodes.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.storage.QueueSettings;
import io.sluice.storage.QueueSizer;
import org.junit.jupiter.api.Test;

class StorageExporterConfigTest {
  private static StorageExporterConfig decode(Object block) {
    return StorageExporterConfig.decode(node("exporters::jaeger_storage_exporter", block));
  }

  @Test
  void queueIsOnBlockingAndBoundedByAQuarterOfTheHeapByDefault() {
    StorageExporterConfig c = decode(map("trace_storage", "main"));

    assertThat(c.traceStorage()).isEqualTo("main");
    assertThat(c.queue()).isEqualTo(QueueConfig.DEFAULTS);
    assertThat(c.queue().resolve(4_000_000_000L))
        .isEqualTo(new QueueSettings(true, QueueSizer.BYTES, 1_000_000_000L, true));
  }

  @Test
  void queueKeysAreDecoded() {
    StorageExporterConfig c = decode(map("trace_storage", "main", "queue", map(
        "enabled", true, "num_consumers", 4, "queue_size", 500, "sizer", "items",
        "max_size_bytes", 1000, "blocking", false)));

    assertThat(c.queue()).isEqualTo(new QueueConfig(true, 4, 500, QueueSizer.ITEMS, 1000, false));
    assertThat(c.queue().resolve(1L << 30))
        .isEqualTo(new QueueSettings(true, QueueSizer.ITEMS, 500, false));
  }

  @Test
  void explicitByteBoundWins() {
    StorageExporterConfig c = decode(map("trace_storage", "main",
        "queue", map("max_size_bytes", 64_000_000)));

    assertThat(c.queue().resolve(1L << 34).capacity()).isEqualTo(64_000_000L);
  }

  @Test
  void retryTimeoutAndSendingQueueAreInvalidKeysAsInJaeger() {
    assertThatThrownBy(() -> decode(map("trace_storage", "main", "retry_on_failure",
        map("enabled", true), "timeout", "5s", "sending_queue", map())))
        .hasMessage("config.yaml:7: exporters::jaeger_storage_exporter: has invalid keys:"
            + " retry_on_failure, timeout, sending_queue");
  }

  @Test
  void traceStorageIsRequired() {
    assertThatThrownBy(() -> decode(map()))
        .hasMessageContaining("trace_storage is required");
  }

  @Test
  void unknownSizerIsAnError() {
    assertThatThrownBy(() -> decode(map("trace_storage", "m", "queue", map("sizer", "spans"))))
        .hasMessageContaining("sizer must be bytes, items or requests, got \"spans\"");
  }
}
