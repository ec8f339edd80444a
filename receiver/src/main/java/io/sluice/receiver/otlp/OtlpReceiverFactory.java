package io.sluice.receiver.otlp;

import io.sluice.pipeline.CreateSettings;
import io.sluice.pipeline.Receiver;
import io.sluice.pipeline.ReceiverFactory;
import io.sluice.pipeline.TracesConsumer;
import io.sluice.pipeline.config.ConfigException;
import io.sluice.pipeline.config.ConfigNode;
import io.sluice.pipeline.config.Fields;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Makes {@code otlp} receivers and decodes their config (spec/collector-runtime.md §3.1).
 *
 * <p>Unknown keys are errors. {@code read_timeout}, {@code read_header_timeout},
 * {@code write_timeout} and gRPC {@code keepalive} are accepted so that Jaeger and collector
 * configs load unchanged, but have no effect yet.
 */
public final class OtlpReceiverFactory implements ReceiverFactory<OtlpReceiverConfig> {
  /** The type name written in config files. */
  public static final String TYPE = "otlp";

  private static final List<String> KNOWN_ENCODINGS =
      OtlpReceiverConfig.Http.DEFAULT_COMPRESSION_ALGORITHMS;

  @Override
  public String type() {
    return TYPE;
  }

  /**
   * Decodes {@code protocols.http} and {@code protocols.grpc}; throws a {@link ConfigException}
   * when neither is written, for a bad value, or for an unknown key.
   */
  @Override
  public OtlpReceiverConfig decodeConfig(ConfigNode node) {
    Fields fields = node.fields();
    ConfigNode protocolsNode = fields.node("protocols");
    fields.finish();

    Fields protocols = protocolsNode.fields();
    ConfigNode httpNode = protocols.node("http");
    ConfigNode grpcNode = protocols.node("grpc");
    protocols.finish();
    if (!httpNode.isPresent() && !grpcNode.isPresent()) {
      throw ConfigException.at(
          node, "must specify at least one protocol when using the OTLP receiver");
    }
    return new OtlpReceiverConfig(
        httpNode.isPresent() ? decodeHttp(httpNode) : null,
        grpcNode.isPresent() ? decodeGrpc(grpcNode) : null);
  }

  /** Returns a receiver that serves every enabled protocol and pushes spans to {@code next}. */
  @Override
  public Receiver createTraces(
      CreateSettings settings, OtlpReceiverConfig config, TracesConsumer next) {
    return new OtlpReceiver(settings, config, next);
  }

  private static OtlpReceiverConfig.Http decodeHttp(ConfigNode node) {
    Fields f = node.fields();
    Endpoint endpoint = endpoint(f.node("endpoint"), OtlpReceiverConfig.Http.DEFAULT_ENDPOINT);
    String path = urlPath(
        f.string("traces_url_path", OtlpReceiverConfig.Http.DEFAULT_TRACES_URL_PATH));
    long maxBody = f.longValue("max_request_body_size", 0);
    List<String> encodings = encodings(f.node("compression_algorithms"));
    OtlpReceiverConfig.Cors cors = cors(f.node("cors"));
    boolean includeMetadata = f.bool("include_metadata", false);
    Map<String, String> headers = stringMap(f.node("response_headers"));
    for (String accepted : List.of("read_timeout", "read_header_timeout", "write_timeout")) {
      f.duration(accepted, Duration.ZERO);
    }
    Duration idle = f.duration("idle_timeout", Duration.ZERO);
    OtlpReceiverConfig.Tls tls = tls(f.node("tls"));
    ConfigNode inflightNode = f.node("max_inflight_bytes");
    f.finish();
    long maxBodyBytes =
        maxBody <= 0 ? OtlpReceiverConfig.Http.DEFAULT_MAX_REQUEST_BODY_BYTES : maxBody;
    return new OtlpReceiverConfig.Http(endpoint, path, maxBodyBytes, encodings, cors,
        includeMetadata, headers, idle, tls, maxInflightBytes(inflightNode, maxBodyBytes));
  }

  /**
   * Returns {@code max_inflight_bytes}: 0 when absent or 0; a value under the body limit is an
   * error, since a request of the largest size could then never be read.
   */
  private static long maxInflightBytes(ConfigNode node, long maxBodyBytes) {
    if (node.isEmpty()) {
      return 0;
    }
    long value = node.asLong();
    if (value < 0 || (value > 0 && value < maxBodyBytes)) {
      throw ConfigException.at(node, "max_inflight_bytes " + value + " must be 0 (a quarter of "
          + "the heap) or at least max_request_body_size (" + maxBodyBytes + " bytes)");
    }
    return value;
  }

  private static OtlpReceiverConfig.Grpc decodeGrpc(ConfigNode node) {
    Fields f = node.fields();
    Endpoint endpoint = endpoint(f.node("endpoint"), OtlpReceiverConfig.Grpc.DEFAULT_ENDPOINT);
    transport(f.node("transport"));
    int maxRecvMib = f.integer("max_recv_msg_size_mib", 0);
    int readBuffer =
        f.integer("read_buffer_size", OtlpReceiverConfig.Grpc.DEFAULT_READ_BUFFER_SIZE);
    int writeBuffer = f.integer("write_buffer_size", 0);
    boolean includeMetadata = f.bool("include_metadata", false);
    long maxStreams = f.longValue("max_concurrent_streams", 0);
    requireMapOrEmpty(f.node("keepalive"));
    OtlpReceiverConfig.Tls tls = tls(f.node("tls"));
    f.finish();
    int maxRecvBytes = maxRecvMib <= 0
        ? OtlpReceiverConfig.Grpc.DEFAULT_MAX_RECV_MSG_SIZE_BYTES
        : (int) Math.min(Integer.MAX_VALUE, maxRecvMib * 1024L * 1024L);
    return new OtlpReceiverConfig.Grpc(
        endpoint, maxRecvBytes, readBuffer, writeBuffer, includeMetadata, maxStreams, tls);
  }

  private static Endpoint endpoint(ConfigNode node, String defaultValue) {
    if (node.isEmpty()) {
      return Endpoint.parse(defaultValue);
    }
    try {
      return Endpoint.parse(node.asString());
    } catch (IllegalArgumentException e) {
      throw ConfigException.at(node, e.getMessage());
    }
  }

  private static void transport(ConfigNode node) {
    if (!node.isEmpty() && !node.asString().equals("tcp")) {
      throw ConfigException.at(
          node, "unsupported transport \"" + node.asString() + "\": only tcp is supported");
    }
  }

  private static String urlPath(String path) {
    return path.startsWith("/") ? path : "/" + path;
  }

  private static List<String> encodings(ConfigNode node) {
    if (node.isEmpty()) {
      return OtlpReceiverConfig.Http.DEFAULT_COMPRESSION_ALGORITHMS;
    }
    List<String> encodings = node.asStringList();
    for (String encoding : encodings) {
      if (!KNOWN_ENCODINGS.contains(encoding)) {
        throw ConfigException.at(node, "unsupported compression type \"" + encoding
            + "\": expected one of gzip, zstd, zlib, snappy, deflate, lz4");
      }
    }
    return encodings;
  }

  @Nullable
  private static OtlpReceiverConfig.Cors cors(ConfigNode node) {
    if (!node.isPresent()) {
      return null;
    }
    Fields f = node.fields();
    List<String> origins = f.strings("allowed_origins", List.of());
    List<String> headers = f.strings("allowed_headers", List.of());
    int maxAge = f.integer("max_age", 0);
    f.finish();
    return new OtlpReceiverConfig.Cors(origins, headers, maxAge);
  }

  @Nullable
  private static OtlpReceiverConfig.Tls tls(ConfigNode node) {
    if (!node.isPresent()) {
      return null;
    }
    Fields f = node.fields();
    String cert = f.string("cert_file", "");
    String key = f.string("key_file", "");
    f.finish();
    if (cert.isEmpty() || key.isEmpty()) {
      throw ConfigException.at(node, "provide both cert_file and key_file");
    }
    return new OtlpReceiverConfig.Tls(cert, key);
  }

  private static Map<String, String> stringMap(ConfigNode node) {
    Map<String, String> map = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigNode> e : node.entries().entrySet()) {
      map.put(e.getKey(), e.getValue().isEmpty() ? "" : e.getValue().asString());
    }
    return map;
  }

  private static void requireMapOrEmpty(ConfigNode node) {
    node.entries();
  }
}
