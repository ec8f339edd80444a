package io.sluice.query;

import io.sluice.pipeline.ComponentId;
import io.sluice.pipeline.Extension;
import io.sluice.pipeline.Host;
import io.sluice.query.adjust.Adjusters;
import io.sluice.query.api.QueryApi;
import io.sluice.query.api.QueryParser;
import io.sluice.query.http.ListenAddress;
import io.sluice.query.http.QueryHttpServer;
import io.sluice.storage.JaegerStorageExtension;
import io.sluice.storage.TraceStorage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Optional;
import java.util.Set;
import javax.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code jaeger_query} extension: serves the Jaeger query HTTP API and the trace viewer on
 * {@code http.endpoint} (default {@code :16686}, every interface) under {@code base_path}, read
 * from the {@code jaeger_storage} backend named by {@code storage.traces}.
 *
 * <p>Not served: the gRPC API ({@code grpc.endpoint}), archive storage (archive requests get
 * Jaeger's 500 "archive span storage was not configured") and metrics storage (the
 * {@code /api/metrics} endpoints get Jaeger's 501).
 */
final class JaegerQueryExtension implements Extension {
  private static final Logger log = LoggerFactory.getLogger(JaegerQueryExtension.class);

  private final ComponentId id;
  private final JaegerQueryConfig config;
  private final Vertx vertx;
  @Nullable private volatile QueryHttpServer server;

  JaegerQueryExtension(ComponentId id, JaegerQueryConfig config, Vertx vertx) {
    this.id = id;
    this.config = config;
    this.vertx = vertx;
  }

  @Override
  public Set<String> dependencies() {
    return Set.of("jaeger_storage");
  }

  @Override
  public Future<Void> start(Host host) {
    JaegerStorageExtension storage = host.extension(JaegerStorageExtension.class).orElse(null);
    if (storage == null) {
      return Future.failedFuture("extension " + id + " needs the jaeger_storage extension, "
          + "which is not in service::extensions");
    }
    Optional<TraceStorage> traces = storage.storage(config.tracesStorage());
    if (traces.isEmpty()) {
      return Future.failedFuture(unknownBackend(storage, "storage.traces",
          config.tracesStorage()));
    }
    String archive = config.tracesArchiveStorage();
    if (!archive.isEmpty()) {
      if (storage.storage(archive).isEmpty()) {
        return Future.failedFuture(unknownBackend(storage, "storage.traces_archive", archive));
      }
      log.warn("extension {}: storage.traces_archive \"{}\" is accepted but Sluice does not "
          + "archive traces yet; POST /api/archive answers 500", id, archive);
    }
    return serve(traces.get());
  }

  private Future<Void> serve(TraceStorage traces) {
    ListenAddress address = ListenAddress.parse(config.httpEndpoint());
    QueryApi api = new QueryApi(id.toString(), traces.reader(),
        new QueryParser(QueryParser::systemNowNanos),
        Adjusters.standard(Adjusters.MAX_CLOCK_SKEW_ADJUST));
    QueryHttpServer http = new QueryHttpServer(vertx, address, config.basePath(), api);
    server = http;
    return http.start()
        .onSuccess(v -> {
          log.info("extension {}: serving the Jaeger query API and UI on http://{}{}/", id,
              new ListenAddress(address.host(), http.actualPort()), config.basePath());
          // Jaeger also serves api_v2/api_v3 over gRPC; say once that this port stays closed.
          log.info("extension {}: the gRPC query API is not served (grpc.endpoint \"{}\" "
              + "stays closed); Jaeger UI and Grafana use the HTTP API", id,
              config.grpcEndpoint());
        })
        .recover(e -> Future.failedFuture(new IllegalStateException("extension " + id
            + ": cannot serve on " + address + " (http.endpoint \"" + config.httpEndpoint()
            + "\"): " + e.getMessage(), e)));
  }

  private String unknownBackend(JaegerStorageExtension storage, String key, String name) {
    return "extension " + id + ": " + key + " \"" + name + "\" does not name a backend of "
        + "jaeger_storage (known: " + storage.storageNames() + ")";
  }

  @Override
  public Future<Void> shutdown() {
    QueryHttpServer s = server;
    server = null;
    return s == null ? Future.succeededFuture() : s.shutdown();
  }
}
