package io.sluice.receiver.otlp;

import io.sluice.pipeline.ClientMetadata;
import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns request headers into the {@link ClientMetadata} a receiver with
 * {@code include_metadata: true} passes down, as confighttp and configgrpc put them in the
 * collector's {@code client.Info}.
 *
 * <p>Keys are lowercased and every value is kept. HTTP/2 pseudo-headers ({@code :path},
 * {@code :authority}) and {@code host} are left out: Go keeps them out of {@code http.Header}.
 * Binary gRPC metadata ({@code -bin}) stays in its base64 wire form, where grpc-go would decode
 * it; a shard key on a binary key therefore sees other bytes than in the collector.
 */
final class RequestMetadata {
  private RequestMetadata() {}

  /** Returns the metadata of {@code headers}, or {@link ClientMetadata#EMPTY} when none. */
  static ClientMetadata of(MultiMap headers) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (Map.Entry<String, String> header : headers) {
      String key = header.getKey().toLowerCase(Locale.ROOT);
      if (key.startsWith(":") || key.equals("host")) {
        continue;
      }
      values.computeIfAbsent(key, k -> new ArrayList<>()).add(header.getValue());
    }
    return ClientMetadata.of(values);
  }
}
