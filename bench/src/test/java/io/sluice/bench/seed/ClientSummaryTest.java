package io.sluice.bench.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClientSummaryTest {
  private static final String SUMMARY = """
      load (all spans ended)   9.112 s
      drain (client shutdown)  3.530 s
      duration                 12.642 s
      spans ended              240000
      spans exported           232000
      spans failed             104
      spans dropped            7896
      dropped %                3.29
      spans unaccounted        0
      ended spans/s            26339
      exported spans/s         18351
      spans dropped (SDK)      7896
      """;

  @Test
  void readsTheCountsBothLoadGeneratorsPrint() {
    assertThat(ClientSummary.parse(SUMMARY))
        .isEqualTo(new ClientSummary(240_000, 232_000, 104, 7_896, 0, 12.642));
  }

  @Test
  void spansNotExportedAreTheDroppedAndTheFailed() {
    assertThat(ClientSummary.parse(SUMMARY).notExported()).isEqualTo(8_000);
  }

  @Test
  void aMissingLineIsNamed() {
    assertThatThrownBy(() -> ClientSummary.parse(SUMMARY.replace("spans failed ", "failed ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("client summary: no 'spans failed' line in the load generator's output");
  }

  @Test
  void aValueThatIsNotACountIsNamed() {
    assertThatThrownBy(() -> ClientSummary.parse(SUMMARY.replace("240000", "lots")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("client summary: 'spans ended' is 'lots', expected a count");
  }
}
