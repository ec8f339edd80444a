package io.sluice.collector.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Small blocking HTTP calls for tests, on loopback only. */
final class Http {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private Http() {}

  /** GETs {@code url}; returns the response, or null when nothing listens there yet. */
  static HttpResponse<String> get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET(), true);
  }

  /** Sends a request with a JSON body. */
  static HttpResponse<String> send(String method, String url, String jsonBody) {
    return send(HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(jsonBody)), false);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request, boolean nullIfDown) {
    try {
      return CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (java.net.ConnectException e) {
      if (nullIfDown) {
        return null;
      }
      throw new UncheckedIOException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Returns the value of the first series of {@code metric} whose line contains {@code label}. */
  static long metric(String metricsText, String metric, String label) {
    for (String line : metricsText.split("\n")) {
      if (line.startsWith(metric + "{") && line.contains(label)) {
        return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return -1;
  }
}
