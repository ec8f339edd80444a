package io.sluice.storage.opensearch;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Remembers which service documents ({@code service, operation} pairs) were written, so that each
 * is written about once per TTL, as Jaeger's writer does (spec §3.3: 12 h, key without the index
 * name, a read does not extend the entry).
 *
 * <p>Sluice also remembers pairs whose document is queued but not yet acknowledged, so that a
 * burst of spans of one operation renders one service document, not thousands; a pair whose
 * document fails for good is forgotten and written again with the next span.
 */
final class ServiceCache {
  /** Jaeger's cache bound. */
  static final int MAX_ENTRIES = 100_000;

  private static final long PENDING = Long.MAX_VALUE;

  private final long ttlNanos;
  private final LongSupplier nanoClock;
  private final ConcurrentHashMap<String, Long> expiryNanos = new ConcurrentHashMap<>();

  ServiceCache(Duration ttl, LongSupplier nanoClock) {
    this.ttlNanos = ttl.toNanos();
    this.nanoClock = nanoClock;
  }

  /**
   * Returns true when the document for {@code key} should be written now, and marks it pending;
   * false when it is pending or was written within the TTL.
   */
  boolean claim(String key) {
    long now = nanoClock.getAsLong();
    if (expiryNanos.size() >= MAX_ENTRIES) {
      expiryNanos.values().removeIf(expiry -> expiry != PENDING && expiry - now <= 0);
    }
    if (expiryNanos.size() >= MAX_ENTRIES) {
      // Full of live entries: forgetting them costs only rewrites of their service documents.
      expiryNanos.values().removeIf(expiry -> expiry != PENDING);
    }
    boolean[] claimed = {false};
    expiryNanos.compute(key, (k, expiry) -> {
      if (expiry != null && (expiry == PENDING || expiry - now > 0)) {
        return expiry;
      }
      claimed[0] = true;
      return PENDING;
    });
    return claimed[0];
  }

  /** Records that the document for {@code key} was acknowledged. */
  void written(String key) {
    expiryNanos.put(key, nanoClock.getAsLong() + ttlNanos);
  }

  /** Forgets {@code key}, so that the next span writes its document again. */
  void forget(String key) {
    expiryNanos.remove(key);
  }
}
