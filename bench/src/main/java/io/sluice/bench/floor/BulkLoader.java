package io.sluice.bench.floor;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sends pre-built {@code _bulk} bodies with {@code workers} threads, each posting the next body
 * as soon as its previous request is answered (the collector's {@code bulk_processing.workers}),
 * and counts every item by the status the engine gave it. Nothing is retried: a floor run whose
 * items were rejected says so instead.
 */
final class BulkLoader {
  private static final JsonFactory JSON = new JsonFactory();
  private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);

  private final HttpClient http;
  private final URI bulkUri;
  private final LongAdder stored = new LongAdder();
  private final LongAdder bytesSent = new LongAdder();
  private final AtomicLong requests = new AtomicLong();
  // Item outcomes other than 2xx, by HTTP status; 0 counts the items of a failed request.
  private final Map<Integer, LongAdder> failedByStatus = new ConcurrentHashMap<>();

  BulkLoader(HttpClient http, String baseUrl) {
    this.http = http;
    this.bulkUri = URI.create(baseUrl + "/_bulk");
  }

  /** What a run did: items stored, items failed by status, requests and bytes sent. */
  record Outcome(long stored, Map<Integer, Long> failedByStatus, long requests, long bytes) {
    long failed() {
      return failedByStatus.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /** Sends every body with {@code workers} threads and returns once all are answered. */
  Outcome send(List<BulkBodies.Body> bodies, int workers) throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    List<Thread> threads = new ArrayList<>(workers);
    for (int w = 0; w < workers; w++) {
      Thread thread = new Thread(() -> drain(bodies, next), "bulk-floor-worker-" + w);
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    Map<Integer, Long> failed = new TreeMap<>();
    failedByStatus.forEach((status, count) -> failed.put(status, count.sum()));
    return new Outcome(stored.sum(), failed, requests.get(), bytesSent.sum());
  }

  private void drain(List<BulkBodies.Body> bodies, AtomicInteger next) {
    for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
      post(bodies.get(i));
    }
  }

  private void post(BulkBodies.Body body) {
    HttpRequest request = HttpRequest.newBuilder(bulkUri)
        .timeout(REQUEST_TIMEOUT)
        .header("Content-Type", "application/x-ndjson")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.ndjson()))
        .build();
    requests.incrementAndGet();
    bytesSent.add(body.ndjson().length);
    try {
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        fail(response.statusCode(), body.items());
        return;
      }
      countItems(response.body(), body.items());
    } catch (IOException e) {
      fail(0, body.items());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail(0, body.items());
    }
  }

  // Reads each item's "status" in the answer's "items" array.
  private void countItems(byte[] answer, int expectedItems) throws IOException {
    int seen = 0;
    try (JsonParser parser = JSON.createParser(answer)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token == JsonToken.FIELD_NAME && "status".equals(parser.currentName())
            && isItemStatus(parser.getParsingContext())) {
          parser.nextToken();
          int status = parser.getIntValue();
          if (status / 100 == 2) {
            stored.increment();
          } else {
            fail(status, 1);
          }
          seen++;
        }
      }
    }
    if (seen != expectedItems) {
      fail(0, expectedItems - seen);
    }
  }

  // items[i].index.status: the field's object ("index") sits in an item object in an array.
  private static boolean isItemStatus(JsonStreamContext field) {
    JsonStreamContext item = field.getParent();
    return item != null && item.getParent() != null && item.getParent().inArray();
  }

  private void fail(int status, int items) {
    failedByStatus.computeIfAbsent(status, s -> new LongAdder()).add(items);
  }
}
