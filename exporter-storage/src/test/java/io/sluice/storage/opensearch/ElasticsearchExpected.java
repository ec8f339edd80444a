package io.sluice.storage.opensearch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/**
 * What Elasticsearch 8 answers for Jaeger's templates and indices, written out by hand from
 * jaeger-storage-query.md §4.4 (and Jaeger's {@code mappings/jaeger-*-8.json}) rather than from
 * Sluice's own template code, so that a drift in either shows.
 */
final class ElasticsearchExpected {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String KEYWORD = "{\"type\":\"keyword\",\"ignore_above\":256}";
  private static final String NESTED_TAGS = """
      {"type":"nested","dynamic":false,"properties":{
        "key":%1$s,"value":%1$s,"tagType":%1$s}}""".formatted(KEYWORD);
  private static final String DYNAMIC_TEMPLATES = """
      "dynamic_templates":[
        {"span_tags_map":{"mapping":%1$s,"path_match":"tag.*"}},
        {"process_tags_map":{"mapping":%1$s,"path_match":"process.tag.*"}}]"""
      .formatted(KEYWORD);

  /** The span mappings of §4.4: ES 7 and ES 8 bodies are identical. */
  static final String SPAN_MAPPINGS = """
      {%2$s,
       "properties":{
        "traceID":%1$s,"parentSpanID":%1$s,"spanID":%1$s,"operationName":%1$s,
        "startTime":{"type":"long"},
        "startTimeMillis":{"type":"date","format":"epoch_millis"},
        "duration":{"type":"long"},
        "flags":{"type":"integer"},
        "logs":{"type":"nested","dynamic":false,"properties":{
          "timestamp":{"type":"long"},"fields":%3$s}},
        "process":{"properties":{"serviceName":%1$s,"tag":{"type":"object"},"tags":%3$s}},
        "references":{"type":"nested","dynamic":false,"properties":{
          "refType":%1$s,"traceID":%1$s,"spanID":%1$s}},
        "tag":{"type":"object"},
        "tags":%3$s}}""".formatted(KEYWORD, DYNAMIC_TEMPLATES, NESTED_TAGS);

  /** The service mappings of §4.4. */
  static final String SERVICE_MAPPINGS = """
      {%2$s,"properties":{"serviceName":%1$s,"operationName":%1$s}}"""
      .formatted(KEYWORD, DYNAMIC_TEMPLATES);

  private ElasticsearchExpected() {}

  /**
   * Returns {@code GET /_index_template/<name>} for a template PUT with the user's config
   * (5 shards, 1 replica, priority 0): pattern {@code <name>-*} without a leading {@code *},
   * settings and mappings under {@code template}, settings as ES stores them (strings, nested).
   */
  static JsonNode indexTemplate(String name, String mappings) {
    return parse("""
        {"index_templates":[{"name":"%s","index_template":{
          "index_patterns":["%s-*"],
          "template":{
            "settings":{"index":{
              "mapping":{"nested_fields":{"limit":"50"}},
              "requests":{"cache":{"enable":"true"}},
              "number_of_shards":"5",
              "number_of_replicas":"1"}},
            "mappings":%s},
          "composed_of":[],
          "priority":0}}]}""".formatted(name, name, mappings));
  }

  /**
   * Returns an index's mappings as {@code GET /<index>/_mapping} shows them once a template with
   * {@code mappings} made the index: the same tree, except that a parsed mapping gives
   * {@code dynamic} back as the string {@code "false"}.
   */
  static JsonNode indexMappings(String mappings) {
    return parse(mappings.replace("\"dynamic\":false", "\"dynamic\":\"false\""));
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
