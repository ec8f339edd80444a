package io.sluice.pipeline;

import io.vertx.core.Future;

/**
 * The next stage of a pipeline: a processor, a fan-out or an exporter.
 *
 * <p>The returned future tells the caller when its data is safely taken (in a channel, in a
 * queue, or stored) or why it was not: a {@link ConsumerException} says whether the failure is
 * permanent or worth retrying. A consumer never drops data silently and never blocks the calling
 * thread; when it cannot take data now it returns a future that completes later.
 */
public interface TracesConsumer {
  /** Takes a batch of spans; completes when the batch is taken, fails when it is not. */
  Future<Void> consume(Traces traces);

  /** Returns what this consumer does to the data; read-only by default. */
  default Capabilities capabilities() {
    return Capabilities.READ_ONLY;
  }
}
