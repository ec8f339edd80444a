package io.sluice.storage.es;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.storage.model.GoStrings;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonBufferTest {
  private static String json(String s) {
    return new JsonBuffer(4).writeString(s).toString();
  }

  @Test
  void escapesLikeGoEncodingJson() {
    assertThat(json("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
    assertThat(json("\n\r\t\b\f")).isEqualTo("\"\\n\\r\\t\\b\\f\"");
    assertThat(json("\u0000\u0001\u001b\u001f")).isEqualTo("\"\\u0000\\u0001\\u001b\\u001f\"");
    assertThat(json("<a href='x'>&</a>"))
        .isEqualTo("\"\\u003ca href='x'\\u003e\\u0026\\u003c/a\\u003e\"");
    assertThat(json("line\u2028para\u2029")).isEqualTo("\"line\\u2028para\\u2029\"");
    assertThat(json("\u007f/")).isEqualTo("\"\u007f/\"");
  }

  @Test
  void writesNonAsciiAsRawUtf8() {
    String text = "é€😀\ufffd";
    JsonBuffer out = new JsonBuffer(2).writeString(text);

    assertThat(out.toByteArray())
        .isEqualTo(("\"" + text + "\"").getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void writesInvalidUtf8BytesAndLoneSurrogatesAsReplacementEscapes() {
    String decoded = GoStrings.decodeUtf8(new byte[] {'a', (byte) 0xff, (byte) 0xe2, (byte) 0x82,
        'b'});

    assertThat(json(decoded)).isEqualTo("\"a\\ufffd\\ufffd\\ufffdb\"");
    assertThat(json("x\ud800y")).isEqualTo("\"x\\ufffdy\"");
  }

  @Test
  void writesNumbersAsGoDoes() {
    JsonBuffer out = new JsonBuffer(4);
    out.writeLong(0).writeByte(',').writeLong(-42).writeByte(',').writeLong(Long.MIN_VALUE);
    out.writeByte(',').writeUnsignedLong(-1).writeByte(',').writeUnsignedLong(Long.MAX_VALUE);

    assertThat(out.toString())
        .isEqualTo("0,-42,-9223372036854775808,18446744073709551615,9223372036854775807");
  }

  @Test
  void resetKeepsNothing() {
    JsonBuffer out = new JsonBuffer();
    out.writeAscii("abc");
    out.reset();

    assertThat(out.size()).isZero();
    assertThat(out.writeAscii("d").toString()).isEqualTo("d");
  }

  @Test
  void growsUpToItsLimitAndRefusesTheWriteThatWouldPassIt() {
    JsonBuffer out = new JsonBuffer(16, 40);
    out.writeAscii("x".repeat(40));

    assertThat(out.size()).isEqualTo(40);
    assertThatThrownBy(() -> out.writeByte('y'))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the JSON output would be more than 40 bytes, the most this buffer holds");
    assertThat(out.toString()).isEqualTo("x".repeat(40));
  }
}
