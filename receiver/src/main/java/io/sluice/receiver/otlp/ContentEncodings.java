package io.sluice.receiver.otlp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
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
   * compression bomb is never inflated past the limit.
   */
  static byte[] decode(String encoding, byte[] body, long maxBytes) throws IOException {
    try {
      return inflate(encoding, body, maxBytes);
    } catch (ZipException | EOFException e) {
      String problem = e.getMessage();
      throw new IOException("cannot decompress the " + encoding + " body: " + problem, e);
    }
  }

  private static byte[] inflate(String encoding, byte[] body, long maxBytes) throws IOException {
    return switch (encoding) {
      case "" -> body;
      case "gzip" -> readBounded(new GZIPInputStream(new ByteArrayInputStream(body)), maxBytes);
      case "zlib", "deflate" ->
          readBounded(new InflaterInputStream(new ByteArrayInputStream(body)), maxBytes);
      default -> throw new IOException(
          "unsupported Content-Encoding: " + encoding + " (not implemented in Sluice yet)");
    };
  }

  private static byte[] readBounded(InputStream in, long maxBytes) throws IOException {
    try (in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] chunk = new byte[CHUNK_BYTES];
      long total = 0;
      for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
        total += n;
        if (total > maxBytes) {
          throw new BodyTooLargeException(maxBytes);
        }
        out.write(chunk, 0, n);
      }
      return out.toByteArray();
    }
  }
}
