package io.sluice.pipeline;

/**
 * What a consumer does to the data it is given.
 *
 * @param mutatesData true when the consumer changes the data in place; since {@link Traces} is
 *     immutable no Sluice consumer needs a copy, but the flag is kept so that the graph reports
 *     the same capabilities as the collector.
 */
public record Capabilities(boolean mutatesData) {
  /** A consumer that only reads. */
  public static final Capabilities READ_ONLY = new Capabilities(false);

  /** A consumer that changes the data it is given. */
  public static final Capabilities MUTATES = new Capabilities(true);
}
