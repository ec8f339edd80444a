package io.sluice.storage.es;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TemplatesTest {
  private static final String KEYWORD = "{\"type\":\"keyword\",\"ignore_above\":256}";
  private static final String DYNAMIC = "\"dynamic_templates\":[{\"span_tags_map\":{\"mapping\":"
      + KEYWORD + ",\"path_match\":\"tag.*\"}},{\"process_tags_map\":{\"mapping\":" + KEYWORD
      + ",\"path_match\":\"process.tag.*\"}}]";
  private static final String SETTINGS = "\"settings\":{\"index.number_of_shards\":5,"
      + "\"index.number_of_replicas\":1,\"index.mapping.nested_fields.limit\":50,"
      + "\"index.requests.cache.enable\":true}";

  @Test
  void legacyServiceTemplateHasLeadingStarPattern() {
    assertThat(Templates.serviceTemplate(7, "jaeger2-main", 5, 1, 0)).isEqualTo(
        "{\"index_patterns\":\"*jaeger2-main-jaeger-service-*\"," + SETTINGS + ",\"mappings\":{"
            + DYNAMIC + ",\"properties\":{\"serviceName\":" + KEYWORD + ",\"operationName\":"
            + KEYWORD + "}}}");
  }

  @Test
  void composableServiceTemplateNestsUnderTemplateWithPriority() {
    assertThat(Templates.serviceTemplate(8, "", 5, 1, 3)).isEqualTo(
        "{\"priority\":3,\"index_patterns\":\"jaeger-service-*\",\"template\":{" + SETTINGS
            + ",\"mappings\":{" + DYNAMIC + ",\"properties\":{\"serviceName\":" + KEYWORD
            + ",\"operationName\":" + KEYWORD + "}}}}");
  }

  @Test
  void spanTemplateCarriesTheSpanMappings() {
    String legacy = Templates.spanTemplate(7, "jaeger2-main", 3, 2, 0);
    String composable = Templates.spanTemplate(8, "jaeger2-main", 3, 2, 0);

    assertThat(legacy).startsWith("{\"index_patterns\":\"*jaeger2-main-jaeger-span-*\","
        + "\"settings\":{\"index.number_of_shards\":3,\"index.number_of_replicas\":2,");
    assertThat(composable).startsWith("{\"priority\":0,\"index_patterns\":"
        + "\"jaeger2-main-jaeger-span-*\",\"template\":{\"settings\":");
    assertThat(legacy).contains("\"startTimeMillis\":{\"type\":\"date\",\"format\":"
        + "\"epoch_millis\"}", "\"traceID\":" + KEYWORD, "\"flags\":{\"type\":\"integer\"}",
        "\"tag\":{\"type\":\"object\"}", "\"references\":{\"type\":\"nested\",\"dynamic\":false");
    assertThat(composable.substring(composable.indexOf("\"mappings\"")))
        .isEqualTo(legacy.substring(legacy.indexOf("\"mappings\"")).replaceFirst("}$", "}}"));
    assertThat(Templates.spanTemplateName("jaeger2-main")).isEqualTo("jaeger2-main-jaeger-span");
    assertThat(Templates.serviceTemplateName("")).isEqualTo("jaeger-service");
  }
}
