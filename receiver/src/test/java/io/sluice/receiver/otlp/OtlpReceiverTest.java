package io.sluice.receiver.otlp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.pipeline.Receiver;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The receiver the factory makes: both protocols together, CORS and response headers. */
class OtlpReceiverTest {
  private static final Endpoint ANY_LOOPBACK_PORT = new Endpoint("127.0.0.1", 0);

  @Test
  void factoryReceiverServesBothProtocols() throws Exception {
    try (ReceiverFixture fixture = new ReceiverFixture()) {
      OtlpReceiverConfig config = new OtlpReceiverConfig(
          OtlpReceiverConfig.Http.defaults().withEndpoint(ANY_LOOPBACK_PORT),
          OtlpReceiverConfig.Grpc.defaults().withEndpoint(ANY_LOOPBACK_PORT));
      Receiver receiver =
          new OtlpReceiverFactory().createTraces(fixture.settings, config, fixture.consumer);

      await(receiver.start(new TestHost()));
      int httpPort = ((OtlpReceiver) receiver).http().orElseThrow().port();
      HttpResponse<byte[]> response = OtlpRequests.post("http://127.0.0.1:" + httpPort
          + "/v1/traces", "application/x-protobuf", null, OtlpRequests.request(2).toByteArray());
      await(receiver.shutdown());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(fixture.httpMetrics().accepted()).isEqualTo(2);
    }
  }

  @Test
  void responseHeadersAreAddedToEveryAnswer() throws Exception {
    try (ReceiverFixture fixture = new ReceiverFixture()) {
      fixture.startHttp(withCorsAndHeaders(null));

      HttpResponse<byte[]> ok = OtlpRequests.post(fixture.tracesUrl(), "application/json",
          null, "{}".getBytes(UTF_8));
      HttpResponse<byte[]> refused =
          OtlpRequests.post(fixture.tracesUrl(), "text/plain", null, new byte[0]);

      assertThat(ok.headers().firstValue("X-Served-By")).hasValue("sluice");
      assertThat(refused.headers().firstValue("X-Served-By")).hasValue("sluice");
    }
  }

  @Test
  void corsPreflightIsAnsweredForAnAllowedOrigin() throws Exception {
    try (ReceiverFixture fixture = new ReceiverFixture()) {
      fixture.startHttp(withCorsAndHeaders(new OtlpReceiverConfig.Cors(
          List.of("https://*.example.com"), List.of("X-Token"), 600)));

      HttpResponse<String> allowed = preflight(fixture, "https://app.example.com", "x-token");
      HttpResponse<String> otherOrigin = preflight(fixture, "https://evil.test", "x-token");

      assertThat(allowed.statusCode()).isEqualTo(204);
      assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin"))
          .hasValue("https://app.example.com");
      assertThat(allowed.headers().firstValue("Access-Control-Allow-Methods")).hasValue("POST");
      assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers"))
          .hasValue("x-token");
      assertThat(allowed.headers().firstValue("Access-Control-Allow-Credentials"))
          .hasValue("true");
      assertThat(allowed.headers().firstValue("Access-Control-Max-Age")).hasValue("600");
      assertThat(otherOrigin.statusCode()).isEqualTo(204);
      assertThat(otherOrigin.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
  }

  @Test
  void corsExportFromAnAllowedOriginCarriesTheOrigin() throws Exception {
    try (ReceiverFixture fixture = new ReceiverFixture()) {
      fixture.startHttp(withCorsAndHeaders(
          new OtlpReceiverConfig.Cors(List.of("*"), List.of(), 0)));

      HttpResponse<String> response = OtlpRequests.CLIENT.send(
          HttpRequest.newBuilder(URI.create(fixture.tracesUrl()))
              .header("Origin", "https://app.example.com")
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString("{}"))
              .build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Access-Control-Allow-Origin"))
          .hasValue("https://app.example.com");
    }
  }

  @Test
  void largeBodyIsDecodedOffTheEventLoopAndAccepted() throws Exception {
    try (ReceiverFixture fixture = new ReceiverFixture()) {
      fixture.startHttp(OtlpReceiverConfig.Http.DEFAULT_MAX_REQUEST_BODY_BYTES);
      byte[] body = OtlpRequests.request(20_000).toByteArray();
      assertThat(body.length).isGreaterThan(OtlpHttpEncoding.PROTOBUF.offloadBytes());

      HttpResponse<byte[]> response =
          OtlpRequests.post(fixture.tracesUrl(), "application/x-protobuf", null, body);

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(fixture.httpMetrics().accepted()).isEqualTo(20_000);
    }
  }

  private static HttpResponse<String> preflight(
      ReceiverFixture fixture, String origin, String headers) throws Exception {
    return OtlpRequests.CLIENT.send(
        HttpRequest.newBuilder(URI.create(fixture.tracesUrl()))
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", headers)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static OtlpReceiverConfig.Http withCorsAndHeaders(OtlpReceiverConfig.Cors cors) {
    OtlpReceiverConfig.Http d = OtlpReceiverConfig.Http.defaults();
    return new OtlpReceiverConfig.Http(ANY_LOOPBACK_PORT, d.tracesUrlPath(),
        d.maxRequestBodyBytes(), d.compressionAlgorithms(), cors, false,
        Map.of("X-Served-By", "sluice"), d.idleTimeout(), null, 0);
  }

  private static void await(io.vertx.core.Future<Void> future) throws Exception {
    future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
