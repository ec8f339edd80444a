package io.sluice.storage.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BulkItemOutcomeTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "200, ACKED", "201, ACKED", "202, ACKED",
    "408, RETRY", "429, RETRY", "500, RETRY", "502, RETRY", "503, RETRY", "504, RETRY",
    "507, RETRY",
    "400, PERMANENT", "401, PERMANENT", "403, PERMANENT", "404, PERMANENT", "409, PERMANENT",
    "413, PERMANENT", "0, PERMANENT", "302, PERMANENT"
  })
  void statusDecidesTheOutcome(int status, BulkItemOutcome expected) {
    assertThat(BulkItemOutcome.of(status)).isEqualTo(expected);
  }
}
