package io.sluice.receiver.otlp;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Decompresses request bodies by their {@code Content-Encoding}, never past a size limit
 * (spec/collector-runtime.md §3.3).
 *
 * <p>{@code gzip}, {@code zlib} and {@code deflate} (read as zlib, as the collector does) are
 * supported. {@code zstd}, {@code snappy} and {@code lz4} are accepted names but not yet
 * decoded: such a request gets a 400 saying so, which costs clients that compress with them a
 * failed export until a pure-Java decoder is added.
 */
final class ContentEncodings {
  private static final int CHUNK_BYTES = 64 * 1024;

  private ContentEncodings() {}

  /**
   * Returns {@code body} decoded by {@code encoding} ({@code ""} for none), throwing
   * {@link BodyTooLargeException} as soon as the output passes {@code maxBytes}, so that a
   * compression bomb is never inflated past the limit. The output is taken from {@code lease}
   * as it grows; {@link InflightBytesExhaustedException} when the receiver's budget is spent.
   */
  static byte[] decode(String encoding, byte[] body, long maxBytes, InflightBytes.Lease lease)
      throws IOException {
    try {
      return inflate(encoding, body, maxBytes, lease);
    } catch (ZipException | EOFException e) {
      String problem = body.length == 0
          ? "the body is empty, expected a " + encoding + " stream"
          : e.getMessage() != null ? e.getMessage() : "unexpected end of the stream";
      throw new IOException("cannot decompress the " + encoding + " body: " + problem, e);
    }
  }

  private static byte[] inflate(
      String encoding, byte[] body, long maxBytes, InflightBytes.Lease lease) throws IOException {
    return switch (encoding) {
      case "" -> body;
      case "gzip" ->
          readBounded(new GZIPInputStream(new ByteArrayInputStream(body)), maxBytes, lease);
      case "zlib", "deflate" ->
          readBounded(new InflaterInputStream(new ByteArrayInputStream(body)), maxBytes, lease);
      default -> throw new IOException(
          "unsupported Content-Encoding: " + encoding + " (not implemented in Sluice yet)");
    };
  }

  private static byte[] readBounded(InputStream in, long maxBytes, InflightBytes.Lease lease)
      throws IOException {
    try (in) {
      LeasedBytes out = new LeasedBytes(lease, maxBytes, -1);
      byte[] chunk = new byte[CHUNK_BYTES];
      for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
        out.append(chunk, 0, n);
      }
      return out.toByteArray();
    }
  }
}
