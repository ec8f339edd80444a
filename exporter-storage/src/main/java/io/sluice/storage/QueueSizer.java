package io.sluice.storage;

/** The unit an exporter queue is bounded in ({@code queue.sizer}). */
public enum QueueSizer {
  /** Rendered document bytes, action lines included; Sluice's default. */
  BYTES,
  /** Spans; service documents weigh nothing. */
  ITEMS,
  /** Batches, one per {@code consume} call. */
  REQUESTS
}
