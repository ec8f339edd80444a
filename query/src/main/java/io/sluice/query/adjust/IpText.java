package io.sluice.query.adjust;

/** Writes IP addresses as Go's {@code net.IP.String} does. */
final class IpText {
  private IpText() {}

  /** Returns the dotted form of an IPv4 address packed big-endian into {@code bits}. */
  static String ipv4(int bits) {
    return (bits >>> 24) + "." + ((bits >>> 16) & 0xff) + "." + ((bits >>> 8) & 0xff) + "."
        + (bits & 0xff);
  }

  /**
   * Returns the text of a 4- or 16-byte address (an IPv4-mapped IPv6 address in dotted form,
   * other IPv6 addresses with the longest run of two or more zero groups as {@code ::}), or ""
   * for any other length.
   */
  static String of(byte[] address) {
    if (address.length == 4) {
      return ipv4(readInt(address, 0));
    }
    if (address.length != 16) {
      return "";
    }
    if (isV4Mapped(address)) {
      return ipv4(readInt(address, 12));
    }
    return ipv6(address);
  }

  private static boolean isV4Mapped(byte[] a) {
    for (int i = 0; i < 10; i++) {
      if (a[i] != 0) {
        return false;
      }
    }
    return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
  }

  private static String ipv6(byte[] a) {
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLength - 1;
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(groups[i]));
    }
    return out.toString();
  }

  private static int readInt(byte[] a, int offset) {
    return ((a[offset] & 0xff) << 24) | ((a[offset + 1] & 0xff) << 16)
        | ((a[offset + 2] & 0xff) << 8) | (a[offset + 3] & 0xff);
  }
}
