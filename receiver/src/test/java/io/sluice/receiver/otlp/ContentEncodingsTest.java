package io.sluice.receiver.otlp;

import static io.sluice.receiver.otlp.OtlpRequests.post;
import static io.sluice.receiver.otlp.OtlpRequests.protobufStatus;
import static io.sluice.receiver.otlp.OtlpRequests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.trace.v1.Span;
import io.sluice.pipeline.ComponentId;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * zstd, snappy and lz4 request bodies: real exports land, bombs stop at the body limit, corrupt
 * streams are a 400 naming the codec, and decoded bytes are taken from the in-flight budget.
 */
class ContentEncodingsTest {
  private static final int ONE_MIB = 1024 * 1024;
  private static final String PROTOBUF = "application/x-protobuf";

  private ReceiverFixture fixture;
  private String url;

  @BeforeEach
  void start() throws Exception {
    fixture = new ReceiverFixture();
    fixture.startHttp(ONE_MIB);
    url = fixture.tracesUrl();
  }

  @AfterEach
  void stop() throws Exception {
    fixture.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"zstd", "snappy", "lz4"})
  void compressedExportLandsWithEverySpan(String encoding) throws Exception {
    byte[] body = compress(encoding, request(300).toByteArray());

    HttpResponse<byte[]> response = post(url, PROTOBUF, encoding, body);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).containsExactly(0x0A, 0x00);
    assertThat(fixture.consumer.received()).hasSize(1);
    List<Span> spans = fixture.consumer.received().get(0).resourceSpans().get(0)
        .getScopeSpans(0).getSpansList();
    assertThat(spans).hasSize(300);
    assertThat(spans.get(299).getName()).isEqualTo("span-299");
    assertThat(OtlpRequests.hex(spans.get(299).getSpanId().toByteArray()))
        .isEqualTo("000000000000012c");
    assertThat(fixture.httpMetrics().accepted()).isEqualTo(300);
  }

  @ParameterizedTest
  @ValueSource(strings = {"zstd", "snappy", "lz4"})
  void bombIsCutOffAtTheLimit(String encoding) throws Exception {
    byte[] bomb = compress(encoding, new byte[16 * ONE_MIB]);
    assertThat(bomb.length).isLessThan(ONE_MIB);

    long startNanos = System.nanoTime();
    HttpResponse<byte[]> response = post(url, PROTOBUF, encoding, bomb);
    Duration took = Duration.ofNanos(System.nanoTime() - startNanos);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(protobufStatus(response.body())).isEqualTo(
        "3: request body too large: more than max_request_body_size 1048576 bytes");
    assertThat(took).isLessThan(Duration.ofSeconds(2));
    assertThat(fixture.consumer.received()).isEmpty();
  }

  @Test
  void corruptStreamsAre400NamingTheCodec() throws Exception {
    byte[] valid = request(1).toByteArray();

    assertThat(answer("zstd", valid)).isEqualTo(
        "400 3: cannot decompress the zstd body: Invalid magic prefix: 1c0a580a");
    assertThat(answer("snappy", valid)).isEqualTo(
        "400 3: cannot decompress the snappy body: invalid stream header");
    assertThat(answer("lz4", valid)).isEqualTo("400 3: cannot decompress the lz4 body: "
        + "not an LZ4 frame: magic number 0x1c0a580a, expected 0x184d2204");
  }

  @ParameterizedTest
  @ValueSource(strings = {"zstd", "snappy", "lz4"})
  void truncatedStreamIs400(String encoding) throws Exception {
    byte[] whole = compress(encoding, request(300).toByteArray());
    byte[] truncated = Arrays.copyOf(whole, whole.length / 2);

    HttpResponse<byte[]> response = post(url, PROTOBUF, encoding, truncated);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(protobufStatus(response.body()))
        .startsWith("3: cannot decompress the " + encoding + " body: ");
    assertThat(fixture.consumer.received()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"zstd", "snappy", "lz4"})
  void decodedBytesAreTakenFromTheBudget(String encoding) throws Exception {
    InflightBytes budget = new InflightBytes(3L * ONE_MIB);
    InflightBytes.Transport http =
        budget.transport(new SimpleMeterRegistry(), new ComponentId("otlp", ""), "http");
    byte[] decoded = new byte[ONE_MIB + ONE_MIB / 2 + 5];
    new Random(7).nextBytes(decoded);
    byte[] body = compress(encoding, decoded);

    InflightBytes.Lease fits = http.lease();
    byte[] out = ContentEncodings.decode(encoding, body, 4L * ONE_MIB, fits);
    InflightBytes.Lease over = http.lease();

    assertThat(out).isEqualTo(decoded);
    assertThat(fits.heldBytes()).isEqualTo(decoded.length);
    assertThatThrownBy(() -> ContentEncodings.decode(encoding, body, 4L * ONE_MIB, over))
        .isInstanceOf(InflightBytesExhaustedException.class);
    over.release();
    assertThat(over.heldBytes()).isZero();
  }

  private String answer(String encoding, byte[] body) throws Exception {
    HttpResponse<byte[]> response = post(url, PROTOBUF, encoding, body);
    return response.statusCode() + " " + protobufStatus(response.body());
  }

  private static byte[] compress(String encoding, byte[] bytes) {
    UnaryOperator<byte[]> codec = switch (encoding) {
      case "zstd" -> Compressors::zstd;
      case "snappy" -> Compressors::snappy;
      case "lz4" -> Compressors::lz4;
      default -> throw new IllegalArgumentException(encoding);
    };
    return codec.apply(bytes);
  }
}
