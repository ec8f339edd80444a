package io.sluice.pipeline.go;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GoJsonTest {
  private static String json(String s) {
    StringBuilder out = new StringBuilder();
    GoJson.appendString(out, s);
    return out.toString();
  }

  @Test
  void appendStringEscapesLikeGo() {
    StringBuilder out = new StringBuilder("x=");

    GoJson.appendString(out, "a\"b\\c\n<x>&\u0001");

    assertThat(out).hasToString("x=\"a\\\"b\\\\c\\n\\u003cx\\u003e\\u0026\\u0001\"");
  }

  @Test
  void appendStringUsesShortFormsAndLowercaseHex() {
    assertThat(json("\n\r\t\b\f")).isEqualTo("\"\\n\\r\\t\\b\\f\"");
    assertThat(json("\u0000\u001b\u001f")).isEqualTo("\"\\u0000\\u001b\\u001f\"");
    assertThat(json("line\u2028para\u2029")).isEqualTo("\"line\\u2028para\\u2029\"");
    assertThat(json("\u007f/'")).isEqualTo("\"\u007f/'\"");
  }

  @Test
  void appendStringKeepsNonAsciiAndPairsButReplacesLoneSurrogates() {
    assertThat(json("é€😀\ufffd")).isEqualTo("\"é€😀\ufffd\"");
    assertThat(json("x\ud800y\udc80")).isEqualTo("\"x\\ufffdy\\ufffd\"");
    assertThat(json("\ud83d")).isEqualTo("\"\\ufffd\"");
  }

  @Test
  void escapeRulesCoverExactlyGosAsciiSet() {
    StringBuilder escaped = new StringBuilder();
    for (char c = 0x20; c < 0x80; c++) {
      if (GoJson.escapesAscii(c)) {
        escaped.append(c);
      }
    }

    assertThat(escaped).hasToString("\"&<>\\");
    assertThat(GoJson.escapesAscii('\u0000')).isTrue();
    assertThat(GoJson.escapesAscii('\u001f')).isTrue();
    assertThat(GoJson.shortEscape('\n')).isEqualTo('n');
    assertThat(GoJson.shortEscape('"')).isEqualTo('"');
    assertThat(GoJson.shortEscape('<')).isEqualTo((char) 0);
  }
}
