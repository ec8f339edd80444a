package io.sluice.storage.opensearch;

import static java.util.Objects.requireNonNull;

import io.sluice.pipeline.status.ComponentStatus;
import io.sluice.pipeline.status.StatusReporter;
import io.sluice.storage.TraceStorage;
import io.sluice.storage.TraceWriter;
import io.sluice.storage.WriterOptions;
import io.sluice.storage.config.ElasticsearchConfig;
import io.sluice.storage.config.Urls;
import io.sluice.storage.es.SpanDocumentWriter;
import io.sluice.storage.es.TagsAsFields;
import io.sluice.storage.read.TraceReader;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@code elasticsearch} or {@code opensearch} backend: one client, the templates, the service
 * cache shared by its writers, and one {@link BulkWriter} per exporter.
 *
 * <p>Start never fails because the engine is unreachable: it tries once, and on failure logs one
 * WARN line naming the URL and the cause, reports a recoverable error and keeps trying in the
 * background with backoff (1 s doubling to 30 s). Writers hold their queues until the templates
 * are in place, so no index is auto-created without its mapping.
 */
public final class OpenSearchStorage implements TraceStorage {
  private static final Logger log = LoggerFactory.getLogger(OpenSearchStorage.class);
  private static final Backoff BOOTSTRAP_BACKOFF =
      new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

  private final String name;
  private final ElasticsearchConfig config;
  private final Duration drainTimeout;
  private final CompletableFuture<Void> ready = new CompletableFuture<>();
  private final List<BulkWriter> writers = new CopyOnWriteArrayList<>();
  private final ServiceCache serviceCache;
  private final OpenSearchTraceReader reader;
  @Nullable private volatile OpenSearchClient client;
  @Nullable private volatile AuthHeaders auth;
  @Nullable private volatile DocumentRenderer renderer;
  @Nullable private Thread bootstrapThread;
  private volatile boolean closed;
  private volatile int version;

  /** Returns the backend named {@code name} in the config; nothing is opened until start. */
  public OpenSearchStorage(String name, ElasticsearchConfig config) {
    this(name, config, BulkWriter.DEFAULT_DRAIN_TIMEOUT);
  }

  /** Same, with the bounded wait for queued documents at shutdown (default 30 s). */
  public OpenSearchStorage(String name, ElasticsearchConfig config, Duration drainTimeout) {
    this.name = requireNonNull(name, "name");
    this.config = requireNonNull(config, "config");
    this.drainTimeout = requireNonNull(drainTimeout, "drainTimeout");
    this.serviceCache = new ServiceCache(config.serviceCacheTtl(), System::nanoTime);
    this.reader = new OpenSearchTraceReader(config, () -> client, urls(), Clock.systemUTC());
  }

  @Override
  public String kind() {
    return config.flavor().key();
  }

  /** Returns the settings this backend was made with; readers use them too. */
  public ElasticsearchConfig config() {
    return config;
  }

  /** Returns the client, for readers; null before {@link #start}. */
  @Nullable
  public OpenSearchClient client() {
    return client;
  }

  /** Returns what sets the requests' {@code Authorization} header; null before start, for tests. */
  @Nullable
  AuthHeaders authHeaders() {
    return auth;
  }

  /** Returns true once the version is known and the templates are in place. */
  public boolean isReady() {
    return ready.isDone();
  }

  /** Returns the major version the mappings follow (7 for OpenSearch); 0 until ready. */
  public int version() {
    return version;
  }

  @Override
  public Future<Void> start(StatusReporter status) {
    // Building the client loads and wires many classes and reads key and tag files: seconds on
    // a busy machine, so it runs on the bootstrap thread, never on the caller's event loop.
    Promise<Void> firstAttempt = Promise.promise();
    bootstrapThread = new Thread(() -> {
      if (initialize(firstAttempt)) {
        bootstrapLoop(new SearchBootstrap(name, config, client), status, firstAttempt);
      }
    }, "sluice-storage-bootstrap-" + name);
    bootstrapThread.setDaemon(true);
    bootstrapThread.start();
    return firstAttempt.future();
  }

  /** Creates the client and the renderer; fails {@code first} and returns false if it cannot. */
  private boolean initialize(Promise<Void> first) {
    try {
      auth = AuthHeaders.create(name, config);
      client = SearchClients.create(config, auth);
      renderer = new DocumentRenderer(
          new SpanDocumentWriter(tagsAsFields()), IndexNamer.of(config), serviceCache);
      return true;
    } catch (IOException | RuntimeException e) {
      first.tryFail(new IllegalStateException(
          "failed to initialize storage '" + name + "': " + e.getMessage(), e));
      return false;
    }
  }

  @Override
  public TraceWriter createWriter(WriterOptions options) {
    if (renderer == null) {
      throw new IllegalStateException("storage '" + name + "' is not started");
    }
    BulkWriter writer = new BulkWriter(new HttpBulkTransport(client, urls()), ready, renderer,
        serviceCache, config.bulkProcessing(), options, drainTimeout);
    writer.start();
    writers.add(writer);
    return writer;
  }

  /**
   * Returns the reader, which shares this backend's client (nodes, credentials, TLS, timeout).
   * Reads before the client exists fail; reads while the engine is unreachable fail with the
   * connection error.
   */
  @Override
  public TraceReader reader() {
    return reader;
  }

  @Override
  public Future<Void> shutdown() {
    closed = true;
    if (bootstrapThread != null) {
      bootstrapThread.interrupt();
    }
    if (client != null) {
      try {
        client._transport().close();
      } catch (IOException e) {
        log.warn("jaeger_storage '{}': closing the client to {} failed", name, urls(), e);
      }
    }
    if (auth != null) {
      auth.close();
    }
    return Future.succeededFuture();
  }

  private void bootstrapLoop(
      SearchBootstrap bootstrap, StatusReporter status, Promise<Void> first) {
    boolean failing = false;
    for (int attempt = 1; !closed; attempt++) {
      try {
        version = bootstrap.run();
        ready.complete(null);
        if (failing) {
          log.info("jaeger_storage '{}': {} is reachable now; queued writes proceed", name, urls());
          status.report(ComponentStatus.OK, null);
        }
        first.tryComplete();
        return;
      } catch (IOException | RuntimeException e) {
        if (!failing) {
          failing = true;
          log.warn("jaeger_storage '{}': {} storage at {} is not usable: {}; the collector runs"
              + " on, writes wait in the queue and setup is retried in the background", name,
              kind(), urls(), cause(e));
          status.report(ComponentStatus.RECOVERABLE_ERROR, e);
        } else {
          log.debug("jaeger_storage '{}': setup attempt {} failed: {}", name, attempt, cause(e));
        }
        first.tryComplete();
      }
      if (!sleep(BOOTSTRAP_BACKOFF.delay(attempt))) {
        return;
      }
    }
  }

  private TagsAsFields tagsAsFields() throws IOException {
    io.sluice.storage.config.TagsAsFields c = config.tagsAsFields();
    StringBuilder include = new StringBuilder(c.include());
    if (!c.configFile().isEmpty()) {
      try {
        for (String line : Files.readAllLines(Path.of(c.configFile()), StandardCharsets.UTF_8)) {
          include.append(',').append(line.trim());
        }
      } catch (IOException e) {
        throw new IOException("cannot read tags_as_fields::config_file \"" + c.configFile()
            + "\": " + e, e);
      }
    }
    return TagsAsFields.of(c.all(), include.toString(), c.dotReplacement());
  }

  /** Returns the server URLs for log lines, with any credentials in them redacted. */
  private String urls() {
    return Urls.redactAll(config.serverUrls());
  }

  private static String cause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private static boolean sleep(Duration delay) {
    try {
      TimeUnit.NANOSECONDS.sleep(delay.toNanos());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
