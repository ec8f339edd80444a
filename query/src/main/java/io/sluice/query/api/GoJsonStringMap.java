package io.sluice.query.api;

import io.sluice.pipeline.go.GoStrconv;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes a JSON object of strings as Go's {@code json.Unmarshal} into a
 * {@code map[string]string} does, with Go's error texts: the {@code tags} parameter of
 * {@code /api/traces} (Grafana and the Jaeger UI send the search tags that way).
 *
 * <p>As in Go, a syntax error anywhere wins over a type error, a type error is reported only
 * after the whole input was read (the first one), {@code null} decodes to no entries, a
 * {@code null} value to {@code ""}, and a repeated key keeps its last value.
 */
final class GoJsonStringMap {
  private static final String MAP_TYPE = "map[string]string";
  /** Go's {@code maxNestingDepth}: the most objects and arrays open at once. */
  private static final int MAX_DEPTH = 10_000;

  private final String text;
  private int pos;
  private String typeError;
  /** 1 while inside the top-level object, whose level counts toward Go's depth limit. */
  private int enclosingDepth;

  private GoJsonStringMap(String text) {
    this.text = text;
  }

  /**
   * Returns the entries of {@code json} in input order.
   *
   * @throws IllegalArgumentException with Go's message, e.g.
   *     {@code invalid character 'x' looking for beginning of value} or
   *     {@code json: cannot unmarshal number into Go value of type string}
   */
  static Map<String, String> decode(String json) {
    GoJsonStringMap parser = new GoJsonStringMap(json);
    Map<String, String> entries = parser.topLevel();
    if (parser.typeError != null) {
      throw new IllegalArgumentException(parser.typeError);
    }
    return entries;
  }

  private Map<String, String> topLevel() {
    Map<String, String> entries = new LinkedHashMap<>();
    skipSpace();
    char first = peekValueStart();
    if (first == '{') {
      pos++;
      readObject(entries);
    } else {
      String kind = readValue();
      if (!kind.equals("null")) {
        saveTypeError(kind, MAP_TYPE);
      }
    }
    skipSpace();
    if (pos < text.length()) {
      throw syntax(text.charAt(pos), "after top-level value");
    }
    return entries;
  }

  /** Reads the members after {@code &#123;} into {@code entries}. */
  private void readObject(Map<String, String> entries) {
    enclosingDepth = 1;
    skipSpace();
    if (peek() == '}') {
      pos++;
      return;
    }
    while (true) {
      skipSpace();
      if (next() != '"') {
        throw syntax(text.charAt(pos - 1), "looking for beginning of object key string");
      }
      String key = readStringBody();
      skipSpace();
      if (next() != ':') {
        throw syntax(text.charAt(pos - 1), "after object key");
      }
      readMember(entries, key);
      skipSpace();
      char c = next();
      if (c == '}') {
        return;
      }
      if (c != ',') {
        throw syntax(c, "after object key:value pair");
      }
    }
  }

  private void readMember(Map<String, String> entries, String key) {
    skipSpace();
    if (peekValueStart() == '"') {
      pos++;
      entries.put(key, readStringBody());
      return;
    }
    String kind = readValue();
    if (kind.equals("null")) {
      entries.put(key, "");
    } else {
      saveTypeError(kind, "string");
    }
  }

  /** Reads any value and returns Go's name for its kind: object, array, string, number... */
  private String readValue() {
    skipSpace();
    char c = next();
    switch (c) {
      case '{' -> {
        skipContainer('{');
        return "object";
      }
      case '[' -> {
        skipContainer('[');
        return "array";
      }
      case '"' -> {
        readStringBody();
        return "string";
      }
      case 't' -> {
        readLiteral("true");
        return "bool";
      }
      case 'f' -> {
        readLiteral("false");
        return "bool";
      }
      case 'n' -> {
        readLiteral("null");
        return "null";
      }
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          readNumber(c);
          return "number";
        }
        throw syntax(c, "looking for beginning of value");
      }
    }
  }

  /**
   * Skips the rest of an object or array whose opening bracket was just read, checking its
   * syntax with Go's messages. Nothing inside it can fill a {@code map[string]string}, so its
   * members are not type-checked. Iterative, with the open brackets on an explicit stack: the
   * input comes from a URL parameter, and recursion would let a deep one overflow the stack.
   */
  private void skipContainer(char open) {
    StringBuilder openBrackets = new StringBuilder();
    push(openBrackets, open);
    boolean justOpened = true;
    while (openBrackets.length() > 0) {
      char top = openBrackets.charAt(openBrackets.length() - 1);
      skipSpace();
      char close = top == '{' ? '}' : ']';
      if (justOpened && peek() == close) {
        pos++;
        openBrackets.setLength(openBrackets.length() - 1);
        justOpened = false;
        continue;
      }
      if (!justOpened) {
        char c = next();
        if (c == close) {
          openBrackets.setLength(openBrackets.length() - 1);
          continue;
        }
        if (c != ',') {
          throw syntax(c, top == '{' ? "after object key:value pair" : "after array element");
        }
        skipSpace();
      }
      if (top == '{') {
        if (next() != '"') {
          throw syntax(text.charAt(pos - 1), "looking for beginning of object key string");
        }
        readStringBody();
        skipSpace();
        if (next() != ':') {
          throw syntax(text.charAt(pos - 1), "after object key");
        }
        skipSpace();
      }
      char c = next();
      if (c == '{' || c == '[') {
        push(openBrackets, c);
        justOpened = true;
      } else {
        skipScalar(c);
        justOpened = false;
      }
    }
  }

  /** Opens one more level; Go's decoder refuses the 10,001st. */
  private void push(StringBuilder openBrackets, char bracket) {
    if (enclosingDepth + openBrackets.length() + 1 > MAX_DEPTH) {
      throw syntax(bracket, "exceeded max depth");
    }
    openBrackets.append(bracket);
  }

  /** Skips a string, literal or number whose first character {@code c} was just read. */
  private void skipScalar(char c) {
    switch (c) {
      case '"' -> readStringBody();
      case 't' -> readLiteral("true");
      case 'f' -> readLiteral("false");
      case 'n' -> readLiteral("null");
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          readNumber(c);
        } else {
          throw syntax(c, "looking for beginning of value");
        }
      }
    }
  }

  private void readLiteral(String literal) {
    for (int i = 1; i < literal.length(); i++) {
      char expected = literal.charAt(i);
      char c = next();
      if (c != expected) {
        throw syntax(c, "in literal " + literal + " (expecting '" + expected + "')");
      }
    }
  }

  private void readNumber(char first) {
    char c = first;
    if (c == '-') {
      c = next();
      if (c < '0' || c > '9') {
        throw syntax(c, "in numeric literal");
      }
    }
    if (c != '0') {
      skipDigits();
    }
    if (peek() == '.') {
      pos++;
      char d = next();
      if (d < '0' || d > '9') {
        throw syntax(d, "after decimal point in numeric literal");
      }
      skipDigits();
    }
    if (peek() == 'e' || peek() == 'E') {
      pos++;
      char e = next();
      if (e == '+' || e == '-') {
        e = next();
      }
      if (e < '0' || e > '9') {
        throw syntax(e, "in exponent of numeric literal");
      }
      skipDigits();
    }
  }

  private void skipDigits() {
    while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
      pos++;
    }
  }

  /** Reads a string after its opening quote and returns its decoded value. */
  private String readStringBody() {
    StringBuilder out = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') {
        return out.toString();
      }
      if (c == '\\') {
        readEscape(out);
      } else if (c < 0x20) {
        throw syntax(c, "in string literal");
      } else {
        out.append(c);
      }
    }
  }

  private void readEscape(StringBuilder out) {
    char c = next();
    switch (c) {
      case '"', '\\', '/' -> out.append(c);
      case 'b' -> out.append('\b');
      case 'f' -> out.append('\f');
      case 'n' -> out.append('\n');
      case 'r' -> out.append('\r');
      case 't' -> out.append('\t');
      case 'u' -> out.append(readUnicodeEscape());
      default -> throw syntax(c, "in string escape code");
    }
  }

  private char readUnicodeEscape() {
    int value = 0;
    for (int i = 0; i < 4; i++) {
      char c = next();
      int digit = Character.digit(c, 16);
      if (digit < 0 || c > 'f') {
        throw syntax(c, "in \\u hexadecimal character escape");
      }
      value = value * 16 + digit;
    }
    // A lone surrogate is kept here; the JSON writer prints it as Go's replacement character.
    return (char) value;
  }

  private void skipSpace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
        return;
      }
      pos++;
    }
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : 0;
  }

  /** Returns the next character; the end of the input is Go's "unexpected end". */
  private char next() {
    if (pos >= text.length()) {
      throw new IllegalArgumentException("unexpected end of JSON input");
    }
    return text.charAt(pos++);
  }

  private char peekValueStart() {
    if (pos >= text.length()) {
      throw new IllegalArgumentException("unexpected end of JSON input");
    }
    return text.charAt(pos);
  }

  private void saveTypeError(String kind, String goType) {
    if (typeError == null) {
      typeError = "json: cannot unmarshal " + kind + " into Go value of type " + goType;
    }
  }

  /**
   * Returns Go's syntax error for {@code c}. Go reports one byte: for a character beyond ASCII
   * that is the first byte of its UTF-8 form, printed as the Latin-1 character of that value.
   */
  private static IllegalArgumentException syntax(char c, String context) {
    int b = c < 0x80 ? c : String.valueOf(c).getBytes(StandardCharsets.UTF_8)[0] & 0xff;
    return new IllegalArgumentException("invalid character " + quoteChar(b) + " " + context);
  }

  private static String quoteChar(int b) {
    if (b == '\'') {
      return "'\\''";
    }
    if (b == '"') {
      return "'\"'";
    }
    String quoted = GoStrconv.quote(String.valueOf((char) b));
    return "'" + quoted.substring(1, quoted.length() - 1) + "'";
  }
}
