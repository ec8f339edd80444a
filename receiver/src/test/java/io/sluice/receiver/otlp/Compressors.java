package io.sluice.receiver.otlp;

import io.airlift.compress.lz4.Lz4Compressor;
import io.airlift.compress.snappy.SnappyFramedOutputStream;
import io.airlift.compress.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Compresses test bodies with the codecs the receiver reads besides gzip and zlib. */
final class Compressors {
  /** The LZ4 frame block maximum written: 4 MiB (block size id 7). */
  private static final int LZ4_BLOCK_BYTES = 4 * 1024 * 1024;

  private Compressors() {}

  /** Returns {@code bytes} as one zstd frame (aircompressor's encoder). */
  static byte[] zstd(byte[] bytes) {
    return compress(bytes, Compressors::zstdStream);
  }

  /** Returns {@code bytes} in the snappy framed format, with checksums. */
  static byte[] snappy(byte[] bytes) {
    return compress(bytes, SnappyFramedOutputStream::new);
  }

  /**
   * Returns {@code bytes} as one LZ4 frame with independent 4 MiB blocks and a content
   * checksum, as Go's {@code pierrec/lz4} writes by default; blocks from aircompressor.
   */
  static byte[] lz4(byte[] bytes) {
    ByteBuffer out = ByteBuffer.allocate(bytes.length + bytes.length / 200 + 1024)
        .order(ByteOrder.LITTLE_ENDIAN);
    byte[] descriptor = {0x64, 0x70};
    out.putInt(0x184D2204).put(descriptor)
        .put((byte) (Xxh32.hash(descriptor, 0, descriptor.length) >>> 8));
    Lz4Compressor compressor = new Lz4Compressor();
    byte[] block = new byte[compressor.maxCompressedLength(LZ4_BLOCK_BYTES)];
    for (int offset = 0; offset < bytes.length; offset += LZ4_BLOCK_BYTES) {
      int n = Math.min(LZ4_BLOCK_BYTES, bytes.length - offset);
      int size = compressor.compress(bytes, offset, n, block, 0, block.length);
      out.putInt(size).put(block, 0, size);
    }
    out.putInt(0).putInt(Xxh32.hash(bytes, 0, bytes.length));
    byte[] frame = new byte[out.position()];
    out.flip().get(frame);
    return frame;
  }

  private static OutputStream zstdStream(OutputStream out) throws IOException {
    return new ZstdOutputStream(out);
  }

  private static byte[] compress(byte[] bytes, StreamFactory factory) {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (OutputStream out = factory.open(compressed)) {
      out.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return compressed.toByteArray();
  }

  /** Wraps an output stream in an encoder. */
  @FunctionalInterface
  private interface StreamFactory {
    OutputStream open(OutputStream out) throws IOException;
  }
}
