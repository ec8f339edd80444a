package io.sluice.receiver.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.pipeline.config.ConfigException;
import io.sluice.pipeline.config.ConfigLocation;
import io.sluice.pipeline.config.ConfigNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code otlp} config decodes with the collector's defaults and rejects what it does. */
class OtlpReceiverFactoryTest {
  private static final ConfigLocation FILE = new ConfigLocation("config.yaml", 3);
  private final OtlpReceiverFactory factory = new OtlpReceiverFactory();

  @Test
  void typeIsOtlp() {
    assertThat(factory.type()).isEqualTo("otlp");
  }

  @Test
  void bareProtocolKeysEnableThemWithDefaults() {
    OtlpReceiverConfig config = factory.decodeConfig(
        node(Map.of("protocols", mapOf("http", null, "grpc", null))));

    assertThat(config.http()).isEqualTo(OtlpReceiverConfig.Http.defaults());
    assertThat(config.grpc()).isEqualTo(OtlpReceiverConfig.Grpc.defaults());
    assertThat(config.http().endpoint()).isEqualTo(new Endpoint("localhost", 4318));
    assertThat(config.http().tracesUrlPath()).isEqualTo("/v1/traces");
    assertThat(config.http().maxRequestBodyBytes()).isEqualTo(20L * 1024 * 1024);
    assertThat(config.http().compressionAlgorithms())
        .containsExactly("", "gzip", "zstd", "zlib", "snappy", "deflate", "lz4");
    assertThat(config.grpc().endpoint()).isEqualTo(new Endpoint("localhost", 4317));
    assertThat(config.grpc().maxRecvMsgSizeBytes()).isEqualTo(4 * 1024 * 1024);
    assertThat(config.grpc().readBufferSize()).isEqualTo(524288);
  }

  @Test
  void onlyWrittenProtocolsAreEnabled() {
    OtlpReceiverConfig config =
        factory.decodeConfig(node(Map.of("protocols", mapOf("grpc", null))));

    assertThat(config.httpEnabled()).isEmpty();
    assertThat(config.grpcEnabled()).isPresent();
  }

  @Test
  void noProtocolIsAnError() {
    assertThatThrownBy(() -> factory.decodeConfig(node(Map.of("protocols", Map.of()))))
        .isInstanceOf(ConfigException.class)
        .hasMessage("config.yaml:3: receivers::otlp: "
            + "must specify at least one protocol when using the OTLP receiver");
    assertThatThrownBy(() -> factory.decodeConfig(
        ConfigNode.nullValue("receivers::otlp", FILE)))
        .hasMessageEndingWith("must specify at least one protocol when using the OTLP receiver");
  }

  @Test
  void httpKeysAreDecoded() {
    Map<String, Object> http = new LinkedHashMap<>();
    http.put("endpoint", ":4320");
    http.put("traces_url_path", "otlp/traces");
    http.put("max_request_body_size", 1024L);
    http.put("compression_algorithms", List.of("", "gzip"));
    http.put("cors", Map.of("allowed_origins", List.of("https://*.example.com"),
        "allowed_headers", List.of("X-Token"), "max_age", 600L));
    http.put("include_metadata", true);
    http.put("response_headers", Map.of("X-Served-By", "sluice"));
    http.put("read_timeout", "10s");
    http.put("idle_timeout", "1m");
    http.put("tls", Map.of("cert_file", "/c.pem", "key_file", "/k.pem"));
    http.put("max_inflight_bytes", 4096L);

    OtlpReceiverConfig.Http config = factory.decodeConfig(
        node(Map.of("protocols", Map.of("http", http)))).http();

    assertThat(config).isEqualTo(new OtlpReceiverConfig.Http(
        new Endpoint("0.0.0.0", 4320), "/otlp/traces", 1024, List.of("", "gzip"),
        new OtlpReceiverConfig.Cors(List.of("https://*.example.com"), List.of("X-Token"), 600),
        true, Map.of("X-Served-By", "sluice"), Duration.ofMinutes(1),
        new OtlpReceiverConfig.Tls("/c.pem", "/k.pem"), 4096));
  }

  @Test
  void grpcKeysAreDecodedAndKeepaliveIsAccepted() {
    Map<String, Object> grpc = new LinkedHashMap<>();
    grpc.put("endpoint", "0.0.0.0:14317");
    grpc.put("max_recv_msg_size_mib", 16L);
    grpc.put("read_buffer_size", 1024L);
    grpc.put("write_buffer_size", 2048L);
    grpc.put("max_concurrent_streams", 100L);
    grpc.put("keepalive", Map.of("server_parameters", Map.of("max_connection_age", "1m")));

    OtlpReceiverConfig.Grpc config = factory.decodeConfig(
        node(Map.of("protocols", Map.of("grpc", grpc)))).grpc();

    assertThat(config).isEqualTo(new OtlpReceiverConfig.Grpc(
        new Endpoint("0.0.0.0", 14317), 16 * 1024 * 1024, 1024, 2048, false, 100, null));
  }

  @Test
  void zeroBodyLimitMeansTwentyMebibytes() {
    OtlpReceiverConfig config = factory.decodeConfig(node(Map.of("protocols",
        Map.of("http", Map.of("max_request_body_size", 0L)))));

    assertThat(config.http().maxRequestBodyBytes()).isEqualTo(20L * 1024 * 1024);
  }

  @Test
  void inflightBudgetDefaultsToZeroMeaningAQuarterOfTheHeap() {
    OtlpReceiverConfig config =
        factory.decodeConfig(node(Map.of("protocols", Map.of("http", Map.of()))));

    assertThat(config.http().maxInflightBytes()).isZero();
    assertThat(InflightBytes.capacityFor(0, 20L << 20, 512L << 20)).isEqualTo(128L << 20);
    assertThat(InflightBytes.capacityFor(0, 20L << 20, 64L << 20)).isEqualTo(40L << 20);
    assertThat(InflightBytes.capacityFor(3L << 20, 1L << 20, 512L << 20)).isEqualTo(3L << 20);
  }

  @Test
  void inflightBudgetUnderTheBodyLimitIsAnError() {
    assertThatThrownBy(() -> factory.decodeConfig(node(Map.of("protocols", Map.of("http",
        mapOf("max_request_body_size", 2048L, "max_inflight_bytes", 1024L))))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("max_inflight_bytes 1024 must be 0 (a quarter of the heap) or at "
            + "least max_request_body_size (2048 bytes)");
  }

  @Test
  void unknownKeyIsAnErrorNamingIt() {
    assertThatThrownBy(() -> factory.decodeConfig(node(Map.of("protocols",
        Map.of("http", Map.of("endpoit", "localhost:4318"))))))
        .isInstanceOf(ConfigException.class)
        .hasMessage("config.yaml:3: receivers::otlp::protocols::http: has invalid keys: endpoit");
  }

  @Test
  void endpointWithoutPortIsAnError() {
    assertThatThrownBy(() -> factory.decodeConfig(node(Map.of("protocols",
        Map.of("http", Map.of("endpoint", "localhost"))))))
        .hasMessage("config.yaml:3: receivers::otlp::protocols::http::endpoint: "
            + "endpoint \"localhost\" has no port: expected host:port or :port");
  }

  @Test
  void unknownCompressionAlgorithmIsAnError() {
    assertThatThrownBy(() -> factory.decodeConfig(node(Map.of("protocols",
        Map.of("http", Map.of("compression_algorithms", List.of("br")))))))
        .hasMessageContaining("unsupported compression type \"br\"");
  }

  @Test
  void endpointsParseAsTheCollectorWritesThem() {
    assertThat(Endpoint.parse("localhost:4318")).isEqualTo(new Endpoint("localhost", 4318));
    assertThat(Endpoint.parse(":4318")).isEqualTo(new Endpoint("0.0.0.0", 4318));
    assertThat(Endpoint.parse("0.0.0.0:4317")).isEqualTo(new Endpoint("0.0.0.0", 4317));
    assertThat(Endpoint.parse("[::1]:4317")).isEqualTo(new Endpoint("::1", 4317));
    assertThat(new Endpoint("::1", 4317).toString()).isEqualTo("[::1]:4317");
    assertThatThrownBy(() -> Endpoint.parse("host:70000"))
        .hasMessage("endpoint \"host:70000\" has invalid port \"70000\": expected 0-65535");
  }

  /** Builds a config node the way the YAML loader would, all values located at {@link #FILE}. */
  private static ConfigNode node(Map<String, ?> map) {
    return toNode("receivers::otlp", map);
  }

  private static ConfigNode toNode(String path, Object value) {
    if (value == null) {
      return ConfigNode.nullValue(path, FILE);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, ConfigNode> entries = new LinkedHashMap<>();
      map.forEach((k, v) ->
          entries.put((String) k, toNode(ConfigNode.childPath(path, (String) k), v)));
      return ConfigNode.map(path, FILE, entries);
    }
    if (value instanceof List<?> list) {
      return ConfigNode.list(path, FILE, list.stream().map(v -> toNode(path, v)).toList());
    }
    return ConfigNode.scalar(path, FILE, value, false);
  }

  private static Map<String, Object> mapOf(String k1, Object v1, String k2, Object v2) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(k1, v1);
    map.put(k2, v2);
    return map;
  }

  private static Map<String, Object> mapOf(String k1, Object v1) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(k1, v1);
    return map;
  }
}
