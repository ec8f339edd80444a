package io.sluice.processor.memorylimiter;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.pipeline.ComponentId;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.LongSupplier;

/**
 * The process-wide registry that lets all pipelines using one {@code memory_limiter} id share one
 * {@link MemoryLimiter}, as the collector shares one instance per config.
 *
 * <p>Entries are keyed by the service's metric registry (one per running service, so two services
 * in one JVM, as in tests, never share), the component id and its config (so a reloaded config
 * gets a fresh limiter). Each pipeline holds a {@link Lease}; the last lease released stops the
 * checks and removes the entry.
 */
final class SharedLimiters {
  private record Key(ComponentId id, MemoryLimiterConfig config) {}

  private static final class Entry {
    private final MemoryLimiter limiter;
    private int users;

    Entry(MemoryLimiter limiter) {
      this.limiter = limiter;
    }
  }

  // Guarded by itself.
  private static final Map<MeterRegistry, Map<Key, Entry>> ENTRIES = new WeakHashMap<>();

  private SharedLimiters() {}

  /** Returns a lease on the limiter of {@code id} and {@code config}, creating it if needed. */
  static Lease acquire(
      MeterRegistry registry,
      ComponentId id,
      MemoryLimiterConfig config,
      HeapMeter heap,
      LongSupplier nanoClock) {
    Key key = new Key(id, config);
    synchronized (ENTRIES) {
      Map<Key, Entry> entries = ENTRIES.computeIfAbsent(registry, r -> new HashMap<>());
      Entry entry = entries.get(key);
      if (entry == null) {
        entry = new Entry(new MemoryLimiter(id.toString(), config, heap, nanoClock));
        entries.put(key, entry);
      }
      entry.users++;
      return new Lease(registry, key, entry.limiter);
    }
  }

  private static void release(MeterRegistry registry, Key key) {
    MemoryLimiter stopped = null;
    synchronized (ENTRIES) {
      Map<Key, Entry> entries = ENTRIES.get(registry);
      Entry entry = entries == null ? null : entries.get(key);
      if (entry != null && --entry.users == 0) {
        entries.remove(key);
        stopped = entry.limiter;
      }
    }
    if (stopped != null) {
      stopped.stop();
    }
  }

  /** One pipeline's share of a limiter; released once, at the pipeline's shutdown. */
  static final class Lease {
    private final MeterRegistry registry;
    private final Key key;
    private final MemoryLimiter limiter;
    // Guarded by this.
    private boolean released;

    private Lease(MeterRegistry registry, Key key, MemoryLimiter limiter) {
      this.registry = registry;
      this.key = key;
      this.limiter = limiter;
    }

    /** Returns the shared limiter. */
    MemoryLimiter limiter() {
      return limiter;
    }

    /** Returns the processor id, as written in the config. */
    String id() {
      return key.id().toString();
    }

    /** Gives the share back; later calls do nothing. */
    void release() {
      synchronized (this) {
        if (released) {
          return;
        }
        released = true;
      }
      SharedLimiters.release(registry, key);
    }
  }
}
