package io.sluice.receiver.otlp;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The pipeline calls a receiver has made and not yet seen answered, so shutdown can wait. */
final class InFlightExports {
  private final Set<Future<Void>> pending = ConcurrentHashMap.newKeySet();

  /** Returns {@code export} after remembering it until it completes. */
  Future<Void> track(Future<Void> export) {
    if (!export.isComplete()) {
      pending.add(export);
      export.onComplete(ar -> pending.remove(export));
    }
    return export;
  }

  /** Returns the number of exports not yet answered. */
  int size() {
    return pending.size();
  }

  /**
   * Returns a future that completes when every export pending now has completed, or after
   * {@code bound}, whichever comes first; it never fails.
   */
  Future<Void> drain(Vertx vertx, Duration bound) {
    if (pending.isEmpty()) {
      return Future.succeededFuture();
    }
    Promise<Void> drained = Promise.promise();
    long timer = vertx.setTimer(Math.max(1, bound.toMillis()), id -> drained.tryComplete());
    Future.join(new ArrayList<>(pending)).onComplete(ar -> {
      vertx.cancelTimer(timer);
      drained.tryComplete();
    });
    return drained.future();
  }
}
