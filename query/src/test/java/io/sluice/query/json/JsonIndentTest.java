package io.sluice.query.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonIndentTest {
  @Test
  void indentsAsGoMarshalIndent() {
    byte[] compact = "{\"a\":[1,{\"b\":\"x,{[:\\\"\"}],\"e\":[],\"o\":{},\"n\":null}"
        .getBytes(StandardCharsets.UTF_8);

    String indented = JsonIndent.indent(compact, compact.length, "  ", 1 << 20).toString();

    assertThat(indented).isEqualTo("{\n  \"a\": [\n    1,\n    {\n      \"b\": \"x,{[:\\\"\"\n"
        + "    }\n  ],\n  \"e\": [],\n  \"o\": {},\n  \"n\": null\n}");
  }
}
