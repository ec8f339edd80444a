package io.sluice.query.adjust;

import io.sluice.storage.model.KeyValue;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Orders tags as Jaeger's generated {@code KeyValue.Compare} does: by key, then value type
 * (string, bool, int64, float64, binary), then value. Strings compare by code point, which is
 * the order of their UTF-8 bytes, as Go compares them.
 */
final class KeyValueOrder {
  static final Comparator<KeyValue> ORDER = KeyValueOrder::compare;

  private KeyValueOrder() {}

  static int compare(KeyValue a, KeyValue b) {
    int c = compareStrings(a.key(), b.key());
    if (c != 0) {
      return c;
    }
    c = a.type().compareTo(b.type());
    if (c != 0) {
      return c;
    }
    c = compareStrings(a.stringValue(), b.stringValue());
    if (c != 0) {
      return c;
    }
    c = Boolean.compare(a.boolValue(), b.boolValue());
    if (c != 0) {
      return c;
    }
    c = Long.compare(a.int64Value(), b.int64Value());
    if (c != 0) {
      return c;
    }
    c = Double.compare(a.float64Value(), b.float64Value());
    return c != 0 ? c : Arrays.compareUnsigned(a.binaryValue(), b.binaryValue());
  }

  static int compareStrings(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        // Surrogates (code points above U+FFFF) sort after U+E000..U+FFFF in UTF-8 order.
        boolean sx = Character.isSurrogate(x);
        boolean sy = Character.isSurrogate(y);
        if (sx != sy && (x >= 0xE000 || y >= 0xE000)) {
          return sx ? 1 : -1;
        }
        return Character.compare(x, y);
      }
    }
    return Integer.compare(a.length(), b.length());
  }
}
