package io.sluice.receiver.otlp;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * The {@code otlp} receiver's config: which protocols listen, and how.
 *
 * <p>A protocol is enabled only when its key is written, even with no value
 * ({@code http:}), as in the collector; at least one must be.
 *
 * @param http the OTLP/HTTP server, or null when {@code protocols.http} is absent
 * @param grpc the OTLP/gRPC server, or null when {@code protocols.grpc} is absent
 */
public record OtlpReceiverConfig(@Nullable Http http, @Nullable Grpc grpc) {
  /** Returns the HTTP settings when that protocol is enabled. */
  public Optional<Http> httpEnabled() {
    return Optional.ofNullable(http);
  }

  /** Returns the gRPC settings when that protocol is enabled. */
  public Optional<Grpc> grpcEnabled() {
    return Optional.ofNullable(grpc);
  }

  /**
   * {@code protocols.http}.
   *
   * @param endpoint where to listen; default {@code localhost:4318}
   * @param tracesUrlPath the exact path of the traces handler; default {@code /v1/traces}
   * @param maxRequestBodyBytes limit on the compressed and on the decompressed body; default 20 MiB
   * @param compressionAlgorithms the accepted {@code Content-Encoding} values; {@code ""} is none
   * @param cors cross-origin settings, or null when not configured
   * @param includeMetadata {@code true} passes the request headers down with the spans as
   *     client metadata (keys lowercased); default false
   * @param responseHeaders headers added to every response
   * @param idleTimeout closes idle connections; zero means never
   * @param tls the server certificate, or null for plain HTTP
   * @param maxInflightBytes Sluice-only {@code max_inflight_bytes}: the request bytes the whole
   *     receiver (HTTP and gRPC) holds at once; 0 (the default) means a quarter of the maximum
   *     heap, at least twice the largest request
   */
  public record Http(
      Endpoint endpoint,
      String tracesUrlPath,
      long maxRequestBodyBytes,
      List<String> compressionAlgorithms,
      @Nullable Cors cors,
      boolean includeMetadata,
      Map<String, String> responseHeaders,
      Duration idleTimeout,
      @Nullable Tls tls,
      long maxInflightBytes) {
    /** The default {@code endpoint}. */
    public static final String DEFAULT_ENDPOINT = "localhost:4318";
    /** The default {@code traces_url_path}. */
    public static final String DEFAULT_TRACES_URL_PATH = "/v1/traces";
    /** The body limit that {@code max_request_body_size: 0} (the default) means: 20 MiB. */
    public static final long DEFAULT_MAX_REQUEST_BODY_BYTES = 20L * 1024 * 1024;
    /** The default {@code compression_algorithms}, in the collector's order. */
    public static final List<String> DEFAULT_COMPRESSION_ALGORITHMS =
        List.of("", "gzip", "zstd", "zlib", "snappy", "deflate", "lz4");

    /** Checks the parts and copies the collections. */
    public Http {
      requireNonNull(endpoint, "endpoint");
      requireNonNull(tracesUrlPath, "tracesUrlPath");
      compressionAlgorithms = List.copyOf(compressionAlgorithms);
      responseHeaders = Map.copyOf(responseHeaders);
      requireNonNull(idleTimeout, "idleTimeout");
      if (maxInflightBytes < 0) {
        throw new IllegalArgumentException(
            "maxInflightBytes must be 0 (default) or positive: " + maxInflightBytes);
      }
    }

    /** Returns the settings a bare {@code http:} key means. */
    public static Http defaults() {
      return new Http(
          Endpoint.parse(DEFAULT_ENDPOINT),
          DEFAULT_TRACES_URL_PATH,
          DEFAULT_MAX_REQUEST_BODY_BYTES,
          DEFAULT_COMPRESSION_ALGORITHMS,
          null,
          false,
          Map.of(),
          Duration.ZERO,
          null,
          0);
    }

    /** Returns a copy listening on {@code endpoint}. */
    public Http withEndpoint(Endpoint endpoint) {
      return new Http(endpoint, tracesUrlPath, maxRequestBodyBytes, compressionAlgorithms, cors,
          includeMetadata, responseHeaders, idleTimeout, tls, maxInflightBytes);
    }

    /** Returns a copy with the body limit {@code maxBytes}. */
    public Http withMaxRequestBodyBytes(long maxBytes) {
      return new Http(endpoint, tracesUrlPath, maxBytes, compressionAlgorithms, cors,
          includeMetadata, responseHeaders, idleTimeout, tls, maxInflightBytes);
    }

    /** Returns a copy serving TLS with {@code tls}, or plain HTTP when it is null. */
    public Http withTls(@Nullable Tls tls) {
      return new Http(endpoint, tracesUrlPath, maxRequestBodyBytes, compressionAlgorithms, cors,
          includeMetadata, responseHeaders, idleTimeout, tls, maxInflightBytes);
    }

    /** Returns a copy with {@code include_metadata} set to {@code includeMetadata}. */
    public Http withIncludeMetadata(boolean includeMetadata) {
      return new Http(endpoint, tracesUrlPath, maxRequestBodyBytes, compressionAlgorithms, cors,
          includeMetadata, responseHeaders, idleTimeout, tls, maxInflightBytes);
    }

    /** Returns a copy with cross-origin settings {@code cors}, or none when it is null. */
    public Http withCors(@Nullable Cors cors) {
      return new Http(endpoint, tracesUrlPath, maxRequestBodyBytes, compressionAlgorithms, cors,
          includeMetadata, responseHeaders, idleTimeout, tls, maxInflightBytes);
    }

    /** Returns a copy with the in-flight byte budget {@code maxBytes} (0 for the default). */
    public Http withMaxInflightBytes(long maxBytes) {
      return new Http(endpoint, tracesUrlPath, maxRequestBodyBytes, compressionAlgorithms, cors,
          includeMetadata, responseHeaders, idleTimeout, tls, maxBytes);
    }
  }

  /**
   * {@code protocols.grpc}.
   *
   * @param endpoint where to listen; default {@code localhost:4317}
   * @param maxRecvMsgSizeBytes the largest request message; default 4 MiB, as gRPC's
   * @param readBufferSize accepted; default 524288
   * @param writeBufferSize accepted; 0 when unset
   * @param includeMetadata {@code true} passes the request headers down with the spans as
   *     client metadata (keys lowercased); default false
   * @param maxConcurrentStreams per connection; 0 means the library default
   * @param tls the server certificate, or null for plaintext
   */
  public record Grpc(
      Endpoint endpoint,
      int maxRecvMsgSizeBytes,
      int readBufferSize,
      int writeBufferSize,
      boolean includeMetadata,
      long maxConcurrentStreams,
      @Nullable Tls tls) {
    /** The default {@code endpoint}. */
    public static final String DEFAULT_ENDPOINT = "localhost:4317";
    /** The receive limit when {@code max_recv_msg_size_mib} is 0 or unset: 4 MiB. */
    public static final int DEFAULT_MAX_RECV_MSG_SIZE_BYTES = 4 * 1024 * 1024;
    /** The default {@code read_buffer_size}. */
    public static final int DEFAULT_READ_BUFFER_SIZE = 512 * 1024;

    /** Checks the parts. */
    public Grpc {
      requireNonNull(endpoint, "endpoint");
    }

    /** Returns the settings a bare {@code grpc:} key means. */
    public static Grpc defaults() {
      return new Grpc(Endpoint.parse(DEFAULT_ENDPOINT), DEFAULT_MAX_RECV_MSG_SIZE_BYTES,
          DEFAULT_READ_BUFFER_SIZE, 0, false, 0, null);
    }

    /** Returns a copy listening on {@code endpoint}. */
    public Grpc withEndpoint(Endpoint endpoint) {
      return new Grpc(endpoint, maxRecvMsgSizeBytes, readBufferSize, writeBufferSize,
          includeMetadata, maxConcurrentStreams, tls);
    }

    /** Returns a copy serving TLS with {@code tls}, or plaintext when it is null. */
    public Grpc withTls(@Nullable Tls tls) {
      return new Grpc(endpoint, maxRecvMsgSizeBytes, readBufferSize, writeBufferSize,
          includeMetadata, maxConcurrentStreams, tls);
    }
  }

  /**
   * {@code protocols.http.cors}.
   *
   * @param allowedOrigins origins allowed, may hold {@code *} wildcards; empty disables CORS
   * @param allowedHeaders request headers allowed besides the always-allowed simple ones
   * @param maxAgeSeconds how long a browser may cache a preflight answer; 0 sends no header
   */
  public record Cors(List<String> allowedOrigins, List<String> allowedHeaders, int maxAgeSeconds) {
    /** Copies the lists. */
    public Cors {
      allowedOrigins = List.copyOf(allowedOrigins);
      allowedHeaders = List.copyOf(allowedHeaders);
    }
  }

  /**
   * A server certificate: {@code tls.cert_file} and {@code tls.key_file}, PEM files.
   *
   * @param certFile path of the PEM certificate chain
   * @param keyFile path of the PEM private key
   */
  public record Tls(String certFile, String keyFile) {
    /** Checks the parts. */
    public Tls {
      requireNonNull(certFile, "certFile");
      requireNonNull(keyFile, "keyFile");
    }
  }
}
