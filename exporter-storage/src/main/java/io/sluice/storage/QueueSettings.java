package io.sluice.storage;

/**
 * How an exporter's queue is bounded, resolved from its {@code queue} block.
 *
 * @param enabled false makes each write complete only when its spans are stored or failed
 * @param sizer the unit of {@code capacity}
 * @param capacity how many units may be queued or in flight; a single batch larger than this is
 *     still admitted when the queue is empty
 * @param blocking true makes a write wait for room; false fails it at once when full
 */
public record QueueSettings(boolean enabled, QueueSizer sizer, long capacity, boolean blocking) {
  /** Checks the capacity. */
  public QueueSettings {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be positive, got " + capacity);
    }
  }
}
