package io.sluice.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node OpenSearch 2.19.6 cluster running in its own JVM, bound to 127.0.0.1.
 *
 * <p>The node's classpath never meets the caller's: this class only spawns {@code java} with the
 * classpath that the build recorded, so a module that depends on test-support sees no OpenSearch,
 * Lucene, Netty 4.1 or log4j jar. The node has the Netty4 HTTP/transport layer and nothing else
 * (no painless, no analysis-common, no security plugin); index templates, {@code _bulk},
 * {@code _search}, {@code _msearch}, aggregations and the built-in analyzers all work.
 *
 * <p>Files live under {@code target/opensearch/} of the working directory (the module directory
 * under Surefire), or under the directory named by the system property
 * {@value #BASE_DIR_PROPERTY}: each node gets a home/data directory {@code node-<pid>-<n>/},
 * deleted by {@link #close()}, and a log file {@code node-<pid>-<n>.log} with the child's stdout
 * and stderr, which is kept. Every node still running when the calling JVM exits is stopped and
 * its directory deleted.
 */
public final class OpenSearchNode implements AutoCloseable {
  /** The system property that overrides where node directories and logs are written. */
  public static final String BASE_DIR_PROPERTY = "sluice.opensearch.dir";

  private static final Logger LOG = LoggerFactory.getLogger(OpenSearchNode.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final int START_ATTEMPTS = 3;
  private static final int LOWEST_PORT = 10_000;
  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static final Set<OpenSearchNode> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(
        new Thread(OpenSearchNode::closeAllAtExit, "opensearch-node-reaper"));
  }

  // Guarded by OpenSearchNode.class.
  private static OpenSearchNode shared;
  private static RuntimeException sharedFailure;

  private final Path home;
  private final Path logFile;
  private final int httpPort;
  private final boolean isShared;
  // Written under this; volatile because the exit hook reads it without the lock, so that a
  // test thread stuck in stop() or restart() cannot hang JVM exit.
  private volatile NodeProcess process;
  // Guarded by this.
  private boolean closed;

  private OpenSearchNode(Path home, Path logFile, int httpPort, boolean isShared) {
    this.home = home;
    this.logFile = logFile;
    this.httpPort = httpPort;
    this.isShared = isShared;
  }

  /**
   * Returns the node shared by every test in this JVM, starting it on first use; it is stopped
   * and deleted when the JVM exits. Tests that share it must not assume an empty cluster (use
   * unique index names), and must not stop it: {@link #stop()} and {@link #restart()} throw
   * {@link IllegalStateException} on it and {@link #close()} does nothing. If the first start
   * failed, every later call throws the same failure at once rather than waiting again.
   */
  public static synchronized OpenSearchNode shared() {
    if (sharedFailure != null) {
      throw new IllegalStateException("the shared OpenSearch node failed to start earlier",
          sharedFailure);
    }
    if (shared == null) {
      try {
        shared = launch(true);
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
  public static OpenSearchNode start() {
    return launch(false);
  }

  /** Returns the base URL of the node's REST API, {@code http://127.0.0.1:<port>}. */
  public String httpUrl() {
    return "http://127.0.0.1:" + httpPort;
  }

  /** Returns the HTTP port; it stays the same across {@link #stop()} and {@link #restart()}. */
  public int httpPort() {
    return httpPort;
  }

  /** Returns the file that holds the node JVM's stdout and stderr, across restarts. */
  public Path logFile() {
    return logFile;
  }

  /** Returns whether the node JVM is running. */
  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /**
   * Stops the node JVM, keeping its data, so that clients see a real outage (connection refused)
   * until {@link #restart()}; does nothing if it is already stopped. The node gets 30 s to close
   * cleanly, then SIGTERM, then SIGKILL.
   */
  public synchronized void stop() {
    requireOwned("stop()");
    stopProcess();
  }

  /**
   * Starts the node again on the same port with the same data directory, stopping it first if
   * it runs; documents indexed and refreshed before are still there. Waits as {@link #start()}.
   */
  public synchronized void restart() {
    requireOwned("restart()");
    if (closed) {
      throw new IllegalStateException("node on port " + httpPort + " is closed");
    }
    stopProcess();
    process = NodeProcess.start(home, httpPort, logFile, START_TIMEOUT);
    LIVE.add(this);
  }

  /**
   * Stops the node and deletes its data directory (the log file stays); idempotent. Does
   * nothing on the {@link #shared()} node, which lives until the JVM exits.
   */
  @Override
  public synchronized void close() {
    if (isShared || closed) {
      return;
    }
    closed = true;
    stopProcess();
    deleteHome();
  }

  @Override
  public String toString() {
    return "OpenSearchNode{" + httpUrl() + ", home=" + home + "}";
  }

  private static OpenSearchNode launch(boolean isShared) {
    Path base = baseDir();
    String name = "node-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
    Path home = base.resolve(name);
    Path logFile = base.resolve(name + ".log");
    long startNanos = System.nanoTime();
    for (int attempt = 1; ; attempt++) {
      OpenSearchNode node = new OpenSearchNode(home, logFile, freePort(), isShared);
      try {
        node.process = NodeProcess.start(home, node.httpPort, logFile, START_TIMEOUT);
        LIVE.add(node);
        LOG.info("OpenSearch node started at {} in {} ms; log {}", node.httpUrl(),
            (System.nanoTime() - startNanos) / 1_000_000, logFile);
        return node;
      } catch (NodeProcess.StartFailure e) {
        // Another process may take the port between our probe and the node's bind.
        if (!e.portTaken() || attempt == START_ATTEMPTS) {
          node.deleteHome();
          throw e;
        }
        LOG.warn("OpenSearch node: port {} was taken, retrying on another", node.httpPort);
        node.deleteHome();
      }
    }
  }

  private static Path baseDir() {
    String configured = System.getProperty(BASE_DIR_PROPERTY);
    Path base = configured != null
        ? Path.of(configured)
        : Path.of(System.getProperty("user.dir"), "target", "opensearch");
    return base.toAbsolutePath();
  }

  /**
   * Picks a free loopback port below the kernel's ephemeral range, so that no client's outgoing
   * connection takes it while the node is stopped for an outage test.
   */
  private static int freePort() {
    int highest = ephemeralLow() - 1;
    for (int i = 0; i < 100; i++) {
      int port = ThreadLocalRandom.current().nextInt(LOWEST_PORT, highest + 1);
      if (isFree(port)) {
        return port;
      }
    }
    throw new IllegalStateException(
        "no free port between " + LOWEST_PORT + " and " + highest + " on 127.0.0.1");
  }

  private static int ephemeralLow() {
    Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    try {
      int low = Integer.parseInt(Files.readString(range).trim().split("\\s+")[0]);
      return low > LOWEST_PORT + 1_000 ? low : 32_768;
    } catch (IOException | RuntimeException e) {
      return 32_768;
    }
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private void requireOwned(String operation) {
    if (isShared) {
      throw new IllegalStateException(operation + " is not allowed on the shared OpenSearch node;"
          + " use OpenSearchNode.start() for a node of your own");
    }
  }

  private void stopProcess() {
    if (process != null) {
      process.stop();
      process = null;
    }
    LIVE.remove(this);
  }

  private void deleteHome() {
    if (!Files.exists(home)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(home)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete OpenSearch node directory " + home, e);
    }
  }

  private static void closeAllAtExit() {
    for (OpenSearchNode node : List.copyOf(LIVE)) {
      NodeProcess running = node.process;
      if (running != null) {
        running.stop();
      }
      node.deleteHomeQuietly();
    }
  }

  private void deleteHomeQuietly() {
    try {
      deleteHome();
    } catch (UncheckedIOException e) {
      // The JVM is exiting; a leftover directory under target/ is harmless.
    }
  }
}
