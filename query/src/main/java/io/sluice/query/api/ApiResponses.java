package io.sluice.query.api;

import io.sluice.query.json.JsonIndent;
import io.sluice.storage.es.JsonBuffer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import javax.annotation.Nullable;

/**
 * Jaeger's response envelope, byte for byte (spec jaeger-storage-query.md §7.2): a success is
 * {@code {"data":…,"total":N,"limit":0,"offset":0,"errors":null}} as {@code application/json}
 * with no trailing newline; an error is the same envelope with {@code data} null and one
 * {@code {"code","msg"}} entry, sent as Go's {@code http.Error} does: {@code text/plain},
 * {@code nosniff} and a trailing newline.
 */
public final class ApiResponses {
  private static final String PRETTY_INDENT = "    ";

  /**
   * The largest answer body, in bytes: an eighth of the heap, at most 1 GiB. A bigger answer
   * (a search over many huge traces) is refused with a 500 that says to narrow the search,
   * rather than built into buffers that could exhaust the heap the pipeline needs.
   */
  public static final long MAX_RESPONSE_BYTES =
      Math.min(1L << 30, Runtime.getRuntime().maxMemory() / 8);

  private ApiResponses() {}

  /**
   * An entry of {@code errors} in a successful response, e.g. a trace id of a
   * {@code traceID=} search that was not found.
   *
   * @param msg the message
   * @param traceId the trace id as hex, or "" to leave it out
   */
  public record TraceError(String msg, String traceId) {}

  /** Returns a buffer holding {@code {"data":}, for the caller to write the data into. */
  public static JsonBuffer begin(int capacityBytes) {
    JsonBuffer out = new JsonBuffer(capacityBytes, MAX_RESPONSE_BYTES);
    out.writeAscii("{\"data\":");
    return out;
  }

  /** Closes an envelope begun with {@link #begin}; {@code errors} may be null. */
  public static JsonBuffer end(JsonBuffer out, int total, @Nullable List<TraceError> errors) {
    out.writeAscii(",\"total\":").writeLong(total);
    out.writeAscii(",\"limit\":0,\"offset\":0,\"errors\":");
    if (errors == null) {
      return out.writeAscii("null}");
    }
    out.writeByte('[');
    for (int i = 0; i < errors.size(); i++) {
      TraceError error = errors.get(i);
      if (i > 0) {
        out.writeByte(',');
      }
      out.writeAscii("{\"msg\":").writeString(error.msg());
      if (!error.traceId().isEmpty()) {
        out.writeAscii(",\"traceID\":").writeString(error.traceId());
      }
      out.writeByte('}');
    }
    return out.writeAscii("]}");
  }

  /**
   * Returns the response body: the envelope as is, or indented by four spaces per level as
   * Go's {@code json.MarshalIndent} when {@code pretty}.
   */
  public static Buffer body(JsonBuffer envelope, boolean pretty) {
    JsonBuffer out = pretty
        ? JsonIndent.indent(envelope.array(), envelope.size(), PRETTY_INDENT, MAX_RESPONSE_BYTES)
        : envelope;
    return Buffer.buffer(out.toByteArray());
  }

  /** Sends a success with {@code Content-Type: application/json}. */
  public static void sendJson(HttpServerResponse response, Buffer body) {
    response.putHeader("Content-Type", "application/json").end(body);
  }

  /** Returns the error body for {@code status} and {@code message}, newline included. */
  public static String errorBody(int status, String message) {
    JsonBuffer out = new JsonBuffer(64 + message.length());
    out.writeAscii("{\"data\":null,\"total\":0,\"limit\":0,\"offset\":0,\"errors\":[{\"code\":");
    out.writeLong(status).writeAscii(",\"msg\":").writeString(message);
    out.writeAscii("}]}\n");
    return out.toString();
  }

  /** Sends an error as Go's {@code http.Error} does. */
  public static void sendError(HttpServerResponse response, int status, String message) {
    sendPlainText(response, status, errorBody(status, message));
  }

  /** Sends {@code body} with {@code status} as {@code text/plain; charset=utf-8}. */
  public static void sendPlainText(HttpServerResponse response, int status, String body) {
    response.setStatusCode(status)
        .putHeader("Content-Type", "text/plain; charset=utf-8")
        .putHeader("X-Content-Type-Options", "nosniff")
        .end(body);
  }
}
