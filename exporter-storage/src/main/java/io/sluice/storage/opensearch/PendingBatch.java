package io.sluice.storage.opensearch;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.atomic.AtomicInteger;
import javax.annotation.Nullable;

/**
 * The items of one write call, so that the writer knows when all of them are settled (stored or
 * given up): that releases a {@code requests}-sized queue slot and, without a queue, completes
 * the write.
 */
final class PendingBatch {
  final long weight;
  private final AtomicInteger unsettled;
  private final Promise<Void> settled = Promise.promise();
  @Nullable private final Context context;

  PendingBatch(int items, long weight, @Nullable Context context) {
    this.unsettled = new AtomicInteger(items);
    this.weight = weight;
    this.context = context;
  }

  /** Records one settled item; returns true when it was the last. */
  boolean itemSettled() {
    if (unsettled.decrementAndGet() != 0) {
      return false;
    }
    if (context == null) {
      settled.complete();
    } else {
      context.runOnContext(v -> settled.complete());
    }
    return true;
  }

  /** Returns a future completed when every item is settled. */
  Future<Void> settled() {
    return settled.future();
  }
}
