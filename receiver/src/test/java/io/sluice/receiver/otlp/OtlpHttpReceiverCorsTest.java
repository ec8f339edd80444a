package io.sluice.receiver.otlp;

import static io.sluice.receiver.otlp.OtlpRequests.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CORS on OTLP/HTTP (spec/collector-runtime.md §3.7): preflights answered 204, the
 * {@code Access-Control-*} headers only for allowed origins, with credentials allowed.
 */
class OtlpHttpReceiverCorsTest {
  private static final String ALLOWED = "https://app.example.com";

  private ReceiverFixture fixture;
  private String url;

  @BeforeEach
  void start() throws Exception {
    fixture = new ReceiverFixture();
    fixture.startHttp(OtlpReceiverConfig.Http.defaults()
        .withEndpoint(new Endpoint("127.0.0.1", 0))
        .withCors(new OtlpReceiverConfig.Cors(
            List.of("https://*.example.com"), List.of("X-Tenant"), 7200)));
    url = fixture.tracesUrl();
  }

  @AfterEach
  void stop() throws Exception {
    fixture.close();
  }

  @Test
  void preflightFromAllowedOriginIs204WithTheAllowHeaders() throws Exception {
    HttpResponse<String> response = preflight(ALLOWED, "content-type, x-tenant");

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.body()).isEmpty();
    assertThat(corsHeaders(response)).containsExactlyEntriesOf(new TreeMap<>(Map.of(
        "access-control-allow-credentials", "true",
        "access-control-allow-headers", "content-type, x-tenant",
        "access-control-allow-methods", "POST",
        "access-control-allow-origin", ALLOWED,
        "access-control-max-age", "7200")));
    assertThat(response.headers().firstValue("Vary")).hasValue(
        "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
    assertThat(fixture.consumer.received()).isEmpty();
  }

  @Test
  void preflightFromDisallowedOriginGetsNoCorsHeaders() throws Exception {
    HttpResponse<String> response = preflight("https://example.org", "content-type");

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(corsHeaders(response)).isEmpty();
  }

  @Test
  void preflightAskingForAHeaderNotAllowedGetsNoCorsHeaders() throws Exception {
    HttpResponse<String> response = preflight(ALLOWED, "x-secret");

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(corsHeaders(response)).isEmpty();
  }

  @Test
  void postFromAllowedOriginGetsAllowOriginAndCredentials() throws Exception {
    HttpResponse<String> response = post(ALLOWED);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(corsHeaders(response)).containsExactlyEntriesOf(new TreeMap<>(Map.of(
        "access-control-allow-credentials", "true",
        "access-control-allow-origin", ALLOWED)));
    assertThat(response.headers().firstValue("Vary")).hasValue("Origin");
    assertThat(fixture.httpMetrics().accepted()).isEqualTo(2);
  }

  @Test
  void postFromDisallowedOriginIsTakenWithoutCorsHeaders() throws Exception {
    HttpResponse<String> response = post("https://example.org");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(corsHeaders(response)).isEmpty();
    assertThat(fixture.httpMetrics().accepted()).isEqualTo(2);
  }

  @Test
  void optionsWithoutRequestMethodIsNotAPreflightAndGets405() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url))
        .header("Origin", ALLOWED)
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.body()).isEqualTo("405 method not allowed, supported: [POST]");
  }

  private HttpResponse<String> preflight(String origin, String requestHeaders) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(url))
        .header("Origin", origin)
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", requestHeaders)
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
  }

  private HttpResponse<String> post(String origin) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(url))
        .header("Origin", origin)
        .header("Content-Type", "application/x-protobuf")
        .POST(HttpRequest.BodyPublishers.ofByteArray(request(2).toByteArray())));
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return OtlpRequests.CLIENT.send(request.timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Returns the response's {@code Access-Control-*} headers, names lower-cased, sorted. */
  private static Map<String, String> corsHeaders(HttpResponse<?> response) {
    Map<String, String> cors = new TreeMap<>();
    response.headers().map().forEach((name, values) -> {
      if (name.toLowerCase().startsWith("access-control-")) {
        cors.put(name.toLowerCase(), String.join(",", values));
      }
    });
    return cors;
  }
}
