package io.sluice.storage.config;

import io.sluice.pipeline.config.ConfigException;
import io.sluice.pipeline.config.ConfigLocation;
import io.sluice.pipeline.config.ConfigNode;
import io.sluice.pipeline.config.Fields;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * An {@code elasticsearch} or {@code opensearch} backend: Jaeger's {@code es/config.Configuration}
 * with the defaults of spec §6. Zero values fall back to the defaults, as {@code ApplyDefaults}
 * does. The password never appears in {@link #toString()}.
 *
 * @param flavor which key the block was written under
 * @param serverUrls the nodes to write to; default {@code http://127.0.0.1:9200}
 * @param remoteReadClusters cross-cluster names for reads; empty by default
 * @param auth basic and bearer-token credentials
 * @param tls client TLS settings
 * @param sniffing node discovery; accepted, not used
 * @param sendGetBodyAs {@code ""}, {@code GET} or {@code POST}; used by readers
 * @param queryTimeout per-request timeout; zero for the client's default
 * @param bulkProcessing bulk request sizing
 * @param version the engine's major version; 0 detects it with {@code GET /}
 * @param logLevel {@code debug}, {@code info} or {@code error}; default {@code error}
 * @param indices the index prefix and per-index options
 * @param useAliases write to {@code *-write} aliases instead of dated indices
 * @param createMappings PUT the templates at start; default true
 * @param useIlm ILM-managed indices (needs {@code use_aliases}); templates are then not created
 * @param maxDocCount read-side result limit; default 10000
 * @param maxSpanAge read-side lookback; default 72h
 * @param serviceCacheTtl how long a written service document is remembered; 0 means 12h
 * @param adaptiveSamplingLookback read-side lookback for sampling data; default 72h
 * @param tagsAsFields tags stored as object fields
 */
public record ElasticsearchConfig(
    SearchFlavor flavor,
    List<String> serverUrls,
    List<String> remoteReadClusters,
    AuthConfig auth,
    TlsConfig tls,
    Sniffing sniffing,
    String sendGetBodyAs,
    Duration queryTimeout,
    BulkProcessing bulkProcessing,
    int version,
    String logLevel,
    IndicesConfig indices,
    boolean useAliases,
    boolean createMappings,
    boolean useIlm,
    int maxDocCount,
    Duration maxSpanAge,
    Duration serviceCacheTtl,
    Duration adaptiveSamplingLookback,
    TagsAsFields tagsAsFields)
    implements BackendConfig {
  /** The default node. */
  public static final String DEFAULT_SERVER_URL = "http://127.0.0.1:9200";
  /** The default read result limit. */
  public static final int DEFAULT_MAX_DOC_COUNT = 10_000;
  /** The default read lookback. */
  public static final Duration DEFAULT_MAX_SPAN_AGE = Duration.ofHours(72);
  /** The writer's service-document cache lifetime when {@code service_cache_ttl} is 0. */
  public static final Duration DEFAULT_SERVICE_CACHE_TTL = Duration.ofHours(12);
  /** The default sampling lookback. */
  public static final Duration DEFAULT_SAMPLING_LOOKBACK = Duration.ofHours(72);

  private static final Set<String> LOG_LEVELS = Set.of("debug", "info", "error");
  private static final Set<String> GET_BODY_AS = Set.of("", "GET", "POST");

  /** Checks the parts. */
  public ElasticsearchConfig {
    serverUrls = List.copyOf(serverUrls);
    remoteReadClusters = List.copyOf(remoteReadClusters);
  }

  /** Returns the defaults for {@code flavor}, as an empty block decodes. */
  public static ElasticsearchConfig defaults(SearchFlavor flavor) {
    return decode(flavor, ConfigNode.absent(flavor.key(), ConfigLocation.UNKNOWN));
  }

  /** Decodes an {@code elasticsearch} or {@code opensearch} block. */
  public static ElasticsearchConfig decode(SearchFlavor flavor, ConfigNode node) {
    Fields f = node.fields();
    ConfigNode urlsNode = f.node("server_urls");
    ElasticsearchConfig c = new ElasticsearchConfig(
        flavor,
        serverUrls(urlsNode),
        f.strings("remote_read_clusters", List.of()),
        AuthConfig.decode(f.node("auth")),
        TlsConfig.decode(f.node("tls")),
        Sniffing.decode(f.node("sniffing")),
        oneOf(f.node("send_get_body_as"), "", GET_BODY_AS),
        nonNegative(f.node("query_timeout"), Duration.ZERO),
        BulkProcessing.decode(f.node("bulk_processing")),
        version(f.node("version")),
        oneOf(f.node("log_level"), "error", LOG_LEVELS),
        IndicesConfig.decode(f.node("indices")),
        f.bool("use_aliases", false),
        f.bool("create_mappings", true),
        f.bool("use_ilm", false),
        BulkProcessing.positiveOrDefault(f.node("max_doc_count"), DEFAULT_MAX_DOC_COUNT),
        BulkProcessing.durationOrDefault(f.node("max_span_age"), DEFAULT_MAX_SPAN_AGE),
        BulkProcessing.durationOrDefault(f.node("service_cache_ttl"), DEFAULT_SERVICE_CACHE_TTL),
        BulkProcessing.durationOrDefault(
            f.node("adaptive_sampling_lookback"), DEFAULT_SAMPLING_LOOKBACK),
        TagsAsFields.decode(f.node("tags_as_fields")));
    ConfigNode ilmNode = f.node("use_ilm");
    f.finish();
    if (c.useIlm && !c.useAliases) {
      throw ConfigException.at(ilmNode, "use_ilm requires use_aliases: true");
    }
    return c;
  }

  private static List<String> serverUrls(ConfigNode node) {
    if (node.isEmpty()) {
      return List.of(DEFAULT_SERVER_URL);
    }
    List<String> urls = node.asStringList();
    if (urls.isEmpty()) {
      throw ConfigException.at(node, "server_urls must list at least one URL");
    }
    for (String url : urls) {
      checkUrl(node, url);
    }
    return urls;
  }

  private static void checkUrl(ConfigNode node, String url) {
    if (url.isBlank()) {
      throw ConfigException.at(node, "server_urls has an empty URL; expected http(s)://host:port"
          + " (is an ${env:...} variable unset?)");
    }
    try {
      URI uri = new URI(url.trim());
      String scheme = uri.getScheme();
      if (uri.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
        throw ConfigException.at(node, "server_urls has \"" + Urls.redact(url)
            + "\", expected http(s)://host:port");
      }
    } catch (URISyntaxException e) {
      throw ConfigException.at(node, "server_urls has an invalid URL \"" + Urls.redact(url)
          + "\": " + e.getReason());
    }
  }

  private static String oneOf(ConfigNode node, String defaultValue, Set<String> allowed) {
    String value = node.isEmpty() ? defaultValue : node.asString();
    if (!allowed.contains(value)) {
      throw ConfigException.at(node, "unsupported value \"" + value + "\", expected one of "
          + allowed.stream().sorted().map(s -> "\"" + s + "\"").toList());
    }
    return value;
  }

  private static Duration nonNegative(ConfigNode node, Duration defaultValue) {
    Duration d = node.isEmpty() ? defaultValue : node.asDuration();
    if (d.isNegative()) {
      throw ConfigException.at(node, "must not be negative, got " + node.rawValue());
    }
    return d;
  }

  private static int version(ConfigNode node) {
    int v = node.isEmpty() ? 0 : node.asInt();
    if (v != 0 && v != 7 && v != 8) {
      throw ConfigException.at(node,
          "version must be 0 (detect), 7 or 8, got " + v + "; Sluice does not support ES 6");
    }
    return v;
  }

  @Override
  public String typeKey() {
    return flavor.key();
  }
}
