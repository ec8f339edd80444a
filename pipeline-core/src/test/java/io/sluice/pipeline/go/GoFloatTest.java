package io.sluice.pipeline.go;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
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
  void formatSampleMatchesClientGolang(double value, String expected) {
    assertThat(GoFloat.formatSample(value)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "-0.0, -0",
    "0.0, 0",
    "1000000, 1e+06",
    "4.9e-324, 5e-324",
    "-Infinity, -Inf",
    // 2^-1019 sits at a power of two, where the nearest 16-digit decimal misses the double.
    "7.120236347223045e-307, 7.120236347223045e-307",
    "-7.120236347223045e-307, -7.120236347223045e-307"
  })
  void formatShortestMatchesGoFormatFloat(double value, String expected) {
    assertThat(GoFloat.formatShortest(value)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "72.5, 72.5",
    "100.0, 100",
    "1e21, 1e+21",
    "0.00001, 1e-05",
    "1234567890123.0, 1.23456789e+12",
    "NaN, NaN",
    "Infinity, +Inf",
    "-Infinity, -Inf",
    "-0.0, -0",
    "0.0, 0",
    "0.30000000000000004, 0.3",
    "1e-320, 9.999888672e-321",
    "1.7976931348623157e308, 1.797693135e+308",
    "3.14159265358979, 3.141592654",
    "4.9e-324, 4.940656458e-324",
    "1e10, 1e+10",
    "9999999999.0, 9999999999",
    "9999999999.5, 1e+10",
    "0.0001, 0.0001",
    "123456.789, 123456.789",
    "-2.5e-5, -2.5e-05",
    "1e9, 1000000000",
    "0.000123456789012, 0.000123456789",
    "12345678905.0, 1.23456789e+10",
    "1.0000000005, 1.000000001",
    "2.0000000005e-7, 2.000000001e-07",
    "-72.5, -72.5",
  })
  void format10gMatchesGoFormatFloat(double value, String expected) {
    assertThat(GoFloat.format10g(value)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "1.5, 1.5",
    "100.0, 100",
    "1e21, 1e+21",
    "1e20, 100000000000000000000",
    "1e-6, 0.000001",
    "1e-7, 1e-7",
    "-1.5e-7, -1.5e-7",
    "0.30000000000000004, 0.30000000000000004",
    "-0.0, -0",
    "5e-324, 5e-324",
    "1.7976931348623157e308, 1.7976931348623157e+308",
    "2.82879384806159e17, 282879384806159000",
    "123456789.123, 123456789.123",
  })
  void formatJsonMatchesGoEncodingJson(double value, String expected) {
    assertThat(GoFloat.formatJson(value)).isEqualTo(expected);
  }

  @Test
  void formatJsonRefusesNanLikeGo() {
    assertThatThrownBy(() -> GoFloat.formatJson(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("json: unsupported value: NaN");
  }

  @Test
  void formatJsonRefusesInfinityLikeGo() {
    assertThatThrownBy(() -> GoFloat.formatJson(Double.NEGATIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("json: unsupported value: -Inf");
  }
}
