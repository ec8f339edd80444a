package io.sluice.storage.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TraceIdTest {

  @Test
  void parsesThirtyTwoDigitsIntoBothHalves() {
    TraceId id = TraceId.parse("5b8efff798038103d269b633813fc60c");

    assertThat(id).isEqualTo(new TraceId(0x5b8efff798038103L, 0xd269b633813fc60cL));
    assertThat(id.toHex()).isEqualTo("5b8efff798038103d269b633813fc60c");
  }

  @Test
  void sixteenDigitsAndTheLegacyUnpaddedFormAreTheLowHalf() {
    assertThat(TraceId.parse("00f067aa0ba902b7")).isEqualTo(new TraceId(0, 0x00f067aa0ba902b7L));
    assertThat(TraceId.parse("f067aa0ba902b7")).isEqualTo(new TraceId(0, 0x00f067aa0ba902b7L));
    assertThat(TraceId.parse("F067AA0BA902B7").toHex()).isEqualTo("00f067aa0ba902b7");
  }

  @Test
  void seventeenDigitsCarryIntoTheHighHalf() {
    assertThat(TraceId.parse("1ffffffffffffffff")).isEqualTo(new TraceId(1, -1L));
    assertThat(new TraceId(1, -1L).toHex()).isEqualTo("0000000000000001ffffffffffffffff");
  }

  @Test
  void refusesEmptyTooLongAndNonHexText() {
    assertThatThrownBy(() -> TraceId.parse(""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TraceId.parse("0".repeat(33)))
        .hasMessage("TraceID cannot be longer than 32 hex characters: " + "0".repeat(33));
    assertThatThrownBy(() -> TraceId.parse("xyz"))
        .hasMessage("cannot parse TraceID from string: xyz");
  }
}
