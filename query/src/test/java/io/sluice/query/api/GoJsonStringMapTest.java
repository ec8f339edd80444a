package io.sluice.query.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GoJsonStringMapTest {
  @Test
  void decodesStringsNullAndEscapes() {
    assertThat(GoJsonStringMap.decode(" {\"a\":\"b\", \"c\" : \"d\\u00e9\\n\",\"a\":\"z\"} "))
        .containsExactly(Map.entry("a", "z"), Map.entry("c", "d\u00e9\n"));
    assertThat(GoJsonStringMap.decode("null")).isEmpty();
    assertThat(GoJsonStringMap.decode("{\"a\":null}")).containsExactly(Map.entry("a", ""));
  }

  @Test
  void typeErrorsNameGoTypes() {
    assertError("{\"a\":1}", "json: cannot unmarshal number into Go value of type string");
    assertError("{\"a\":true,\"b\":[1]}",
        "json: cannot unmarshal bool into Go value of type string");
    assertError("{\"a\":{}}", "json: cannot unmarshal object into Go value of type string");
    assertError("[1]", "json: cannot unmarshal array into Go value of type map[string]string");
    assertError("\"x\"", "json: cannot unmarshal string into Go value of type map[string]string");
  }

  @Test
  void syntaxErrorsAsGoScanner() {
    assertError("", "unexpected end of JSON input");
    assertError("{\"a\":\"b", "unexpected end of JSON input");
    assertError("x", "invalid character 'x' looking for beginning of value");
    assertError("{\"a\" \"b\"}", "invalid character '\"' after object key");
    assertError("{\"a\":\"b\",}",
        "invalid character '}' looking for beginning of object key string");
    assertError("{\"a\":\"b\" x}", "invalid character 'x' after object key:value pair");
    assertError("{\"a\":\"b\"} x", "invalid character 'x' after top-level value");
    assertError("{\"a\":tru}", "invalid character '}' in literal true (expecting 'e')");
    assertError("{\"a\":\"\\q\"}", "invalid character 'q' in string escape code");
    assertError("{'a':1}", "invalid character '\\'' looking for beginning of object key string");
    assertError("{\"a\":-x}", "invalid character 'x' in numeric literal");
    assertError("{\"a\":1.}", "invalid character '}' after decimal point in numeric literal");
    assertError("{\"a\":[1 2]}", "invalid character '2' after array element");
    assertError("{\"a\":1,\"b\":x}", "invalid character 'x' looking for beginning of value");
    assertError("\u00e9", "invalid character '\u00c3' looking for beginning of value");
  }

  @Test
  void nestingIsCheckedWithoutRecursionUpToGoMaximumDepth() {
    // Go's decoder allows 10,000 open objects/arrays and refuses the next one.
    assertError("[".repeat(10_000), "unexpected end of JSON input");
    assertError("[".repeat(10_001), "invalid character '[' exceeded max depth");
    assertError("{\"a\":" + "[".repeat(9_999), "unexpected end of JSON input");
    assertError("{\"a\":" + "[".repeat(10_000), "invalid character '[' exceeded max depth");
    assertError("[".repeat(100_000) + "]".repeat(100_000),
        "invalid character '[' exceeded max depth");
    assertError("[".repeat(5_000) + "]".repeat(5_000),
        "json: cannot unmarshal array into Go value of type map[string]string");
  }

  @Test
  void aNestedValueIsOneTypeErrorOfItsMember() {
    assertError("{\"a\":{\"b\":1,\"c\":[{}]}}",
        "json: cannot unmarshal object into Go value of type string");
    assertError("{\"a\":{\"b\" 1}}", "invalid character '1' after object key");
    assertError("{\"a\":[1,]}", "invalid character ']' looking for beginning of value");
  }

  private static void assertError(String json, String message) {
    assertThatThrownBy(() -> GoJsonStringMap.decode(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }
}
