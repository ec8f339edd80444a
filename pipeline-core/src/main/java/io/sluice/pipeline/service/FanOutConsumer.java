package io.sluice.pipeline.service;

import io.sluice.pipeline.ConsumerException;
import io.sluice.pipeline.Traces;
import io.sluice.pipeline.TracesConsumer;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands every batch to several consumers: the exporters of one pipeline, or the pipelines that
 * share one receiver.
 *
 * <p>Every consumer is always called, and the result fails if any of them failed, with the
 * messages joined; the failure is permanent if one of them was, as in the collector. Since
 * {@link Traces} is immutable, all consumers share the same batch with no copy.
 */
final class FanOutConsumer implements TracesConsumer {
  private final List<TracesConsumer> consumers;

  private FanOutConsumer(List<TracesConsumer> consumers) {
    this.consumers = List.copyOf(consumers);
  }

  /** Returns {@code consumers.get(0)} alone, or a fan-out over all of them. */
  static TracesConsumer of(List<TracesConsumer> consumers) {
    if (consumers.isEmpty()) {
      throw new IllegalArgumentException("a fan-out needs at least one consumer");
    }
    return consumers.size() == 1 ? consumers.get(0) : new FanOutConsumer(consumers);
  }

  @Override
  public Future<Void> consume(Traces traces) {
    List<Future<Void>> results = new ArrayList<>(consumers.size());
    for (TracesConsumer consumer : consumers) {
      results.add(callSafely(consumer, traces));
    }
    return Future.join(results).transform(ignored -> combine(results));
  }

  private static Future<Void> callSafely(TracesConsumer consumer, Traces traces) {
    try {
      return consumer.consume(traces);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private static Future<Void> combine(List<Future<Void>> results) {
    List<Throwable> failures = new ArrayList<>();
    for (Future<Void> result : results) {
      if (result.failed()) {
        failures.add(result.cause());
      }
    }
    if (failures.isEmpty()) {
      return Future.succeededFuture();
    }
    if (failures.size() == 1) {
      return Future.failedFuture(failures.get(0));
    }
    return Future.failedFuture(joined(failures));
  }

  private static ConsumerException joined(List<Throwable> failures) {
    StringBuilder message = new StringBuilder();
    boolean permanent = false;
    for (Throwable failure : failures) {
      message.append(message.length() == 0 ? "" : "; ").append(failure.getMessage());
      permanent |= ConsumerException.isPermanent(failure);
    }
    ConsumerException error =
        permanent
            ? ConsumerException.permanent(message.toString(), null)
            : ConsumerException.retryable(message.toString(), longestRetryAfter(failures));
    failures.forEach(error::addSuppressed);
    return error;
  }

  private static Duration longestRetryAfter(List<Throwable> failures) {
    Duration longest = Duration.ofSeconds(1);
    for (Throwable failure : failures) {
      if (failure instanceof ConsumerException ce && ce.retryAfter().isPresent()) {
        Duration d = ce.retryAfter().get();
        longest = d.compareTo(longest) > 0 ? d : longest;
      }
    }
    return longest;
  }
}
