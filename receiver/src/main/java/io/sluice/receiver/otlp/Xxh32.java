package io.sluice.receiver.otlp;

/**
 * The 32-bit xxHash with seed 0, fed incrementally: the checksum of LZ4 frame headers, blocks
 * and contents (lz4 frame format, "Header Checksum" and "Content Checksum").
 */
final class Xxh32 {
  private static final int PRIME1 = 0x9E3779B1;
  private static final int PRIME2 = 0x85EBCA77;
  private static final int PRIME3 = 0xC2B2AE3D;
  private static final int PRIME4 = 0x27D4EB2F;
  private static final int PRIME5 = 0x165667B1;
  private static final int STRIPE_BYTES = 16;

  private int v1 = PRIME1 + PRIME2;
  private int v2 = PRIME2;
  private int v3 = 0;
  private int v4 = -PRIME1;
  private final byte[] pending = new byte[STRIPE_BYTES];
  private int pendingLength;
  private long totalLength;

  /** Returns the hash of {@code length} bytes of {@code bytes} from {@code offset}. */
  static int hash(byte[] bytes, int offset, int length) {
    Xxh32 hash = new Xxh32();
    hash.update(bytes, offset, length);
    return hash.digest();
  }

  /** Adds {@code length} bytes of {@code bytes} from {@code offset} to the hash. */
  void update(byte[] bytes, int offset, int length) {
    totalLength += length;
    int end = offset + length;
    if (pendingLength > 0) {
      int n = Math.min(STRIPE_BYTES - pendingLength, length);
      System.arraycopy(bytes, offset, pending, pendingLength, n);
      pendingLength += n;
      offset += n;
      if (pendingLength < STRIPE_BYTES) {
        return;
      }
      stripe(pending, 0);
      pendingLength = 0;
    }
    for (; end - offset >= STRIPE_BYTES; offset += STRIPE_BYTES) {
      stripe(bytes, offset);
    }
    System.arraycopy(bytes, offset, pending, 0, end - offset);
    pendingLength = end - offset;
  }

  /** Returns the hash of every byte added so far. */
  int digest() {
    int h = totalLength >= STRIPE_BYTES
        ? Integer.rotateLeft(v1, 1) + Integer.rotateLeft(v2, 7) + Integer.rotateLeft(v3, 12)
            + Integer.rotateLeft(v4, 18)
        : PRIME5;
    h += (int) totalLength;
    int i = 0;
    for (; i + 4 <= pendingLength; i += 4) {
      h = Integer.rotateLeft(h + intLe(pending, i) * PRIME3, 17) * PRIME4;
    }
    for (; i < pendingLength; i++) {
      h = Integer.rotateLeft(h + (pending[i] & 0xFF) * PRIME5, 11) * PRIME1;
    }
    h ^= h >>> 15;
    h *= PRIME2;
    h ^= h >>> 13;
    h *= PRIME3;
    return h ^ (h >>> 16);
  }

  private void stripe(byte[] bytes, int offset) {
    v1 = round(v1, intLe(bytes, offset));
    v2 = round(v2, intLe(bytes, offset + 4));
    v3 = round(v3, intLe(bytes, offset + 8));
    v4 = round(v4, intLe(bytes, offset + 12));
  }

  private static int round(int acc, int lane) {
    return Integer.rotateLeft(acc + lane * PRIME2, 13) * PRIME1;
  }

  /** Returns the little-endian int at {@code offset}. */
  static int intLe(byte[] bytes, int offset) {
    return (bytes[offset] & 0xFF)
        | (bytes[offset + 1] & 0xFF) << 8
        | (bytes[offset + 2] & 0xFF) << 16
        | (bytes[offset + 3] & 0xFF) << 24;
  }
}
