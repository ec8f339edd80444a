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
 * The life of one search-engine node in a child JVM, whatever the engine: its directory, log
 * file and port, start with retries on a taken port, stop, restart and close. {@link
 * OpenSearchNode} and {@link ElasticsearchNode} are the public faces of it.
 */
final class ChildNode {
  private static final Logger LOG = LoggerFactory.getLogger(ChildNode.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final int START_ATTEMPTS = 3;
  private static final int LOWEST_PORT = 10_000;
  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static final Set<ChildNode> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(
        new Thread(ChildNode::closeAllAtExit, "search-node-reaper"));
  }

  private final NodeKind kind;
  private final Path home;
  private final Path logFile;
  private final int httpPort;
  private final boolean isShared;
  // Written under this; volatile because the exit hook reads it without the lock, so that a
  // test thread stuck in stop() or restart() cannot hang JVM exit.
  private volatile NodeProcess process;
  // Guarded by this.
  private boolean closed;

  private ChildNode(NodeKind kind, Path home, Path logFile, int httpPort, boolean isShared) {
    this.kind = kind;
    this.home = home;
    this.logFile = logFile;
    this.httpPort = httpPort;
    this.isShared = isShared;
  }

  /**
   * Starts a {@code kind} node with an empty data directory on a free port, trying another port
   * (three tries in all) when another process took the chosen one first.
   */
  static ChildNode launch(NodeKind kind, boolean isShared) {
    Path base = baseDir(kind);
    String name = "node-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
    Path home = base.resolve(name);
    Path logFile = base.resolve(name + ".log");
    long startNanos = System.nanoTime();
    for (int attempt = 1; ; attempt++) {
      ChildNode node = new ChildNode(kind, home, logFile, freePort(), isShared);
      try {
        node.process = NodeProcess.start(kind, home, node.httpPort, logFile, START_TIMEOUT);
        LIVE.add(node);
        LOG.info("{} node started at {} in {} ms; log {}", kind.engine(), node.httpUrl(),
            (System.nanoTime() - startNanos) / 1_000_000, logFile);
        return node;
      } catch (NodeProcess.StartFailure e) {
        // Another process may take the port between our probe and the node's bind.
        if (!e.portTaken() || attempt == START_ATTEMPTS) {
          node.deleteHome();
          throw e;
        }
        LOG.warn("{} node: port {} was taken, retrying on another", kind.engine(), node.httpPort);
        node.deleteHome();
      }
    }
  }

  String httpUrl() {
    return "http://127.0.0.1:" + httpPort;
  }

  int httpPort() {
    return httpPort;
  }

  Path logFile() {
    return logFile;
  }

  synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  synchronized void stop() {
    requireOwned("stop()");
    stopProcess();
  }

  synchronized void restart() {
    requireOwned("restart()");
    if (closed) {
      throw new IllegalStateException("node on port " + httpPort + " is closed");
    }
    stopProcess();
    process = NodeProcess.start(kind, home, httpPort, logFile, START_TIMEOUT);
    LIVE.add(this);
  }

  synchronized void close() {
    if (isShared || closed) {
      return;
    }
    closed = true;
    stopProcess();
    deleteHome();
  }

  @Override
  public String toString() {
    return kind.launcher() + "{" + httpUrl() + ", home=" + home + "}";
  }

  private static Path baseDir(NodeKind kind) {
    String configured = System.getProperty(kind.dirProperty());
    Path base = configured != null
        ? Path.of(configured)
        : Path.of(System.getProperty("user.dir"), "target", kind.dirName());
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
      throw new IllegalStateException(operation + " is not allowed on the shared "
          + kind.engine() + " node; use " + kind.launcher()
          + ".start() for a node of your own");
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
      throw new UncheckedIOException(
          "could not delete " + kind.engine() + " node directory " + home, e);
    }
  }

  private static void closeAllAtExit() {
    for (ChildNode node : List.copyOf(LIVE)) {
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
