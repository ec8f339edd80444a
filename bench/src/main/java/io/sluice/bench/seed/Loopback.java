package io.sluice.bench.seed;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small HTTP client for the collectors' and OpenSearch's endpoints on loopback. */
final class Loopback {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient client = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5))
      .version(HttpClient.Version.HTTP_1_1)
      .build();

  /** The status and body of one answer; status -1 when the request got no answer. */
  record Answer(int status, String body) {
    boolean ok() {
      return status / 100 == 2;
    }
  }

  Answer get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET());
  }

  Answer post(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()));
  }

  Answer delete(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).DELETE());
  }

  private Answer send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          client.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body());
    } catch (IOException e) {
      return new Answer(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(-1, "interrupted");
    }
  }
}
