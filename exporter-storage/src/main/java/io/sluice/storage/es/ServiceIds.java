package io.sluice.storage.es;

import io.sluice.storage.model.GoStrings;

/** Computes the {@code _id} of service documents (spec §3.3). */
public final class ServiceIds {
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private ServiceIds() {}

  /**
   * Returns FNV-1a 64 of the UTF-8 bytes of {@code service} followed directly by those of
   * {@code operation}, as lowercase hex without zero padding ({@code strconv.FormatUint(h,16)}).
   * Example: ("oteltrace", "GET /api/users") gives "fed03a5aeb04dcc0".
   */
  public static String fnv1a64Hex(String service, String operation) {
    long hash = fnv1a64(FNV_OFFSET, GoStrings.toGoBytes(service));
    hash = fnv1a64(hash, GoStrings.toGoBytes(operation));
    return Long.toHexString(hash);
  }

  /** Continues an FNV-1a 64 hash over {@code bytes}. */
  static long fnv1a64(long hash, byte[] bytes) {
    for (byte b : bytes) {
      hash ^= b & 0xff;
      hash *= FNV_PRIME;
    }
    return hash;
  }

  /** Continues an FNV-1a 64 hash over the 8 big-endian bytes of {@code value}. */
  static long fnv1a64(long hash, long value) {
    for (int shift = 56; shift >= 0; shift -= 8) {
      hash ^= (value >>> shift) & 0xff;
      hash *= FNV_PRIME;
    }
    return hash;
  }

  /** Returns the FNV-1a 64 offset basis, the hash of nothing. */
  static long offsetBasis() {
    return FNV_OFFSET;
  }
}
