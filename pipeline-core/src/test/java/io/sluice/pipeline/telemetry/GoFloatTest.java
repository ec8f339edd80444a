package io.sluice.pipeline.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoFloatTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "0, 0",
    "-0.0, 0",
    "1, 1",
    "-1, -1",
    "42, 42",
    "1.5, 1.5",
    "-2.5, -2.5",
    "999999, 999999",
    "1000000, 1e+06",
    "1234567, 1.234567e+06",
    "46800896, 4.6800896e+07",
    "0.005, 0.005",
    "0.0001, 0.0001",
    "0.00001, 1e-05",
    "0.000015, 1.5e-05",
    "15.190000000000001, 15.190000000000001",
    "0.30000000000000004, 0.30000000000000004",
    "1e21, 1e+21",
    "1.7976931348623157e308, 1.7976931348623157e+308",
    "4.9e-324, 5e-324",
    "123456.789, 123456.789",
    "NaN, NaN",
    "Infinity, +Inf",
    "-Infinity, -Inf"
  })
  void formatsLikeGoStrconvShortest(double value, String expected) {
    assertThat(GoFloat.format(value)).isEqualTo(expected);
  }
}
