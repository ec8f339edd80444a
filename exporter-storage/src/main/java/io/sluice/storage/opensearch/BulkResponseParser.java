package io.sluice.storage.opensearch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;

/**
 * Reads a {@code _bulk} response body: the {@code errors} flag and, when it is true, each item's
 * status and error, in request order. Streams the body instead of binding it, since a response
 * for 1000 items is large and only three fields of each matter.
 */
final class BulkResponseParser {
  private static final JsonFactory JSON = new JsonFactory();

  private BulkResponseParser() {}

  /** The parsed response; {@code items} is null when {@code errors} was false before the items. */
  record Result(boolean errors, @Nullable List<ItemResult> items) {}

  /**
   * One item's answer.
   *
   * @param status the item's HTTP status
   * @param errorType e.g. {@code mapper_parsing_exception}; empty without an error
   * @param errorReason the engine's explanation; empty without an error
   */
  record ItemResult(int status, String errorType, String errorReason) {}

  /** Parses {@code body}; throws when it is not a bulk response. */
  static Result parse(byte[] body) throws IOException {
    try (JsonParser p = JSON.createParser(body)) {
      expect(p.nextToken(), JsonToken.START_OBJECT);
      Boolean errors = null;
      List<ItemResult> items = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("errors")) {
          errors = value == JsonToken.VALUE_TRUE;
          if (!errors && items == null) {
            return new Result(false, null);
          }
        } else if (field.equals("items")) {
          items = items(p);
        } else {
          p.skipChildren();
        }
      }
      if (errors == null || items == null) {
        throw new IOException("bulk response without errors and items fields");
      }
      return new Result(errors, items);
    }
  }

  private static List<ItemResult> items(JsonParser p) throws IOException {
    expect(p.currentToken(), JsonToken.START_ARRAY);
    List<ItemResult> items = new ArrayList<>();
    while (p.nextToken() == JsonToken.START_OBJECT) {
      p.nextToken(); // the operation name: index, create, ...
      p.nextToken();
      items.add(item(p));
      p.nextToken(); // END_OBJECT of the wrapper
    }
    return items;
  }

  private static ItemResult item(JsonParser p) throws IOException {
    expect(p.currentToken(), JsonToken.START_OBJECT);
    int status = 0;
    String type = "";
    String reason = "";
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if (field.equals("status")) {
        status = p.getIntValue();
      } else if (field.equals("error") && value == JsonToken.START_OBJECT) {
        String[] error = error(p);
        type = error[0];
        reason = error[1];
      } else {
        p.skipChildren();
      }
    }
    return new ItemResult(status, type, reason);
  }

  private static String[] error(JsonParser p) throws IOException {
    String[] error = {"", ""};
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if (field.equals("type") && value == JsonToken.VALUE_STRING) {
        error[0] = p.getText();
      } else if (field.equals("reason") && value == JsonToken.VALUE_STRING) {
        error[1] = p.getText();
      } else {
        p.skipChildren();
      }
    }
    return error;
  }

  private static void expect(JsonToken actual, JsonToken expected) throws IOException {
    if (actual != expected) {
      throw new IOException("bulk response: expected " + expected + ", got " + actual);
    }
  }
}
