package io.sluice.query.json;

import io.sluice.storage.es.JsonBuffer;

/**
 * Re-indents compact JSON as Go's {@code json.MarshalIndent} with no prefix does: one member
 * or element per line, {@code ": "} after keys, empty objects and arrays kept as {@code {}} and
 * {@code []}. The query API uses it for {@code prettyPrint}.
 */
public final class JsonIndent {
  private JsonIndent() {}

  /**
   * Returns {@code compact[0, length)} indented by {@code indent} per level.
   *
   * @throws IllegalStateException when the indented text would pass {@code maxBytes}
   */
  public static JsonBuffer indent(byte[] compact, int length, String indent, long maxBytes) {
    JsonBuffer out = new JsonBuffer((int) Math.min((long) length * 2 + 16, maxBytes), maxBytes);
    int depth = 0;
    boolean inString = false;
    for (int i = 0; i < length; i++) {
      byte b = compact[i];
      if (inString) {
        out.writeBytes(compact, i, 1);
        if (b == '\\') {
          out.writeBytes(compact, ++i, 1);
        } else if (b == '"') {
          inString = false;
        }
        continue;
      }
      switch (b) {
        case '"' -> {
          inString = true;
          out.writeByte('"');
        }
        case '{', '[' -> {
          out.writeByte((char) b);
          byte close = b == '{' ? (byte) '}' : (byte) ']';
          if (i + 1 < length && compact[i + 1] == close) {
            out.writeByte((char) close);
            i++;
          } else {
            depth++;
            newline(out, indent, depth);
          }
        }
        case '}', ']' -> {
          depth--;
          newline(out, indent, depth);
          out.writeByte((char) b);
        }
        case ',' -> {
          out.writeByte(',');
          newline(out, indent, depth);
        }
        case ':' -> out.writeAscii(": ");
        default -> out.writeBytes(compact, i, 1);
      }
    }
    return out;
  }

  private static void newline(JsonBuffer out, String indent, int depth) {
    out.writeByte('\n');
    for (int i = 0; i < depth; i++) {
      out.writeAscii(indent);
    }
  }
}
