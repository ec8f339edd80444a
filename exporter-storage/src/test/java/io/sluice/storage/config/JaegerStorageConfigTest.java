package io.sluice.storage.config;

import static io.sluice.storage.config.YamlNodes.map;
import static io.sluice.storage.config.YamlNodes.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.pipeline.config.ConfigException;
import io.sluice.storage.config.IndicesConfig.IndexOptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class JaegerStorageConfigTest {
  private static JaegerStorageConfig decode(Object backends) {
    return JaegerStorageConfig.decode(
        node("extensions::jaeger_storage", map("backends", backends)));
  }

  private static ElasticsearchConfig decodeSearch(Object block) {
    return (ElasticsearchConfig) decode(map("main", map("opensearch", block)))
        .backends().get("main");
  }

  @Test
  void emptySearchBlockDecodesToJaegerDefaults() {
    ElasticsearchConfig c = decodeSearch(null);

    assertThat(c.flavor()).isEqualTo(SearchFlavor.OPENSEARCH);
    assertThat(c.serverUrls()).containsExactly("http://127.0.0.1:9200");
    assertThat(c.remoteReadClusters()).isEmpty();
    assertThat(c.bulkProcessing())
        .isEqualTo(new BulkProcessing(5_000_000, 1000, Duration.ofMillis(200), 1));
    assertThat(c.indices()).isEqualTo(new IndicesConfig("",
        new IndexOptions(0, "2006-01-02", 5, 1, "day"),
        new IndexOptions(0, "2006-01-02", 5, 1, "day"),
        new IndexOptions(0, "2006-01-02", 5, 1, "day"),
        new IndexOptions(0, "2006-01-02", 5, 1, "day")));
    assertThat(c.version()).isZero();
    assertThat(c.logLevel()).isEqualTo("error");
    assertThat(c.sendGetBodyAs()).isEmpty();
    assertThat(c.queryTimeout()).isEqualTo(Duration.ZERO);
    assertThat(c.useAliases()).isFalse();
    assertThat(c.createMappings()).isTrue();
    assertThat(c.useIlm()).isFalse();
    assertThat(c.maxDocCount()).isEqualTo(10_000);
    assertThat(c.maxSpanAge()).isEqualTo(Duration.ofHours(72));
    assertThat(c.serviceCacheTtl()).isEqualTo(Duration.ofHours(12));
    assertThat(c.adaptiveSamplingLookback()).isEqualTo(Duration.ofHours(72));
    assertThat(c.tagsAsFields()).isEqualTo(new TagsAsFields(false, "@", "", ""));
    assertThat(c.tls()).isEqualTo(TlsConfig.defaults());
    assertThat(c.auth()).isEqualTo(AuthConfig.none());
    assertThat(c.sniffing()).isEqualTo(new Sniffing(false, false));
  }

  @Test
  void everyDocumentedKeyIsAccepted() {
    ElasticsearchConfig c = decodeSearch(map(
        "server_urls", List.of("https://es1:9200", "https://es2:9200"),
        "remote_read_clusters", List.of("west"),
        "auth", map("basic", map("username", "u", "password", "p", "password_file", null),
            "bearer_token", map("file_path", "/t", "from_context", true)),
        "tls", map("insecure", false, "ca_file", "/ca.pem", "cert_file", "/c.pem",
            "key_file", "/k.pem", "insecure_skip_verify", true, "server_name_override", "es"),
        "sniffing", map("enabled", true, "use_https", true),
        "send_get_body_as", "POST",
        "query_timeout", "5s",
        "bulk_processing", map("max_bytes", 1000, "max_actions", 10, "flush_interval", "1s",
            "workers", 3),
        "version", 8,
        "log_level", "debug",
        "indices", map("index_prefix", "jaeger2-main",
            "spans", map("priority", 3, "date_layout", "2006-01-02-15", "shards", 2,
                "replicas", 2, "rollover_frequency", "hour")),
        "use_aliases", true, "create_mappings", false, "use_ilm", true,
        "max_doc_count", 5, "max_span_age", "1h", "service_cache_ttl", "1m",
        "adaptive_sampling_lookback", "2h",
        "tags_as_fields", map("all", true, "dot_replacement", "_", "config_file", "/f",
            "include", "a,b")));

    assertThat(c.serverUrls()).containsExactly("https://es1:9200", "https://es2:9200");
    assertThat(c.bulkProcessing())
        .isEqualTo(new BulkProcessing(1000, 10, Duration.ofSeconds(1), 3));
    assertThat(c.indices().spans()).isEqualTo(new IndexOptions(3, "2006-01-02-15", 2, 2, "hour"));
    assertThat(c.indices().services()).isEqualTo(IndexOptions.DEFAULTS);
    assertThat(c.version()).isEqualTo(8);
    assertThat(c.tls().insecureSkipVerify()).isTrue();
    assertThat(c.serviceCacheTtl()).isEqualTo(Duration.ofMinutes(1));
    assertThat(c.tagsAsFields()).isEqualTo(new TagsAsFields(true, "_", "/f", "a,b"));
  }

  @Test
  void zeroShardsReplicasAndBulkValuesMeanTheDefaults() {
    ElasticsearchConfig c = decodeSearch(map(
        "bulk_processing", map("max_bytes", 0, "max_actions", 0, "flush_interval", "0s",
            "workers", 0),
        "indices", map("spans", map("shards", 0, "replicas", 0)),
        "service_cache_ttl", "0s", "max_doc_count", 0));

    assertThat(c.bulkProcessing()).isEqualTo(BulkProcessing.DEFAULTS);
    assertThat(c.indices().spans().shards()).isEqualTo(5);
    assertThat(c.indices().spans().replicas()).isEqualTo(1);
    assertThat(c.serviceCacheTtl()).isEqualTo(Duration.ofHours(12));
    assertThat(c.maxDocCount()).isEqualTo(10_000);
  }

  @Test
  void unknownKeyIsRejectedWithItsPath() {
    assertThatThrownBy(() -> decodeSearch(map("bulk_processing", map("max_docs", 5))))
        .isInstanceOf(ConfigException.class)
        .hasMessage("config.yaml:7: extensions::jaeger_storage::backends::main::opensearch"
            + "::bulk_processing: has invalid keys: max_docs");
  }

  @Test
  void emptyServerUrlFromUnsetEnvironmentVariableIsAnError() {
    assertThatThrownBy(() -> decodeSearch(map("server_urls", "")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("opensearch::server_urls: server_urls has an empty URL");
  }

  @Test
  void passwordNeverAppearsInToString() {
    ElasticsearchConfig c = decodeSearch(map("auth", map("basic",
        map("username", "admin", "password", "s3cr3t-Pa55"))));

    assertThat(c.toString()).doesNotContain("s3cr3t-Pa55").contains("username=admin")
        .contains("password=<redacted>");
    assertThat(c.auth().basic().password()).isEqualTo("s3cr3t-Pa55");
  }

  @Test
  void passwordAndPasswordFileTogetherAreAnError() {
    assertThatThrownBy(() -> decodeSearch(map("auth", map("basic",
        map("username", "u", "password", "p", "password_file", "/f")))))
        .isInstanceOf(ConfigException.class)
        .hasMessage("config.yaml:7: extensions::jaeger_storage::backends::main::opensearch::auth"
            + "::basic: both password and password_file are set; provide only one of them");
  }

  @Test
  void memoryBackendDefaultsToOneMillionTraces() {
    JaegerStorageConfig c = decode(map("mem", map("memory", null)));

    assertThat(c.backends()).containsEntry("mem", new MemoryConfig(1_000_000));
  }

  @Test
  void memoryBackendTakesMaxTraces() {
    JaegerStorageConfig c = decode(map("mem", map("memory", map("max_traces", 100_000))));

    assertThat(c.backends()).containsEntry("mem", new MemoryConfig(100_000));
  }

  @Test
  void unsupportedBackendTypeSaysSo() {
    assertThatThrownBy(() -> decode(map("b", map("badger", map("ephemeral", true)))))
        .hasMessageContaining("backend type 'badger' of storage 'b' is not supported by Sluice");
  }

  @Test
  void emptyBackendEntryIsAnError() {
    assertThatThrownBy(() -> decode(map("b", null)))
        .hasMessageContaining("empty backend configuration for storage 'b'");
  }

  @Test
  void twoTypesInOneBackendAreAnError() {
    assertThatThrownBy(() -> decode(map("b", map("memory", null, "opensearch", null))))
        .hasMessageContaining("expected exactly one backend type");
  }

  @Test
  void noBackendIsAnError() {
    assertThatThrownBy(() -> JaegerStorageConfig.decode(node("jaeger_storage", map())))
        .hasMessageContaining("at least one storage backend is required");
  }

  @Test
  void metricBackendsAreAcceptedAsAMap() {
    JaegerStorageConfig c = JaegerStorageConfig.decode(node("jaeger_storage", map(
        "backends", map("m", map("memory", null)),
        "metric_backends", map("prom", map("prometheus", map("endpoint", "http://p:9090"))))));

    assertThat(c.backends()).containsOnlyKeys("m");
  }

  @Test
  void ilmWithoutAliasesIsAnError() {
    assertThatThrownBy(() -> decodeSearch(map("use_ilm", true)))
        .hasMessageContaining("use_ilm requires use_aliases: true");
  }
}
