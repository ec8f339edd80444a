package io.sluice.testsupport.es.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.common.transport.TransportAddress;
import org.elasticsearch.env.Environment;
import org.elasticsearch.http.HttpServerTransport;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.node.ClasspathPluginNode;
import org.elasticsearch.node.Node;
import org.elasticsearch.transport.netty4.Netty4Plugin;

/**
 * Runs one single-node Elasticsearch 8 cluster in this JVM until standard input closes or the
 * JVM is asked to stop (SIGTERM); {@code io.sluice.testsupport.ElasticsearchNode} spawns it.
 *
 * <p>Arguments: the node's home directory (created if missing; data lives under it) and the HTTP
 * port to bind on 127.0.0.1. Once the node is up it prints {@value #READY_MARKER} followed by
 * {@code host:port} on a line of its own to standard output.
 *
 * <p>The node is a {@link ClasspathPluginNode} with two plugins from the classpath: Netty4 (HTTP
 * and transport) and {@link RootInfoPlugin} ({@code GET /}, which lives in a module of its own
 * in Elasticsearch 8). Every service in it is the real one.
 */
public final class ElasticsearchNodeMain {
  /** The prefix of the line that announces the bound HTTP address. */
  public static final String READY_MARKER = "SLUICE_ELASTICSEARCH_HTTP=";

  static final String CLUSTER_NAME = "sluice-test";
  static final String NODE_NAME = "sluice-test-node";

  private static final String LOG4J_CONFIG = String.join(
      "\n",
      "status = error",
      "appender.console.type = Console",
      "appender.console.name = console",
      "appender.console.target = SYSTEM_OUT",
      "appender.console.layout.type = PatternLayout",
      "appender.console.layout.pattern = [%d{ISO8601}][%-5p][%-25c{1.}] [%node_name]%marker %m%n",
      "rootLogger.level = info",
      "rootLogger.appenderRef.console.ref = console",
      "logger.deprecation.name = org.elasticsearch.deprecation",
      "logger.deprecation.level = error",
      "");

  private ElasticsearchNodeMain() {}

  /** Starts the node, announces its HTTP address, and blocks until stdin reaches EOF. */
  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      throw new IllegalArgumentException(
          "expected arguments <home-dir> <http-port>, got " + List.of(args));
    }
    Path home = Path.of(args[0]).toAbsolutePath();
    int httpPort = Integer.parseInt(args[1]);

    // Elasticsearch's logging setup routes System.out into a logger; keep the real stream.
    PrintStream stdout = System.out;
    Node node;
    try {
      node = startNode(home, httpPort);
    } catch (Exception | LinkageError e) {
      // A half-built node leaves non-daemon pool threads behind; exit so the launcher sees it.
      LogManager.getLogger(ElasticsearchNodeMain.class)
          .fatal("Elasticsearch node failed to start", e);
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(node), "node-close"));
    announce(node, stdout);

    awaitEndOfInput(System.in);
    System.exit(0);
  }

  private static Node startNode(Path home, int httpPort) throws Exception {
    Path config = Files.createDirectories(home.resolve("config"));
    Files.writeString(config.resolve("log4j2.properties"), LOG4J_CONFIG, StandardCharsets.UTF_8);
    Settings settings = settings(home, httpPort);
    Environment environment =
        InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), config, () -> NODE_NAME);
    LogConfigurator.registerErrorListener();
    LogConfigurator.setNodeName(NODE_NAME);
    LogConfigurator.configure(environment, true);
    Node node = new ClasspathPluginNode(environment,
        List.of(Netty4Plugin.class, RootInfoPlugin.class));
    return node.start();
  }

  private static Settings settings(Path home, int httpPort) {
    return Settings.builder()
        .put("path.home", home.toString())
        .put("path.data", home.resolve("data").toString())
        .put("path.logs", home.resolve("logs").toString())
        .put("cluster.name", CLUSTER_NAME)
        .put("node.name", NODE_NAME)
        .put("network.host", "127.0.0.1")
        .put("http.port", httpPort)
        // Transport is only used inside this one-node cluster, so any free port will do.
        .put("transport.port", 0)
        .put("discovery.type", "single-node")
        // Test machines often run with a nearly full disk; watermarks would block writes.
        .put("cluster.routing.allocation.disk.threshold_enabled", false)
        // The real-memory breaker trips spuriously on a small heap during bulk bursts.
        .put("indices.breaker.total.use_real_memory", false)
        .build();
  }

  // The launcher reads this line from our stdout; it is protocol, not logging.
  private static void announce(Node node, PrintStream out) {
    TransportAddress address =
        node.injector().getInstance(HttpServerTransport.class).boundAddress().publishAddress();
    out.println(READY_MARKER + address.getAddress() + ":" + address.getPort());
    out.flush();
  }

  private static void awaitEndOfInput(InputStream in) throws IOException {
    byte[] buffer = new byte[256];
    while (in.read(buffer) >= 0) {
      // Input carries no commands; only its end matters.
    }
  }

  private static void closeQuietly(Node node) {
    Logger logger = LogManager.getLogger(ElasticsearchNodeMain.class);
    try {
      node.close();
      if (!node.awaitClose(30, TimeUnit.SECONDS)) {
        logger.warn("node did not close within 30s");
      }
    } catch (IOException | InterruptedException e) {
      logger.warn("node close failed", e);
    } finally {
      LogManager.shutdown();
    }
  }
}
