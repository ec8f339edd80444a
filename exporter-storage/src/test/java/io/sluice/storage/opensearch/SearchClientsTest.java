package io.sluice.storage.opensearch;

import static io.sluice.storage.config.YamlNodes.map;
import static io.sluice.storage.config.YamlNodes.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.storage.config.ElasticsearchConfig;
import io.sluice.storage.config.JaegerStorageConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SearchClientsTest {
  @Test
  void withoutQueryTimeoutAStalledAnswerIsGivenUpAfterSixtySeconds() {
    assertThat(SearchClients.responseTimeout(search(map())))
        .isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void queryTimeoutIsTheAnswerTimeoutWhenSet() {
    assertThat(SearchClients.responseTimeout(search(map("query_timeout", "5s"))))
        .isEqualTo(Duration.ofSeconds(5));
  }

  private static ElasticsearchConfig search(Object block) {
    return (ElasticsearchConfig) JaegerStorageConfig.decode(node("extensions::jaeger_storage",
        map("backends", map("main", map("opensearch", block))))).backends().get("main");
  }
}
