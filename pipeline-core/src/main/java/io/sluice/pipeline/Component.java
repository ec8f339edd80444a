package io.sluice.pipeline;

import io.vertx.core.Future;

/**
 * Anything the service starts and stops: a receiver, processor, exporter or extension.
 *
 * <p>Neither method may block the calling thread, which is often an event loop.
 */
public interface Component {
  /**
   * Starts the component: binds its listeners, opens its clients. A failed future aborts the
   * service start-up, so the message must say what failed and which config value caused it.
   */
  Future<Void> start(Host host);

  /**
   * Stops the component after draining what it holds: a receiver stops taking data, a processor
   * flushes, an exporter finishes in-flight writes. Called once, even if {@link #start} failed.
   */
  Future<Void> shutdown();
}
