package io.sluice.receiver.otlp;

import io.airlift.compress.MalformedInputException;
import io.airlift.compress.snappy.SnappyFramedInputStream;
import io.airlift.compress.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import javax.annotation.Nullable;

/**
 * Decompresses request bodies by their {@code Content-Encoding}, never past a size limit
 * (spec/collector-runtime.md §3.3).
 *
 * <p>{@code gzip}, {@code zlib} and {@code deflate} (read as zlib, as the collector does) use
 * the JDK; {@code zstd} and {@code snappy} (the framed format, as Go's snappy reader, checksums
 * verified) use aircompressor; {@code lz4} is the LZ4 frame format, read by
 * {@link Lz4FrameInputStream}. Every decoder is read 64 KiB at a time into an array taken from
 * the request's lease, so a bomb stops at the limit whatever its codec.
 */
final class ContentEncodings {
  private static final int CHUNK_BYTES = 64 * 1024;
  private static final Pattern MEMORY_OFFSET = Pattern.compile(": offset=-?\\d+$");

  private ContentEncodings() {}

  /**
   * Returns {@code body} decoded by {@code encoding} ({@code ""} for none), throwing
   * {@link BodyTooLargeException} as soon as the output passes {@code maxBytes}, so that a
   * compression bomb is never inflated past the limit. The output is taken from {@code lease}
   * as it grows; {@link InflightBytesExhaustedException} when the receiver's budget is spent.
   * A corrupt stream throws an {@link IOException} whose message starts
   * {@code cannot decompress the <encoding> body: }.
   */
  static byte[] decode(String encoding, byte[] body, long maxBytes, InflightBytes.Lease lease)
      throws IOException {
    if (encoding.isEmpty()) {
      return body;
    }
    if (body.length == 0) {
      throw corrupt(encoding, "the body is empty, expected a " + encoding + " stream", null);
    }
    try {
      return readBounded(open(encoding, body), maxBytes, lease);
    } catch (BodyTooLargeException | InflightBytesExhaustedException
        | UnsupportedEncodingException e) {
      throw e;
    } catch (IOException e) {
      String problem = e.getMessage() != null ? e.getMessage() : "unexpected end of the stream";
      throw corrupt(encoding, problem, e);
    } catch (MalformedInputException e) {
      // aircompressor appends ": offset=N", a memory address inside its buffer, not the body's.
      String message = MEMORY_OFFSET.matcher(String.valueOf(e.getMessage())).replaceFirst("");
      throw corrupt(encoding, message, e);
    }
  }

  private static InputStream open(String encoding, byte[] body) throws IOException {
    ByteArrayInputStream in = new ByteArrayInputStream(body);
    return switch (encoding) {
      case "gzip" -> new GZIPInputStream(in);
      case "zlib", "deflate" -> new InflaterInputStream(in);
      case "zstd" -> new ZstdInputStream(in);
      case "snappy" -> new SnappyFramedInputStream(in, true);
      case "lz4" -> new Lz4FrameInputStream(body);
      default -> throw new UnsupportedEncodingException(encoding);
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

  private static IOException corrupt(
      String encoding, String problem, @Nullable Exception cause) {
    return new IOException("cannot decompress the " + encoding + " body: " + problem, cause);
  }

  /** Thrown for an encoding no decoder exists for; its message is the client's answer. */
  private static final class UnsupportedEncodingException extends IOException {
    UnsupportedEncodingException(String encoding) {
      super("unsupported Content-Encoding: " + encoding);
    }
  }
}
