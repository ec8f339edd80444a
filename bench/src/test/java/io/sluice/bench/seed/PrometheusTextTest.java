package io.sluice.bench.seed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {
  private static final String TEXT = """
      # HELP otelcol_exporter_sent_spans Number of spans successfully sent to destination.
      # TYPE otelcol_exporter_sent_spans counter
      otelcol_exporter_sent_spans{exporter="a",service_name="jaeger"} 2560
      otelcol_exporter_sent_spans{exporter="b",service_name="jaeger"} 40
      otelcol_exporter_sent_spans_total{exporter="c"} 400
      otelcol_exporter_sent_spans_bytes{exporter="a"} 99
      otelcol_exporter_queue_size{exporter="a"} 0
      otelcol_receiver_accepted_spans{receiver="otlp",transport="http"} 3000
      """;

  @Test
  void sumsEverySampleOfTheMetricWithOrWithoutTotal() {
    assertThat(PrometheusText.sum(TEXT, "otelcol_exporter_sent_spans")).isEqualTo(3000.0);
  }

  @Test
  void aMissingMetricIsMinusOneAndAZeroGaugeIsZero() {
    assertThat(PrometheusText.sum(TEXT, "otelcol_exporter_send_failed_spans")).isEqualTo(-1.0);
    assertThat(PrometheusText.sum(TEXT, "otelcol_exporter_queue_size")).isEqualTo(0.0);
  }

  @Test
  void spanLinesAreTheSamplesOfSpanCounters() {
    assertThat(PrometheusText.spanLines(TEXT)).containsExactly(
        "otelcol_exporter_sent_spans{exporter=\"a\",service_name=\"jaeger\"} 2560",
        "otelcol_exporter_sent_spans{exporter=\"b\",service_name=\"jaeger\"} 40",
        "otelcol_exporter_sent_spans_total{exporter=\"c\"} 400",
        "otelcol_receiver_accepted_spans{receiver=\"otlp\",transport=\"http\"} 3000");
  }
}
