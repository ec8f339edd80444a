package io.sluice.processor.batch;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/**
 * The {@code batch} processor's config (spec collector-runtime.md §4.1), plus Sluice's
 * {@code max_wait}.
 *
 * <p>The factory checks the values and names the offending key; this record only holds them.
 *
 * @param sendBatchSize {@code send_batch_size}: the span count that triggers a send; a trigger,
 *     not a cap. Default 8192; 0 sends every input at once
 * @param timeout {@code timeout}: the period of the flush tick; default 200ms; 0 sends at once
 * @param sendBatchMaxSize {@code send_batch_max_size}: larger batches are split to this many
 *     spans; default 0 (no cap); when set it is at least {@code sendBatchSize}
 * @param metadataKeys {@code metadata_keys}: client-metadata keys whose values pick a shard
 *     (matched case-insensitively); default none, which means a single shard
 * @param metadataCardinalityLimit {@code metadata_cardinality_limit}: the most shards when
 *     {@code metadataKeys} is non-empty; default 1000; 0 means no limit
 * @param maxWait {@code max_wait} (Sluice only): how long a caller may wait for a channel slot
 *     before it gets a retryable failure and its data is not taken; default 5s; 0 never waits
 */
public record BatchConfig(
    int sendBatchSize,
    Duration timeout,
    int sendBatchMaxSize,
    List<String> metadataKeys,
    int metadataCardinalityLimit,
    Duration maxWait) {
  /** The default {@code send_batch_size}. */
  public static final int DEFAULT_SEND_BATCH_SIZE = 8192;

  /** The default {@code timeout}. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(200);

  /** The default {@code send_batch_max_size}: no cap. */
  public static final int DEFAULT_SEND_BATCH_MAX_SIZE = 0;

  /** The default {@code metadata_cardinality_limit}. */
  public static final int DEFAULT_METADATA_CARDINALITY_LIMIT = 1000;

  /** The default {@code max_wait}. */
  public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(5);

  /** Checks the parts are present and copies the key list. */
  public BatchConfig {
    requireNonNull(timeout, "timeout");
    requireNonNull(metadataKeys, "metadataKeys");
    requireNonNull(maxWait, "maxWait");
    metadataKeys = List.copyOf(metadataKeys);
  }

  /** Returns the config of a {@code batch:} entry written with no keys. */
  public static BatchConfig defaults() {
    return new BatchConfig(
        DEFAULT_SEND_BATCH_SIZE,
        DEFAULT_TIMEOUT,
        DEFAULT_SEND_BATCH_MAX_SIZE,
        List.of(),
        DEFAULT_METADATA_CARDINALITY_LIMIT,
        DEFAULT_MAX_WAIT);
  }

  /**
   * Returns true when the batcher runs a flush tick: {@code timeout} and {@code send_batch_size}
   * are both non-zero. Without a tick every input is sent at once.
   */
  public boolean hasTimer() {
    return !timeout.isZero() && sendBatchSize != 0;
  }
}
