package io.sluice.storage.es;

import javax.annotation.Nullable;

/** Writes the action lines of an Elasticsearch/OpenSearch {@code _bulk} NDJSON body. */
public final class BulkActions {
  private BulkActions() {}

  /**
   * Appends {@code {"index":{"_index":"<index>","_id":"<id>"}}} (the {@code _id} part only when
   * {@code id} is not null), without a trailing newline; the ES 7+ form with no {@code _type}.
   */
  public static void writeIndex(JsonBuffer out, String index, @Nullable String id) {
    out.writeAscii("{\"index\":{\"_index\":").writeString(index);
    if (id != null) {
      out.writeAscii(",\"_id\":").writeString(id);
    }
    out.writeAscii("}}");
  }
}
