package io.sluice.receiver.otlp;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.pipeline.ComponentId;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The receiver-wide budget of request bytes held at once, in bytes: raw bodies as they are
 * buffered and decompressed bodies as they are inflated, shared by the receiver's transports.
 *
 * <p>Each request takes a {@link Lease}, grows it as it buffers, and releases it once when its
 * pipeline call completes or fails, or when reading stops. A request whose lease cannot grow is
 * answered {@code Unavailable} with a retry delay, so overload never becomes an
 * {@code OutOfMemoryError} (see RATIONALE.md for the default).
 */
final class InflightBytes {
  /** The share of the maximum heap the default budget takes: a quarter. */
  static final int DEFAULT_HEAP_DIVISOR = 4;

  private final long capacityBytes;
  private final AtomicLong usedBytes = new AtomicLong();

  /** Creates a budget of {@code capacityBytes}, which must be positive. */
  InflightBytes(long capacityBytes) {
    if (capacityBytes <= 0) {
      throw new IllegalArgumentException("capacityBytes must be positive: " + capacityBytes);
    }
    this.capacityBytes = capacityBytes;
  }

  /**
   * Returns the budget {@code max_inflight_bytes} means: {@code configuredBytes} when positive,
   * else a quarter of the maximum heap, and never less than twice {@code maxRequestBytes} (one
   * compressed request of the maximum size plus its inflated form).
   */
  static long capacityFor(long configuredBytes, long maxRequestBytes, long maxHeapBytes) {
    if (configuredBytes > 0) {
      return configuredBytes;
    }
    return Math.max(maxHeapBytes / DEFAULT_HEAP_DIVISOR, 2 * maxRequestBytes);
  }

  /** Returns a budget of {@link #capacityFor} this JVM's maximum heap. */
  static InflightBytes forHeap(long configuredBytes, long maxRequestBytes) {
    return new InflightBytes(
        capacityFor(configuredBytes, maxRequestBytes, Runtime.getRuntime().maxMemory()));
  }

  /** Returns the budget in bytes. */
  long capacityBytes() {
    return capacityBytes;
  }

  /** Returns the bytes held by all leases now. */
  long usedBytes() {
    return usedBytes.get();
  }

  /**
   * Returns the part of this budget one transport uses, with the gauges
   * {@code otelcol_receiver_inflight_bytes} and {@code otelcol_receiver_inflight_capacity_bytes}
   * registered in {@code registry}; {@link Transport#close} removes them.
   */
  Transport transport(MeterRegistry registry, ComponentId id, String transport) {
    return new Transport(registry, id, transport);
  }

  private boolean tryTake(long bytes) {
    long used = usedBytes.get();
    while (used + bytes <= capacityBytes) {
      if (usedBytes.compareAndSet(used, used + bytes)) {
        return true;
      }
      used = usedBytes.get();
    }
    return false;
  }

  /** One transport's leases and gauges. */
  final class Transport implements AutoCloseable {
    private final AtomicLong usedBytes = new AtomicLong();
    private final MeterRegistry registry;
    private final List<Meter> gauges;

    private Transport(MeterRegistry registry, ComponentId id, String transport) {
      this.registry = registry;
      this.gauges = List.of(
          gauge(registry, "otelcol_receiver_inflight_bytes",
              "Request bytes the receiver holds now (raw and decompressed bodies).",
              id, transport, usedBytes::get),
          gauge(registry, "otelcol_receiver_inflight_capacity_bytes",
              "The receiver's budget of request bytes held at once, shared by its transports.",
              id, transport, () -> capacityBytes));
    }

    /** Returns a new, empty lease on the budget. */
    Lease lease() {
      return new Lease(this);
    }

    /** Returns the bytes this transport's leases hold now. */
    long usedBytes() {
      return usedBytes.get();
    }

    /** Returns the whole budget's capacity in bytes. */
    long capacityBytes() {
      return capacityBytes;
    }

    /** Removes the gauges from the registry. */
    @Override
    public void close() {
      gauges.forEach(registry::remove);
    }
  }

  /**
   * The bytes one request holds. Growing and releasing may happen on different threads (the
   * event loop reads, a worker inflates); after {@link #release} the lease holds nothing and
   * cannot grow again.
   */
  final class Lease {
    private final Transport transport;
    // Guarded by this.
    private long heldBytes;
    private boolean released;

    private Lease(Transport transport) {
      this.transport = transport;
    }

    /** Takes {@code bytes} more from the budget; returns false, taking nothing, if it is full. */
    synchronized boolean tryAcquire(long bytes) {
      if (released || !tryTake(bytes)) {
        return false;
      }
      heldBytes += bytes;
      transport.usedBytes.addAndGet(bytes);
      return true;
    }

    /** Gives back {@code bytes} of what this lease holds, at most all of it. */
    synchronized void giveBack(long bytes) {
      long given = Math.min(bytes, heldBytes);
      heldBytes -= given;
      give(given);
    }

    /** Gives back everything this lease holds; later calls do nothing. */
    synchronized void release() {
      if (released) {
        return;
      }
      released = true;
      give(heldBytes);
      heldBytes = 0;
    }

    /** Returns the capacity of the whole budget in bytes. */
    long budgetBytes() {
      return capacityBytes;
    }

    /** Returns the bytes this lease holds. */
    synchronized long heldBytes() {
      return heldBytes;
    }

    private void give(long bytes) {
      InflightBytes.this.usedBytes.addAndGet(-bytes);
      transport.usedBytes.addAndGet(-bytes);
    }
  }

  private static Gauge gauge(
      MeterRegistry registry,
      String name,
      String help,
      ComponentId id,
      String transport,
      Supplier<Number> value) {
    return Gauge.builder(name, value)
        .description(help)
        .tag("receiver", id.toString())
        .tag("transport", transport)
        .register(registry);
  }
}
