package io.sluice.query;

import io.sluice.storage.JaegerStorageExtension;
import io.sluice.pipeline.ComponentId;
import io.sluice.pipeline.Extension;
import io.sluice.pipeline.Host;
import io.vertx.core.Future;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code jaeger_query} extension. For now it only checks that its storage backend exists
 * and says, once, that the query API is not served yet: the HTTP API and the trace viewer are
 * the next step (see the README), so a user's config that lists it still starts.
 */
final class JaegerQueryExtension implements Extension {
  private static final Logger log = LoggerFactory.getLogger(JaegerQueryExtension.class);

  private final ComponentId id;
  private final JaegerQueryConfig config;

  JaegerQueryExtension(ComponentId id, JaegerQueryConfig config) {
    this.id = id;
    this.config = config;
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
    if (storage.storage(config.tracesStorage()).isEmpty()) {
      return Future.failedFuture("extension " + id + ": storage.traces \"" + config.tracesStorage()
          + "\" does not name a backend of jaeger_storage (known: " + storage.storageNames() + ")");
    }
    log.warn("extension {}: the Jaeger query API and UI are not served by this Sluice version yet;"
        + " {} on {} stays closed", id, "http.endpoint", config.httpEndpoint());
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> shutdown() {
    return Future.succeededFuture();
  }
}
