package io.sluice.receiver.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.sluice.pipeline.ConsumerException;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** OTLP/gRPC exports from the Java SDK and raw HTTP/2 calls, with the status mapping. */
class OtlpGrpcReceiverTest {
  private ReceiverFixture fixture;
  private OtlpGrpcReceiver receiver;

  @BeforeEach
  void start() throws Exception {
    fixture = new ReceiverFixture();
    receiver = fixture.startGrpc();
  }

  @AfterEach
  void stop() throws Exception {
    fixture.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "gzip"})
  void sdkSpansArriveOverGrpc(String compression) {
    OtlpGrpcSpanExporter exporter = OtlpGrpcSpanExporter.builder()
        .setEndpoint("http://127.0.0.1:" + receiver.port())
        .setCompression(compression)
        .build();
    SdkTracerProvider provider = SdkTracerProvider.builder()
        .setResource(Resource.create(
            Attributes.of(AttributeKey.stringKey("service.name"), "checkout")))
        .addSpanProcessor(SimpleSpanProcessor.create(exporter))
        .build();
    Span span = provider.get("io.sluice.test").spanBuilder("GET /cart")
        .setSpanKind(SpanKind.SERVER)
        .setAttribute("http.status_code", 200L)
        .startSpan();
    span.end();

    assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
    provider.shutdown().join(10, TimeUnit.SECONDS);

    await().atMost(Duration.ofSeconds(5)).until(() -> fixture.consumer.received().size() == 1);
    ResourceSpans rs = fixture.consumer.received().get(0).resourceSpans().get(0);
    io.opentelemetry.proto.trace.v1.Span received = rs.getScopeSpans(0).getSpans(0);
    assertThat(received.getName()).isEqualTo("GET /cart");
    assertThat(HexFormat.of().formatHex(received.getTraceId().toByteArray()))
        .isEqualTo(span.getSpanContext().getTraceId());
    assertThat(HexFormat.of().formatHex(received.getSpanId().toByteArray()))
        .isEqualTo(span.getSpanContext().getSpanId());
    assertThat(received.getKind())
        .isEqualTo(io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_SERVER);
    assertThat(rs.getResource().getAttributes(0).getValue().getStringValue())
        .isEqualTo("checkout");
    assertThat(fixture.grpcMetrics().accepted()).isEqualTo(1);
    assertThat(fixture.grpcMetrics().refused()).isZero();
  }

  @Test
  void sdkExportFailsWhenThePipelineRefuses() {
    fixture.consumer.failWith(ConsumerException.permanent("mapping rejected", null));
    SdkTracerProvider provider = SdkTracerProvider.builder()
        .addSpanProcessor(SimpleSpanProcessor.create(OtlpGrpcSpanExporter.builder()
            .setEndpoint("http://127.0.0.1:" + receiver.port())
            .build()))
        .build();

    provider.get("io.sluice.test").spanBuilder("GET /cart").startSpan().end();
    CompletableResultCode flushed = provider.forceFlush().join(10, TimeUnit.SECONDS);
    provider.shutdown().join(10, TimeUnit.SECONDS);

    assertThat(flushed.isSuccess()).isFalse();
    assertThat(fixture.grpcMetrics().accepted()).isZero();
    assertThat(fixture.grpcMetrics().refused()).isEqualTo(1);
  }

  @Test
  void successAnswerIsEmptyPartialSuccess() throws Exception {
    GrpcAnswer answer = call(OtlpRequests.request(2).toByteArray());

    assertThat(answer.status).isEqualTo("0");
    assertThat(answer.body).isEqualTo(Buffer.buffer(new byte[] {0, 0, 0, 0, 2, 0x0A, 0x00}));
    assertThat(fixture.grpcMetrics().accepted()).isEqualTo(2);
  }

  @Test
  void zeroSpansAreAnsweredWithoutPipelineCallOrMetrics() throws Exception {
    GrpcAnswer answer =
        call(ExportTraceServiceRequest.getDefaultInstance().toByteArray());

    assertThat(answer.status).isEqualTo("0");
    assertThat(fixture.consumer.received()).isEmpty();
    assertThat(fixture.grpcMetrics().accepted()).isZero();
  }

  @Test
  void retryableOverloadIsUnavailableWithRetryInfo() throws Exception {
    fixture.consumer.failWith(
        ConsumerException.retryable("batch channel full", Duration.ofMillis(1500)));

    GrpcAnswer answer = call(OtlpRequests.request(3).toByteArray());

    assertThat(answer.status).isEqualTo("14");
    assertThat(answer.message).isEqualTo("batch channel full");
    assertThat(answer.details).isEqualTo(
        RpcStatus.encode(14, "batch channel full", Duration.ofMillis(1500)));
    assertThat(fixture.grpcMetrics().refused()).isEqualTo(3);
  }

  @Test
  void resourceExhaustedAndPermanentMapToTheirCodes() throws Exception {
    fixture.consumer.failWith(
        ConsumerException.resourceExhausted("high memory usage", Duration.ofSeconds(2)));
    GrpcAnswer exhausted = call(OtlpRequests.request(1).toByteArray());
    fixture.consumer.failWith(ConsumerException.permanent("mapping rejected", null));
    GrpcAnswer permanent = call(OtlpRequests.request(1).toByteArray());

    assertThat(exhausted.status).isEqualTo("8");
    assertThat(permanent.status).isEqualTo("13");
    assertThat(permanent.message).isEqualTo("mapping rejected");
    assertThat(permanent.details).isNull();
  }

  @Test
  void badMessageIsInvalidArgument() throws Exception {
    GrpcAnswer answer = call(new byte[] {0x0A, 0x05, 0x01});

    assertThat(answer.status).isEqualTo("3");
    assertThat(fixture.consumer.received()).isEmpty();
  }

  @Test
  void messageOverTheLimitIsResourceExhaustedNamingBothSizes() throws Exception {
    GrpcAnswer answer = call(new byte[5 * 1024 * 1024]);

    assertThat(answer.status).isEqualTo("8");
    assertThat(answer.message).isEqualTo("received message of 5242880 bytes, larger than "
        + "max_recv_msg_size_mib allows (4194304 bytes)");
    assertThat(fixture.consumer.received()).isEmpty();
  }

  /** Sends one gRPC Export call over HTTP/2 with prior knowledge and reads the trailers. */
  private GrpcAnswer call(byte[] message) throws Exception {
    HttpClient client = fixture.vertx.createHttpClient(new HttpClientOptions()
        .setProtocolVersion(HttpVersion.HTTP_2)
        .setHttp2ClearTextUpgrade(false));
    try {
      Buffer frame = Buffer.buffer().appendByte((byte) 0).appendInt(message.length)
          .appendBytes(message);
      RequestOptions options = new RequestOptions()
          .setMethod(HttpMethod.POST)
          .setHost("127.0.0.1")
          .setPort(receiver.port())
          .setURI("/opentelemetry.proto.collector.trace.v1.TraceService/Export")
          .putHeader("content-type", "application/grpc")
          .putHeader("te", "trailers");
      return client.request(options)
          .compose(request -> request.send(frame))
          .compose(response -> response.body().map(body -> new GrpcAnswer(response, body)))
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } finally {
      client.close();
    }
  }

  private static final class GrpcAnswer {
    final String status;
    final String message;
    final byte[] details;
    final Buffer body;

    GrpcAnswer(HttpClientResponse response, Buffer body) {
      MultiMap trailers = response.trailers().isEmpty() ? response.headers() : response.trailers();
      this.status = trailers.get("grpc-status");
      String percentEncoded = trailers.get("grpc-message");
      this.message = percentEncoded == null
          ? null
          : java.net.URLDecoder.decode(percentEncoded, java.nio.charset.StandardCharsets.UTF_8);
      String encoded = trailers.get("grpc-status-details-bin");
      this.details = encoded == null ? null : Base64.getDecoder().decode(encoded);
      this.body = body;
    }
  }
}
