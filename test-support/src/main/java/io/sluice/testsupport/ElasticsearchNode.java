package io.sluice.testsupport;

import java.nio.file.Path;

/**
 * A real single-node Elasticsearch 8.15.3 cluster running in its own JVM, bound to 127.0.0.1;
 * the same life cycle as {@link OpenSearchNode}.
 *
 * <p>The node's classpath never meets the caller's (nor OpenSearch's): this class only spawns
 * {@code java} with the classpath that module {@code test-support-es} recorded at build time, so
 * a module that depends on test-support sees no Elasticsearch, Lucene, Netty 4.1 or log4j jar.
 * The node is the server with the Netty4 HTTP/transport plugin and one of ours that answers
 * {@code GET /} (and {@code HEAD /}) as a distribution does, with the version block clients use
 * for detection. It has none of the distribution's modules or X-Pack: no security (plain HTTP,
 * no credentials), no built-in index templates, no data streams, ingest pipelines, painless or
 * {@code analysis-common}. Core APIs all work: legacy {@code _template} and composable
 * {@code _index_template}, {@code _bulk}, {@code _search}, {@code _msearch}, {@code _count},
 * aggregations, {@code nested}, the built-in analyzers.
 *
 * <p>It runs as the calling user, root included: Elasticsearch refuses root in its command-line
 * bootstrap, which an embedded node does not go through.
 *
 * <p>Files live under {@code target/elasticsearch/} of the working directory (the module
 * directory under Surefire), or under the directory named by the system property
 * {@value #BASE_DIR_PROPERTY}: each node gets a home/data directory {@code node-<pid>-<n>/},
 * deleted by {@link #close()}, and a log file {@code node-<pid>-<n>.log} with the child's stdout
 * and stderr, which is kept. Every node still running when the calling JVM exits is stopped and
 * its directory deleted.
 */
public final class ElasticsearchNode implements AutoCloseable {
  /** The system property that overrides where node directories and logs are written. */
  public static final String BASE_DIR_PROPERTY = "sluice.elasticsearch.dir";

  // Guarded by ElasticsearchNode.class.
  private static ElasticsearchNode shared;
  private static RuntimeException sharedFailure;

  private final ChildNode node;

  private ElasticsearchNode(ChildNode node) {
    this.node = node;
  }

  /**
   * Returns the node shared by every test in this JVM, starting it on first use; it is stopped
   * and deleted when the JVM exits. Tests that share it must not assume an empty cluster (use
   * unique index names), and must not stop it: {@link #stop()} and {@link #restart()} throw
   * {@link IllegalStateException} on it and {@link #close()} does nothing. If the first start
   * failed, every later call throws the same failure at once rather than waiting again.
   */
  public static synchronized ElasticsearchNode shared() {
    if (sharedFailure != null) {
      throw new IllegalStateException("the shared Elasticsearch node failed to start earlier",
          sharedFailure);
    }
    if (shared == null) {
      try {
        shared = new ElasticsearchNode(ChildNode.launch(NodeKind.ELASTICSEARCH, true));
      } catch (RuntimeException e) {
        sharedFailure = e;
        throw e;
      }
    }
    return shared;
  }

  /**
   * Starts a fresh node with its own empty data directory on a free port and returns once the
   * cluster health is at least yellow; the caller closes it. Waits at most 120 s, then throws an
   * {@link IllegalStateException} carrying the node's last log lines.
   */
  public static ElasticsearchNode start() {
    return new ElasticsearchNode(ChildNode.launch(NodeKind.ELASTICSEARCH, false));
  }

  /** Returns the base URL of the node's REST API, {@code http://127.0.0.1:<port>}. */
  public String httpUrl() {
    return node.httpUrl();
  }

  /** Returns the HTTP port; it stays the same across {@link #stop()} and {@link #restart()}. */
  public int httpPort() {
    return node.httpPort();
  }

  /** Returns the file that holds the node JVM's stdout and stderr, across restarts. */
  public Path logFile() {
    return node.logFile();
  }

  /** Returns whether the node JVM is running. */
  public boolean isRunning() {
    return node.isRunning();
  }

  /**
   * Stops the node JVM, keeping its data, so that clients see a real outage (connection refused)
   * until {@link #restart()}; does nothing if it is already stopped. The node gets 30 s to close
   * cleanly, then SIGTERM, then SIGKILL.
   */
  public void stop() {
    node.stop();
  }

  /**
   * Starts the node again on the same port with the same data directory, stopping it first if
   * it runs; documents indexed and refreshed before are still there. Waits as {@link #start()}.
   */
  public void restart() {
    node.restart();
  }

  /**
   * Stops the node and deletes its data directory (the log file stays); idempotent. Does
   * nothing on the {@link #shared()} node, which lives until the JVM exits.
   */
  @Override
  public void close() {
    node.close();
  }

  @Override
  public String toString() {
    return node.toString();
  }
}
