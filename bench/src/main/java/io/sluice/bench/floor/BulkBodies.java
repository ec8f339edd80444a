package io.sluice.bench.floor;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups bulk items into {@code _bulk} request bodies the way the collector's writer takes them
 * from its queue: at most {@code maxActions} items, and no more than {@code maxBytes} bytes
 * unless a single item is larger (it then goes alone).
 */
final class BulkBodies {
  private BulkBodies() {}

  /** One request body and how many items (documents) it carries. */
  record Body(byte[] ndjson, int items) {}

  /** Returns the bodies for {@code items}, in order. */
  static List<Body> of(List<byte[]> items, int maxActions, long maxBytes) {
    List<Body> bodies = new ArrayList<>();
    ByteArrayOutputStream current = new ByteArrayOutputStream();
    int count = 0;
    for (byte[] item : items) {
      boolean full = count == maxActions || current.size() + (long) item.length > maxBytes;
      if (count > 0 && full) {
        bodies.add(new Body(current.toByteArray(), count));
        current.reset();
        count = 0;
      }
      current.writeBytes(item);
      count++;
    }
    if (count > 0) {
      bodies.add(new Body(current.toByteArray(), count));
    }
    return bodies;
  }
}
