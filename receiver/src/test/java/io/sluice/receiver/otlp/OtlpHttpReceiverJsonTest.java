package io.sluice.receiver.otlp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** OTLP/JSON bodies posted by a plain HTTP client reach the pipeline with every field. */
class OtlpHttpReceiverJsonTest {
  private ReceiverFixture fixture;

  @BeforeEach
  void start() throws Exception {
    fixture = new ReceiverFixture();
    fixture.startHttp(OtlpReceiverConfig.Http.DEFAULT_MAX_REQUEST_BODY_BYTES);
  }

  @AfterEach
  void stop() throws Exception {
    fixture.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"camel", "snake", "camel-gzip"})
  void jsonSpansArriveAsTheEquivalentProtobuf(String variant) throws Exception {
    byte[] json = (variant.startsWith("snake")
        ? OtlpJsonDecoderTest.SNAKE_CASE
        : OtlpJsonDecoderTest.CAMEL_CASE).getBytes(UTF_8);
    boolean gzip = variant.endsWith("gzip");

    HttpResponse<byte[]> response = OtlpRequests.post(fixture.tracesUrl(),
        "application/json", gzip ? "gzip" : null, gzip ? OtlpRequests.gzip(json) : json);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(new String(response.body(), UTF_8)).isEqualTo("{\"partialSuccess\":{}}");
    assertThat(fixture.consumer.received()).hasSize(1);
    assertThat(fixture.consumer.received().get(0).resourceSpans())
        .isEqualTo(OtlpJsonDecoderTest.expected().getResourceSpansList());
    assertThat(fixture.httpMetrics().accepted()).isEqualTo(1);
  }
}
