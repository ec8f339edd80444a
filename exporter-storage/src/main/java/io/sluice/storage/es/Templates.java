package io.sluice.storage.es;

/**
 * Builds the index template bodies Jaeger v2.1.0 PUTs at start-up (spec §4.4).
 *
 * <p>For {@code version} 7 and below (and OpenSearch 1.x/2.x, which Jaeger treats as 7) the
 * body is for the legacy {@code PUT /_template/<name>} with {@code index_patterns}
 * {@code "*<prefix->jaeger-span-*"}; for 8 and above it is for {@code PUT /_index_template/<name>}
 * with the pattern without the leading {@code *}, a top-level {@code priority} and settings and
 * mappings under {@code template}. The mappings mirror Jaeger's {@code mappings/*.json},
 * including the nested {@code key}/{@code value}/{@code tagType} children (Jaeger's files say
 * {@code tagType} although documents carry {@code type}; with {@code dynamic:false} either way
 * {@code type} is not indexed). Shards and replicas are used as given: replacing 0 with the
 * defaults (5 and 1) is the configuration's job. The JSON is compact.
 */
public final class Templates {
  private static final String KEYWORD = "{\"type\":\"keyword\",\"ignore_above\":256}";
  private static final String NESTED_TAGS = "{\"type\":\"nested\",\"dynamic\":false,"
      + "\"properties\":{\"key\":" + KEYWORD + ",\"value\":" + KEYWORD
      + ",\"tagType\":" + KEYWORD + "}}";
  private static final String DYNAMIC_TEMPLATES = "\"dynamic_templates\":["
      + "{\"span_tags_map\":{\"mapping\":" + KEYWORD + ",\"path_match\":\"tag.*\"}},"
      + "{\"process_tags_map\":{\"mapping\":" + KEYWORD + ",\"path_match\":\"process.tag.*\"}}]";
  private static final String SPAN_MAPPINGS = "{" + DYNAMIC_TEMPLATES + ",\"properties\":{"
      + "\"traceID\":" + KEYWORD
      + ",\"parentSpanID\":" + KEYWORD
      + ",\"spanID\":" + KEYWORD
      + ",\"operationName\":" + KEYWORD
      + ",\"startTime\":{\"type\":\"long\"}"
      + ",\"startTimeMillis\":{\"type\":\"date\",\"format\":\"epoch_millis\"}"
      + ",\"duration\":{\"type\":\"long\"}"
      + ",\"flags\":{\"type\":\"integer\"}"
      + ",\"logs\":{\"type\":\"nested\",\"dynamic\":false,\"properties\":{"
      + "\"timestamp\":{\"type\":\"long\"},\"fields\":" + NESTED_TAGS + "}}"
      + ",\"process\":{\"properties\":{\"serviceName\":" + KEYWORD
      + ",\"tag\":{\"type\":\"object\"},\"tags\":" + NESTED_TAGS + "}}"
      + ",\"references\":{\"type\":\"nested\",\"dynamic\":false,\"properties\":{"
      + "\"refType\":" + KEYWORD + ",\"traceID\":" + KEYWORD + ",\"spanID\":" + KEYWORD + "}}"
      + ",\"tag\":{\"type\":\"object\"}"
      + ",\"tags\":" + NESTED_TAGS
      + "}}";
  private static final String SERVICE_MAPPINGS = "{" + DYNAMIC_TEMPLATES + ",\"properties\":{"
      + "\"serviceName\":" + KEYWORD + ",\"operationName\":" + KEYWORD + "}}";

  private Templates() {}

  /** Returns the span template name, e.g. "jaeger2-main-jaeger-span". */
  public static String spanTemplateName(String indexPrefix) {
    return IndexNames.prefixed(indexPrefix, "jaeger-span");
  }

  /** Returns the service template name, e.g. "jaeger2-main-jaeger-service". */
  public static String serviceTemplateName(String indexPrefix) {
    return IndexNames.prefixed(indexPrefix, "jaeger-service");
  }

  /** Returns true when {@code version} uses {@code _index_template} (8 and above). */
  public static boolean usesIndexTemplate(int version) {
    return version >= 8;
  }

  /** Returns the span template body for an Elasticsearch major {@code version}. */
  public static String spanTemplate(
      int version, String indexPrefix, int shards, int replicas, long priority) {
    String pattern = IndexNames.prefixed(indexPrefix, "jaeger-span-*");
    return body(version, pattern, shards, replicas, priority, SPAN_MAPPINGS);
  }

  /** Returns the service template body for an Elasticsearch major {@code version}. */
  public static String serviceTemplate(
      int version, String indexPrefix, int shards, int replicas, long priority) {
    String pattern = IndexNames.prefixed(indexPrefix, "jaeger-service-*");
    return body(version, pattern, shards, replicas, priority, SERVICE_MAPPINGS);
  }

  private static String body(
      int version, String pattern, int shards, int replicas, long priority, String mappings) {
    String settings = "\"settings\":{\"index.number_of_shards\":" + shards
        + ",\"index.number_of_replicas\":" + replicas
        + ",\"index.mapping.nested_fields.limit\":50"
        + ",\"index.requests.cache.enable\":true}";
    String settingsAndMappings = settings + ",\"mappings\":" + mappings;
    if (usesIndexTemplate(version)) {
      return "{\"priority\":" + priority + ",\"index_patterns\":" + quoted(pattern)
          + ",\"template\":{" + settingsAndMappings + "}}";
    }
    return "{\"index_patterns\":" + quoted("*" + pattern) + "," + settingsAndMappings + "}";
  }

  private static String quoted(String s) {
    return new JsonBuffer(s.length() + 8).writeString(s).toString();
  }
}
