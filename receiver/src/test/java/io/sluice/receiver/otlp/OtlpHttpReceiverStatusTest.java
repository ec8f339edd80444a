package io.sluice.receiver.otlp;

import static io.sluice.receiver.otlp.OtlpRequests.gzip;
import static io.sluice.receiver.otlp.OtlpRequests.post;
import static io.sluice.receiver.otlp.OtlpRequests.protobufStatus;
import static io.sluice.receiver.otlp.OtlpRequests.request;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.sluice.pipeline.ConsumerException;
import io.vertx.core.Promise;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every answer of the OTLP/HTTP receiver: status, headers, exact bodies and metric values. */
class OtlpHttpReceiverStatusTest {
  private static final long ONE_MIB = 1024 * 1024;
  private static final String PROTOBUF = "application/x-protobuf";
  private static final String JSON = "application/json";

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

  @Test
  void protobufExportIsAnsweredWithEmptyPartialSuccess() throws Exception {
    HttpResponse<byte[]> response = post(url, PROTOBUF, null, request(3).toByteArray());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(PROTOBUF);
    assertThat(response.body()).containsExactly(0x0A, 0x00);
    assertThat(fixture.consumer.received()).hasSize(1);
    assertThat(fixture.consumer.received().get(0).spanCount()).isEqualTo(3);
    assertMetrics(3, 0);
  }

  @Test
  void jsonExportIsAnsweredWithEmptyPartialSuccess() throws Exception {
    String body = "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"name\":\"a\"}]}]}]}";

    HttpResponse<byte[]> response = post(url, "Application/JSON; charset=latin1", null,
        body.getBytes(UTF_8));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(JSON);
    assertThat(new String(response.body(), UTF_8)).isEqualTo("{\"partialSuccess\":{}}");
    assertMetrics(1, 0);
  }

  @Test
  void getIsRefusedWith405() throws Exception {
    HttpResponse<String> response = OtlpRequests.CLIENT.send(
        HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain");
    assertThat(response.body()).isEqualTo("405 method not allowed, supported: [POST]");
  }

  @Test
  void textPlainIsRefusedWith415() throws Exception {
    HttpResponse<byte[]> response = post(url, "text/plain", null, request(1).toByteArray());

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain");
    assertThat(new String(response.body(), UTF_8)).isEqualTo(
        "415 unsupported media type, supported: [application/json, application/x-protobuf]");
    assertThat(fixture.consumer.received()).isEmpty();
  }

  @Test
  void unknownPathIs404() throws Exception {
    HttpResponse<byte[]> response =
        post(url + "/", PROTOBUF, null, request(1).toByteArray());

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(new String(response.body(), UTF_8)).isEqualTo("404 page not found\n");
  }

  @Test
  void badProtobufIs400WithInvalidArgumentStatus() throws Exception {
    HttpResponse<byte[]> response = post(url, PROTOBUF, null, new byte[] {0x0A, 0x05, 0x01});

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(PROTOBUF);
    assertThat(protobufStatus(response.body())).isEqualTo("3: While parsing a protocol message, "
        + "the input ended unexpectedly in the middle of a field.  This could mean either that "
        + "the input has been truncated or that an embedded message misreported its own length.");
    assertMetrics(0, 0);
  }

  @Test
  void badJsonIs400WithJsonStatus() throws Exception {
    HttpResponse<byte[]> response = post(url, JSON, null,
        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"abc\"}]}]}]}"
            .getBytes(UTF_8));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(JSON);
    assertThat(new String(response.body(), UTF_8)).isEqualTo(
        "{\"code\":3,\"message\":\"invalid length for ID at line 1, column 60\"}");
  }

  @Test
  void wrongIdLengthInProtobufIs400() throws Exception {
    ExportTraceServiceRequest bad = request(1).toBuilder()
        .setResourceSpans(0, request(1).getResourceSpans(0).toBuilder()
            .setScopeSpans(0, request(1).getResourceSpans(0).getScopeSpans(0).toBuilder()
                .setSpans(0, request(1).getResourceSpans(0).getScopeSpans(0).getSpans(0)
                    .toBuilder().setSpanId(com.google.protobuf.ByteString.copyFrom(new byte[3])))))
        .build();

    HttpResponse<byte[]> response = post(url, PROTOBUF, null, bad.toByteArray());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(protobufStatus(response.body())).isEqualTo("3: invalid length for ID");
  }

  @Test
  void deeplyNestedJsonAttributesAre400() throws Exception {
    String value = "{\"stringValue\":\"x\"}";
    for (int i = 0; i < 64; i++) {
      value = "{\"arrayValue\":{\"values\":[" + value + "]}}";
    }
    String body = "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"attributes\":["
        + "{\"key\":\"a\",\"value\":" + value + "}]}]}]}]}";

    HttpResponse<byte[]> response = post(url, JSON, null, body.getBytes(UTF_8));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(new String(response.body(), UTF_8)).startsWith(
        "{\"code\":3,\"message\":\"attribute value nested deeper than 32 levels");
  }

  @Test
  void gzipAndZlibBodiesAreDecompressed() throws Exception {
    byte[] body = request(2).toByteArray();

    HttpResponse<byte[]> gzipped = post(url, PROTOBUF, "gzip", gzip(body));
    HttpResponse<byte[]> deflated = post(url, PROTOBUF, "deflate", OtlpRequests.zlib(body));
    HttpResponse<byte[]> zlibbed = post(url, PROTOBUF, "zlib", OtlpRequests.zlib(body));

    assertThat(gzipped.statusCode()).isEqualTo(200);
    assertThat(deflated.statusCode()).isEqualTo(200);
    assertThat(zlibbed.statusCode()).isEqualTo(200);
    assertMetrics(6, 0);
  }

  @Test
  void unknownContentEncodingIs400() throws Exception {
    HttpResponse<byte[]> response = post(url, PROTOBUF, "br", request(1).toByteArray());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(protobufStatus(response.body())).isEqualTo("3: unsupported Content-Encoding: br");
  }

  @Test
  void unknownContentEncodingWithOtherContentTypeIsTheFixed500() throws Exception {
    HttpResponse<byte[]> response = post(url, "text/plain", "GZIP", new byte[] {1});

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(new String(response.body(), UTF_8))
        .isEqualTo("{\"code\": 13, \"message\": \"failed to marshal error message\"}");
  }

  @Test
  void corruptGzipIs400() throws Exception {
    HttpResponse<byte[]> response = post(url, PROTOBUF, "gzip", new byte[] {1, 2, 3});

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(protobufStatus(response.body()))
        .isEqualTo("3: cannot decompress the gzip body: Not in GZIP format");
  }

  @Test
  void emptyGzipBodyIs400SayingItIsEmpty() throws Exception {
    HttpResponse<byte[]> response = post(url, PROTOBUF, "gzip", new byte[0]);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(protobufStatus(response.body())).isEqualTo(
        "3: cannot decompress the gzip body: the body is empty, expected a gzip stream");
  }

  @Test
  void bodyOverTheLimitIs413() throws Exception {
    byte[] body = new byte[(int) (2 * ONE_MIB)];
    new Random(1).nextBytes(body);

    HttpResponse<byte[]> response = post(url, PROTOBUF, null, body);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(protobufStatus(response.body())).isEqualTo(
        "3: request body too large: more than max_request_body_size 1048576 bytes");
    assertMetrics(0, 0);
  }

  @Test
  void gzipBombIsCutOffAtTheLimit() throws Exception {
    byte[] bomb = gzip(new byte[100 * 1024 * 1024]);
    assertThat(bomb.length).isLessThan(200 * 1024);

    long startNanos = System.nanoTime();
    HttpResponse<byte[]> response = post(url, PROTOBUF, "gzip", bomb);
    Duration took = Duration.ofNanos(System.nanoTime() - startNanos);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(protobufStatus(response.body())).isEqualTo(
        "3: request body too large: more than max_request_body_size 1048576 bytes");
    assertThat(took).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void zeroSpansAre200WithoutPipelineCallOrMetrics() throws Exception {
    HttpResponse<byte[]> protobuf =
        post(url, PROTOBUF, null, ExportTraceServiceRequest.getDefaultInstance().toByteArray());
    HttpResponse<byte[]> jsonNull = post(url, JSON, null, "null".getBytes(UTF_8));
    HttpResponse<byte[]> jsonEmpty =
        post(url, JSON, null, "{\"resourceSpans\":[{}]}".getBytes(UTF_8));

    assertThat(protobuf.statusCode()).isEqualTo(200);
    assertThat(protobuf.body()).containsExactly(0x0A, 0x00);
    assertThat(new String(jsonNull.body(), UTF_8)).isEqualTo("{\"partialSuccess\":{}}");
    assertThat(jsonEmpty.statusCode()).isEqualTo(200);
    assertThat(fixture.consumer.received()).isEmpty();
    assertThat(fixture.telemetry.registry().find("otelcol_receiver_accepted_spans")
        .counter().count()).isZero();
  }

  @Test
  void retryableOverloadIs503WithRetryAfter() throws Exception {
    fixture.consumer.failWith(
        ConsumerException.retryable("batch channel full", Duration.ofMillis(1500)));

    HttpResponse<byte[]> response = post(url, PROTOBUF, null, request(4).toByteArray());

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
    assertThat(protobufStatus(response.body())).isEqualTo("14: batch channel full");
    assertMetrics(0, 4);
  }

  @Test
  void retryAfterIsAtLeastOneSecond() throws Exception {
    fixture.consumer.failWith(ConsumerException.retryable("full", Duration.ofMillis(10)));

    HttpResponse<byte[]> response = post(url, PROTOBUF, null, request(1).toByteArray());

    assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
  }

  @Test
  void resourceExhaustedIs429WithRetryAfter() throws Exception {
    fixture.consumer.failWith(ConsumerException.resourceExhausted(
        "data refused due to high memory usage", Duration.ofSeconds(2)));

    HttpResponse<byte[]> response = post(url, JSON, null, jsonSpans(2));

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
    assertThat(new String(response.body(), UTF_8))
        .isEqualTo("{\"code\":8,\"message\":\"data refused due to high memory usage\"}");
    assertMetrics(0, 2);
  }

  @Test
  void permanentErrorIs500() throws Exception {
    fixture.consumer.failWith(ConsumerException.permanent("mapping rejected", null));

    HttpResponse<byte[]> response = post(url, PROTOBUF, null, request(1).toByteArray());

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.headers().firstValue("Retry-After")).isEmpty();
    assertThat(protobufStatus(response.body())).isEqualTo("13: mapping rejected");
    assertMetrics(0, 1);
  }

  @Test
  void unknownPipelineErrorIsRetryable503() throws Exception {
    fixture.consumer.answerWith(() -> {
      throw new IllegalStateException("exporter stopped");
    });

    HttpResponse<byte[]> response = post(url, PROTOBUF, null, request(1).toByteArray());

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).isEmpty();
    assertThat(protobufStatus(response.body())).isEqualTo("14: exporter stopped");
    assertMetrics(0, 1);
  }

  @Test
  void exportWaitsForThePipelineFuture() throws Exception {
    Promise<Void> taken = Promise.promise();
    fixture.consumer.answerWith(taken::future);
    fixture.vertx.setTimer(200, id -> taken.complete());

    HttpResponse<byte[]> response = post(url, PROTOBUF, null, request(1).toByteArray());

    assertThat(response.statusCode()).isEqualTo(200);
    assertMetrics(1, 0);
  }

  private static byte[] jsonSpans(int spans) {
    StringBuilder json = new StringBuilder("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[");
    for (int i = 0; i < spans; i++) {
      json.append(i == 0 ? "" : ",").append("{\"name\":\"s").append(i).append("\"}");
    }
    return json.append("]}]}]}").toString().getBytes(UTF_8);
  }

  private void assertMetrics(long accepted, long refused) {
    assertThat(fixture.httpMetrics().accepted()).isEqualTo(accepted);
    assertThat(fixture.httpMetrics().refused()).isEqualTo(refused);
  }
}
