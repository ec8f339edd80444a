package io.sluice.receiver.otlp;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the LZ4 frame format (the {@code lz4} tool's and Go's {@code pierrec/lz4} output) from a
 * byte array, one block at a time: independent and linked blocks, concatenated and skippable
 * frames, and the header, block and content checksums.
 *
 * <p>No pure-Java library on Maven Central reads frames with linked blocks (liblz4's default),
 * so the block decoder is written here; every length and match offset is checked against the
 * input and the output before a byte is copied. Frames that need a dictionary are refused.
 * Memory: one block of the frame's declared maximum (at most 4 MiB) plus, for linked blocks,
 * 64 KiB of history; the caller bounds the total output.
 */
final class Lz4FrameInputStream extends InputStream {
  private static final int MAGIC = 0x184D2204;
  private static final int SKIPPABLE_MAGIC = 0x184D2A50;
  private static final int HISTORY_BYTES = 64 * 1024;
  private static final int MIN_MATCH = 4;

  private final byte[] src;
  private int srcPos;

  // The current frame's descriptor.
  private boolean inFrame;
  private boolean independentBlocks;
  private boolean blockChecksums;
  private boolean contentChecksum;
  private int blockMaxBytes;
  private Xxh32 contentHash = new Xxh32();

  // Decoded bytes: window[0, readPos) is history, window[readPos, windowEnd) is unread.
  private byte[] window = new byte[0];
  private int readPos;
  private int windowEnd;
  // The input position while a block is decoded.
  private int blockPos;

  /** Reads the frames in {@code src}. */
  Lz4FrameInputStream(byte[] src) {
    this.src = src;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    while (readPos == windowEnd) {
      if (!nextBlock()) {
        return -1;
      }
    }
    int n = Math.min(len, windowEnd - readPos);
    System.arraycopy(window, readPos, b, off, n);
    readPos += n;
    return n;
  }

  /** Decodes the next block into the window; returns false at the end of the input. */
  private boolean nextBlock() throws IOException {
    if (!inFrame) {
      if (srcPos == src.length) {
        return false;
      }
      readFrameHeader();
      return true;
    }
    int header = readIntLe("a block size");
    if (header == 0) {
      endFrame();
      return true;
    }
    boolean stored = header < 0;
    int size = header & 0x7FFFFFFF;
    if (size > blockMaxBytes) {
      throw corrupt("a block of " + size + " bytes is larger than the frame's block maximum of "
          + blockMaxBytes + " bytes");
    }
    require(size + (blockChecksums ? 4 : 0), "a block");
    if (blockChecksums && Xxh32.hash(src, srcPos, size) != Xxh32.intLe(src, srcPos + size)) {
      throw corrupt("block checksum mismatch");
    }
    decodeBlock(size, stored);
    srcPos += size + (blockChecksums ? 4 : 0);
    return true;
  }

  private void readFrameHeader() throws IOException {
    int magic = readIntLe("the magic number");
    while ((magic & 0xFFFFFFF0) == SKIPPABLE_MAGIC) {
      int skipped = readIntLe("a skippable frame's size");
      require(skipped, "a skippable frame");
      srcPos += skipped;
      if (srcPos == src.length) {
        return;
      }
      magic = readIntLe("the magic number");
    }
    if (magic != MAGIC) {
      throw corrupt(String.format("not an LZ4 frame: magic number 0x%08x, expected 0x%08x",
          magic, MAGIC));
    }
    readDescriptor();
  }

  private void readDescriptor() throws IOException {
    int start = srcPos;
    require(3, "the frame descriptor");
    int flags = src[srcPos] & 0xFF;
    int blockDescriptor = src[srcPos + 1] & 0xFF;
    if (flags >>> 6 != 1 || (flags & 0x02) != 0 || (blockDescriptor & 0x8F) != 0) {
      throw corrupt(String.format("unsupported frame descriptor FLG 0x%02x BD 0x%02x",
          flags, blockDescriptor));
    }
    if ((flags & 0x01) != 0) {
      throw corrupt("frames that need a dictionary are not supported");
    }
    int sizeId = blockDescriptor >>> 4;
    if (sizeId < 4) {
      throw corrupt("unsupported block maximum size id " + sizeId + ", expected 4 to 7");
    }
    int descriptorBytes = 2 + ((flags & 0x08) != 0 ? 8 : 0);
    require(descriptorBytes + 1, "the frame descriptor");
    int checksum = (Xxh32.hash(src, start, descriptorBytes) >>> 8) & 0xFF;
    if (checksum != (src[start + descriptorBytes] & 0xFF)) {
      throw corrupt("frame descriptor checksum mismatch");
    }
    srcPos += descriptorBytes + 1;
    startFrame(flags, 1 << (2 * sizeId + 8));
  }

  private void startFrame(int flags, int maxBytes) {
    inFrame = true;
    independentBlocks = (flags & 0x20) != 0;
    blockChecksums = (flags & 0x10) != 0;
    contentChecksum = (flags & 0x04) != 0;
    blockMaxBytes = maxBytes;
    contentHash = new Xxh32();
    int capacity = maxBytes + (independentBlocks ? 0 : HISTORY_BYTES);
    if (window.length != capacity) {
      window = new byte[capacity];
    }
    readPos = 0;
    windowEnd = 0;
  }

  private void endFrame() throws IOException {
    if (contentChecksum && readIntLe("the content checksum") != contentHash.digest()) {
      throw corrupt("content checksum mismatch");
    }
    inFrame = false;
    readPos = 0;
    windowEnd = 0;
  }

  /** Decodes the {@code size} input bytes at {@code srcPos} after the window's history. */
  private void decodeBlock(int size, boolean stored) throws IOException {
    keepHistory();
    int start = windowEnd;
    if (stored) {
      System.arraycopy(src, srcPos, window, start, size);
      windowEnd = start + size;
    } else {
      windowEnd = decompress(srcPos + size, start, start + blockMaxBytes);
    }
    contentHash.update(window, start, windowEnd - start);
    readPos = start;
  }

  /** Moves the last 64 KiB of output to the window's front (linked) or drops it. */
  private void keepHistory() {
    if (independentBlocks) {
      windowEnd = 0;
      return;
    }
    int keep = Math.min(windowEnd, HISTORY_BYTES);
    System.arraycopy(window, windowEnd - keep, window, 0, keep);
    windowEnd = keep;
  }

  /**
   * Decodes the LZ4 block from {@code blockPos} to {@code inEnd} into the window from
   * {@code out}, never past {@code outEnd}; returns the end of the output.
   */
  private int decompress(int inEnd, int out, int outEnd) throws IOException {
    blockPos = srcPos;
    while (true) {
      if (blockPos >= inEnd) {
        throw corrupt("a block ends without its last literals");
      }
      int token = src[blockPos++] & 0xFF;
      long literals = readLength(token >>> 4, inEnd);
      if (literals > inEnd - blockPos || literals > outEnd - out) {
        throw corrupt("a literal run of " + literals + " bytes passes the end of its block");
      }
      System.arraycopy(src, blockPos, window, out, (int) literals);
      blockPos += (int) literals;
      out += (int) literals;
      if (blockPos == inEnd) {
        return out;
      }
      out = copyMatch(token & 0x0F, inEnd, out, outEnd);
    }
  }

  /** Copies the match whose offset is at {@code blockPos}; returns the end of the output. */
  private int copyMatch(int lengthBits, int inEnd, int out, int outEnd) throws IOException {
    if (inEnd - blockPos < 2) {
      throw corrupt("a block ends inside a match offset");
    }
    int offset = (src[blockPos] & 0xFF) | (src[blockPos + 1] & 0xFF) << 8;
    blockPos += 2;
    if (offset == 0 || offset > out) {
      throw corrupt("match offset " + offset + " points before the start of the data");
    }
    long length = readLength(lengthBits, inEnd) + MIN_MATCH;
    if (length > outEnd - out) {
      throw corrupt("a match of " + length + " bytes passes the frame's block maximum");
    }
    // Byte by byte: a match may overlap the bytes it produces (offset < length).
    for (int from = out - offset, end = out + (int) length; out < end; ) {
      window[out++] = window[from++];
    }
    return out;
  }

  /** Returns a token's 4-bit length, extended by the 255-continued bytes when it is 15. */
  private long readLength(int bits, int inEnd) throws IOException {
    long length = bits;
    if (bits != 15) {
      return length;
    }
    int b;
    do {
      if (blockPos >= inEnd) {
        throw corrupt("a block ends inside a length");
      }
      b = src[blockPos++] & 0xFF;
      length += b;
    } while (b == 255);
    return length;
  }

  private int readIntLe(String what) throws IOException {
    require(4, what);
    int value = Xxh32.intLe(src, srcPos);
    srcPos += 4;
    return value;
  }

  private void require(int bytes, String what) throws IOException {
    if (src.length - srcPos < bytes) {
      throw corrupt("the stream ends inside " + what);
    }
  }

  private static IOException corrupt(String message) {
    return new IOException(message);
  }
}
