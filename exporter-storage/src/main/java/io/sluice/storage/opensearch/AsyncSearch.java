package io.sluice.storage.opensearch;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.storage.es.SearchResponses;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import javax.annotation.Nullable;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;

/**
 * Sends read requests through the backend's client without blocking the caller: the
 * httpclient5 I/O threads carry the exchange, and the answer is parsed on a Vert.x worker when
 * the caller runs on a Vert.x context (whose thread then completes the future), else on the
 * I/O thread. Answers of 300 and above, unreachable nodes and unparsable bodies fail the
 * future with a message naming the request and the cause, never a credential.
 */
final class AsyncSearch {
  /** Turns a parsed answer into a result; may throw to fail the read. */
  @FunctionalInterface
  interface Parser<T> {
    /** Returns the result of the answer {@code response}. */
    T parse(JsonNode response) throws Exception;
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NDJSON = "application/x-ndjson";
  private static final Map<String, String> SEARCH_PARAMS =
      Map.of("ignore_unavailable", "true", "rest_total_hits_as_int", "true");

  private final Supplier<OpenSearchClient> client;
  private final String nodes;

  /**
   * Returns the sender.
   *
   * @param client the backend's client; null until the backend has started
   * @param nodes the node URLs for error messages, credentials already redacted
   */
  AsyncSearch(Supplier<OpenSearchClient> client, String nodes) {
    this.client = requireNonNull(client, "client");
    this.nodes = requireNonNull(nodes, "nodes");
  }

  /** POSTs {@code body} to {@code /<indices>/_search}, skipping missing indices. */
  <T> Future<T> search(List<String> indices, String body, Parser<T> parser) {
    String endpoint = "/" + String.join(",", indices) + "/_search";
    return post(endpoint, SEARCH_PARAMS,
        Body.from(body.getBytes(StandardCharsets.UTF_8), "application/json"), parser);
  }

  /** POSTs the NDJSON {@code lines} (a header and a body per search) to {@code /_msearch}. */
  <T> Future<T> multiSearch(String lines, Parser<T> parser) {
    return post("/_msearch", Map.of("rest_total_hits_as_int", "true"),
        Body.from(lines.getBytes(StandardCharsets.UTF_8), NDJSON), parser);
  }

  private <T> Future<T> post(
      String endpoint, Map<String, String> params, Body body, Parser<T> parser) {
    OpenSearchClient c = client.get();
    if (c == null) {
      return Future.failedFuture(new IllegalStateException(
          "the storage at " + nodes + " is not started yet"));
    }
    Context context = Vertx.currentContext();
    CompletableFuture<byte[]> answered = new CompletableFuture<>();
    try {
      c.generic()
          .executeAsync(Requests.builder().method("POST").endpoint(endpoint).query(params)
              .body(body).build())
          .whenComplete((response, error) -> complete(answered, endpoint, response, error));
    } catch (RuntimeException e) {
      answered.completeExceptionally(failure(endpoint, e));
    }
    if (context == null) {
      return Future.fromCompletionStage(answered.thenApply(bytes -> parse(endpoint, bytes,
          parser))).recover(e -> Future.failedFuture(unwrap(e)));
    }
    return Future.fromCompletionStage(answered, context)
        .compose(bytes -> context.executeBlocking(() -> parse(endpoint, bytes, parser), false));
  }

  private void complete(CompletableFuture<byte[]> answered, String endpoint,
      @Nullable Response response, @Nullable Throwable error) {
    if (error != null) {
      answered.completeExceptionally(failure(endpoint, unwrap(error)));
      return;
    }
    try (response) {
      byte[] bytes = response.getBody().map(Body::bodyAsBytes).orElse(new byte[0]);
      if (response.getStatus() >= 300) {
        answered.completeExceptionally(new IllegalStateException(describe(endpoint)
            + " answered HTTP " + response.getStatus() + ": " + errorText(bytes)));
      } else {
        answered.complete(bytes);
      }
    } catch (IOException | RuntimeException e) {
      answered.completeExceptionally(failure(endpoint, e));
    }
  }

  private <T> T parse(String endpoint, byte[] bytes, Parser<T> parser) {
    try {
      return parser.parse(JSON.readTree(bytes));
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new IllegalStateException(describe(endpoint) + ": " + e.getMessage(), e);
    } catch (Exception e) {
      throw new IllegalStateException(describe(endpoint) + ": unreadable answer: " + e, e);
    }
  }

  private static String errorText(byte[] bytes) {
    try {
      String error = SearchResponses.error(JSON.readTree(bytes));
      if (error != null) {
        return error;
      }
    } catch (IOException e) {
      // Not JSON: show the start of the text instead.
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }

  private IllegalStateException failure(String endpoint, Throwable cause) {
    String message = cause.getMessage();
    return new IllegalStateException(describe(endpoint) + " failed: "
        + cause.getClass().getSimpleName() + (message == null ? "" : ": " + message), cause);
  }

  private String describe(String endpoint) {
    String shown = endpoint.length() > 200 ? endpoint.substring(0, 200) + "..." : endpoint;
    return "POST " + shown + " on " + nodes;
  }

  private static Throwable unwrap(Throwable e) {
    return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
  }
}
