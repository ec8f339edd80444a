package io.sluice.storage.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GoStringsTest {
  @Test
  void invalidBytesRoundTripThroughEscapeSurrogates() {
    byte[] raw = {'o', 'k', (byte) 0xc3, 0x28, (byte) 0xed, (byte) 0xa0, (byte) 0x80, (byte) 0xf0,
        (byte) 0x9f, (byte) 0x98, (byte) 0x80};

    String decoded = GoStrings.decodeUtf8(raw);

    assertThat(decoded).isEqualTo("ok\udcc3(\udced\udca0\udc80😀");
    assertThat(GoStrings.toGoBytes(decoded)).isEqualTo(raw);
    assertThat(GoStrings.hasLoneSurrogate(decoded)).isTrue();
  }

  @Test
  void overlongAndOutOfRangeSequencesAreInvalidPerByte() {
    assertThat(GoStrings.decodeUtf8(new byte[] {(byte) 0xc0, (byte) 0xaf}))
        .isEqualTo("\udcc0\udcaf");
    assertThat(GoStrings.decodeUtf8(new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80,
        (byte) 0x80})).isEqualTo("\udcf4\udc90\udc80\udc80");
  }

  @Test
  void validTextIsUnchanged() {
    assertThat(GoStrings.hasLoneSurrogate("héllo 😀")).isFalse();
    assertThat(GoStrings.toGoBytes("é")).containsExactly(0xc3, 0xa9);
  }
}
