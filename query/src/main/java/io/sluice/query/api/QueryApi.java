package io.sluice.query.api;

import static java.util.Objects.requireNonNull;

import io.sluice.pipeline.go.GoStrconv;
import io.sluice.pipeline.log.RateLimitedLog;
import io.sluice.query.adjust.Adjuster;
import io.sluice.query.api.ApiResponses.TraceError;
import io.sluice.query.api.QueryParser.DependenciesWindow;
import io.sluice.query.api.QueryParser.Search;
import io.sluice.storage.es.JsonBuffer;
import io.sluice.storage.model.JaegerSpan;
import io.sluice.storage.read.DependencyLink;
import io.sluice.storage.read.Operation;
import io.sluice.storage.read.TraceId;
import io.sluice.storage.read.TraceReader;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Jaeger query HTTP API of {@code jaeger_query} (spec jaeger-storage-query.md §7.1): the
 * routes under {@code /api}, answered from a {@link TraceReader} as Jaeger v2.1.0 answers them.
 *
 * <p>Handlers run on the event loop and never block it: storage calls return futures, and the
 * trace answers, whose size grows with the spans, are adjusted and encoded on a worker thread.
 * Where Jaeger's order is random (traces, operation names, dependency links) the answer here is
 * sorted, so that it is the same on every call.
 */
public final class QueryApi {
  private static final Logger LOG = LoggerFactory.getLogger(QueryApi.class);
  private static final String TRACE_NOT_FOUND = "trace not found";
  private static final String NO_ARCHIVE = "archive span storage was not configured";
  private static final String METRICS_DISABLED = "metrics querying is currently disabled";

  private final String componentId;
  private final TraceReader reader;
  private final QueryParser parser;
  private final TraceRenderer renderer;
  /** Threads that build answers at once; each holds at most one answer's bytes. */
  private static final int RENDER_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());
  private volatile WorkerExecutor renderPool;
  private final RateLimitedLog errorLog = RateLimitedLog.of(5, Duration.ofMinutes(1));

  /**
   * Returns the API over {@code reader}.
   *
   * @param componentId the extension's id, for log lines
   * @param parser reads parameters; its clock gives the default search window
   * @param adjusters the adjusters run on traces unless {@code raw=true}
   */
  /**
   * Returns the pool that adjusts and encodes traces: a few threads of its own, so that large
   * answers neither wait behind nor delay the OTLP receiver's decoding on Vert.x's shared
   * worker pool, and at most {@link #RENDER_THREADS} answers are being built at once.
   */
  private WorkerExecutor renderPool(Context context) {
    WorkerExecutor pool = renderPool;
    if (pool == null) {
      synchronized (this) {
        if (renderPool == null) {
          renderPool = context.owner().createSharedWorkerExecutor(
              "sluice-query-render", RENDER_THREADS);
        }
        pool = renderPool;
      }
    }
    return pool;
  }

  public QueryApi(String componentId, TraceReader reader, QueryParser parser,
      List<Adjuster> adjusters) {
    this.componentId = requireNonNull(componentId, "componentId");
    this.reader = requireNonNull(reader, "reader");
    this.parser = requireNonNull(parser, "parser");
    this.renderer = new TraceRenderer(List.copyOf(adjusters));
  }

  /**
   * Adds the API's routes to {@code router} under {@code prefix} (e.g. {@code /jaeger/api}).
   * A known path called with another method gets Jaeger's bare 405; an unknown path under the
   * prefix gets Go's {@code 404 page not found}.
   */
  public void register(Router router, String prefix) {
    route(router, HttpMethod.GET, prefix + "/traces/:traceID", this::trace);
    route(router, HttpMethod.POST, prefix + "/archive/:traceID", this::archive);
    route(router, HttpMethod.GET, prefix + "/traces", this::search);
    route(router, HttpMethod.GET, prefix + "/services", this::services);
    route(router, HttpMethod.GET, prefix + "/operations", this::operations);
    route(router, HttpMethod.GET, prefix + "/services/:service/operations",
        this::operationNames);
    route(router, HttpMethod.GET, prefix + "/dependencies", this::dependencies);
    route(router, HttpMethod.GET, prefix + "/metrics/latencies", ctx -> metrics(ctx, true));
    route(router, HttpMethod.GET, prefix + "/metrics/calls", ctx -> metrics(ctx, false));
    route(router, HttpMethod.GET, prefix + "/metrics/errors", ctx -> metrics(ctx, false));
    route(router, HttpMethod.GET, prefix + "/metrics/minstep", this::minStep);
    router.route(prefix + "/*").handler(ctx -> ApiResponses.sendPlainText(
        ctx.response(), 404, "404 page not found\n"));
  }

  private void route(Router router, HttpMethod method, String path,
      Handler<RoutingContext> handler) {
    router.route(method, path).handler(ctx -> guarded(ctx, handler));
    router.route(path).handler(ctx -> ctx.response().setStatusCode(405).end());
  }

  private void guarded(RoutingContext ctx, Handler<RoutingContext> handler) {
    try {
      handler.handle(ctx);
    } catch (ApiException e) {
      fail(ctx, e.status(), e.getMessage());
    } catch (RuntimeException e) {
      fail(ctx, 500, String.valueOf(e.getMessage()));
    }
  }

  private void services(RoutingContext ctx) {
    call(ctx, reader.services(), services -> {
      JsonBuffer out = ApiResponses.begin(64 + services.size() * 32);
      writeStrings(out, services);
      return ApiResponses.end(out, services.size(), null);
    });
  }

  private void operations(RoutingContext ctx) {
    String service = params(ctx).first("service");
    if (service.isEmpty()) {
      throw ApiException.badRequest("parameter 'service' is required");
    }
    String spanKind = params(ctx).first("spanKind");
    call(ctx, reader.operations(service, spanKind), operations -> {
      JsonBuffer out = ApiResponses.begin(64 + operations.size() * 48);
      out.writeByte('[');
      for (int i = 0; i < operations.size(); i++) {
        Operation op = operations.get(i);
        out.writeAscii(i == 0 ? "{\"name\":" : ",{\"name\":").writeString(op.name());
        out.writeAscii(",\"spanKind\":").writeString(op.spanKind()).writeByte('}');
      }
      out.writeByte(']');
      return ApiResponses.end(out, operations.size(), null);
    });
  }

  /**
   * The legacy {@code /api/services/{service}/operations}: unique names, sorted here (Jaeger's
   * come from a map), and {@code null} rather than {@code []} when there is none, as Jaeger.
   */
  private void operationNames(RoutingContext ctx) {
    String service = queryUnescape(rawSegment(ctx, 2));
    call(ctx, reader.operations(service, null), operations -> {
      TreeSet<String> names = new TreeSet<>();
      operations.forEach(op -> names.add(op.name()));
      JsonBuffer out = ApiResponses.begin(64 + names.size() * 32);
      if (names.isEmpty()) {
        out.writeAscii("null");
      } else {
        writeStrings(out, List.copyOf(names));
      }
      return ApiResponses.end(out, names.size(), null);
    });
  }

  private void trace(RoutingContext ctx) {
    TraceId id = pathTraceId(ctx);
    boolean adjust = !parseBoolOrFalse(params(ctx).first("raw"));
    Context context = ctx.vertx().getOrCreateContext();
    onContext(context, reader.trace(id)).onComplete(ar -> {
      if (ar.failed()) {
        fail(ctx, 500, message(ar.cause()));
      } else if (ar.result().isEmpty()) {
        fail(ctx, 404, TRACE_NOT_FOUND);
      } else {
        renderTraces(ctx, context, List.of(ar.result()), adjust, null);
      }
    });
  }

  private void search(RoutingContext ctx) {
    Search search = parser.search(params(ctx));
    Context context = ctx.vertx().getOrCreateContext();
    if (!search.traceIds().isEmpty()) {
      tracesByIds(ctx, context, search.traceIds());
      return;
    }
    onContext(context, reader.findTraces(search.query())).onComplete(ar -> {
      if (ar.failed()) {
        fail(ctx, 500, message(ar.cause()));
        return;
      }
      List<List<JaegerSpan>> traces = new ArrayList<>(ar.result());
      traces.removeIf(List::isEmpty);
      traces.sort(TraceRenderer.NEWEST_FIRST);
      renderTraces(ctx, context, traces, true, null);
    });
  }

  /** Fetches each id; ids not found are listed in {@code errors} of a 200, as Jaeger does. */
  private void tracesByIds(RoutingContext ctx, Context context, List<TraceId> ids) {
    List<Future<List<JaegerSpan>>> reads = new ArrayList<>(ids.size());
    ids.forEach(id -> reads.add(reader.trace(id)));
    onContext(context, Future.all(reads)).onComplete(ar -> {
      if (ar.failed()) {
        fail(ctx, 500, message(ar.cause()));
        return;
      }
      List<List<JaegerSpan>> found = new ArrayList<>();
      List<TraceError> errors = new ArrayList<>();
      for (int i = 0; i < ids.size(); i++) {
        List<JaegerSpan> spans = reads.get(i).result();
        if (spans.isEmpty()) {
          errors.add(new TraceError(TRACE_NOT_FOUND, ids.get(i).toHex()));
        } else {
          found.add(spans);
        }
      }
      renderTraces(ctx, context, found, true, errors.isEmpty() ? null : errors);
    });
  }

  private void renderTraces(RoutingContext ctx, Context context, List<List<JaegerSpan>> traces,
      boolean adjust, List<TraceError> errors) {
    boolean pretty = prettyPrint(ctx);
    renderPool(context).executeBlocking(() -> ApiResponses.body(
        renderer.render(traces, adjust, errors), pretty), false).onComplete(ar -> {
          if (ar.succeeded()) {
            ApiResponses.sendJson(ctx.response(), ar.result());
          } else {
            fail(ctx, 500, "failed writing HTTP response: failed marshalling HTTP response to "
                + "JSON: " + message(ar.cause()));
          }
        });
  }

  private void dependencies(RoutingContext ctx) {
    DependenciesWindow window = parser.dependencies(params(ctx));
    String service = params(ctx).first("service");
    Instant end = Instant.ofEpochSecond(0, window.endNanos());
    Duration lookback = Duration.ofNanos(window.lookbackNanos());
    call(ctx, reader.dependencies(end, lookback), links -> {
      Map<String, Map<String, Long>> calls = new TreeMap<>();
      for (DependencyLink link : links) {
        if (service.isEmpty() || link.parent().equals(service) || link.child().equals(service)) {
          calls.computeIfAbsent(link.parent(), p -> new TreeMap<>())
              .merge(link.child(), link.callCount(), Long::sum);
        }
      }
      JsonBuffer out = ApiResponses.begin(64 + links.size() * 64);
      out.writeByte('[');
      int written = 0;
      for (Map.Entry<String, Map<String, Long>> parent : calls.entrySet()) {
        for (Map.Entry<String, Long> child : parent.getValue().entrySet()) {
          out.writeAscii(written++ == 0 ? "{\"parent\":" : ",{\"parent\":");
          out.writeString(parent.getKey()).writeAscii(",\"child\":").writeString(child.getKey());
          out.writeAscii(",\"callCount\":").writeUnsignedLong(child.getValue()).writeByte('}');
        }
      }
      out.writeByte(']');
      return ApiResponses.end(out, 0, null);
    });
  }

  /** Without archive storage Jaeger answers every archive request 500, after the id check. */
  private void archive(RoutingContext ctx) {
    pathTraceId(ctx);
    fail(ctx, 500, NO_ARCHIVE);
  }

  /** Without metrics storage (SPM) Jaeger checks the parameters, then answers 501. */
  private void metrics(RoutingContext ctx, boolean latencies) {
    parser.metrics(params(ctx), latencies);
    fail(ctx, 501, METRICS_DISABLED);
  }

  private void minStep(RoutingContext ctx) {
    fail(ctx, 501, METRICS_DISABLED);
  }

  /** Answers with {@code encode(result)} when {@code future} succeeds, else 500. */
  private <T> void call(RoutingContext ctx, Future<T> future, Function<T, JsonBuffer> encode) {
    boolean pretty = prettyPrint(ctx);
    onContext(ctx.vertx().getOrCreateContext(), future).onComplete(ar -> {
      if (ar.failed()) {
        fail(ctx, 500, message(ar.cause()));
        return;
      }
      Buffer body;
      try {
        body = ApiResponses.body(encode.apply(ar.result()), pretty);
      } catch (RuntimeException e) {
        fail(ctx, 500, message(e));
        return;
      }
      ApiResponses.sendJson(ctx.response(), body);
    });
  }

  private void fail(RoutingContext ctx, int status, String message) {
    if (status == 500) {
      long skipped = errorLog.admit();
      if (skipped >= 0) {
        LOG.warn("extension {}: {} {} failed: {}{}", componentId, ctx.request().method(),
            ctx.request().path(), message,
            skipped > 0 ? " (" + skipped + " similar lines left out)" : "");
      }
    }
    ApiResponses.sendError(ctx.response(), status, message);
  }

  /** Parses the trace id of {@code /traces/{id}} or {@code /archive/{id}}, undecoded. */
  private static TraceId pathTraceId(RoutingContext ctx) {
    try {
      return QueryParser.traceId(rawSegment(ctx, 1));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  /**
   * Returns the path segment {@code fromEnd} places from the end (1 is the last), as received:
   * Jaeger's router works on the encoded path.
   */
  private static String rawSegment(RoutingContext ctx, int fromEnd) {
    String[] segments = ctx.request().path().split("/", -1);
    return segments[segments.length - fromEnd];
  }

  /** Decodes as Go's {@code url.QueryUnescape} ({@code +} is a space); "" when malformed. */
  private static String queryUnescape(String raw) {
    try {
      return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  /** Returns the request's query parameters, parsed once per request as Go parses them. */
  private static QueryParams params(RoutingContext ctx) {
    QueryParams params = ctx.get(QueryParams.class.getName());
    if (params == null) {
      params = QueryParams.parse(ctx.request().query());
      ctx.put(QueryParams.class.getName(), params);
    }
    return params;
  }

  private static boolean prettyPrint(RoutingContext ctx) {
    String value = params(ctx).first("prettyPrint");
    return !value.isEmpty() && !value.equals("false");
  }

  private static boolean parseBoolOrFalse(String value) {
    try {
      return GoStrconv.parseBool(value);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static void writeStrings(JsonBuffer out, List<String> values) {
    out.writeByte('[');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.writeByte(',');
      }
      out.writeString(values.get(i));
    }
    out.writeByte(']');
  }

  private static String message(Throwable cause) {
    return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getName();
  }

  /**
   * Returns {@code future} completing on {@code context}, whichever thread completes the
   * storage's future, so that handlers always continue on the request's event loop.
   */
  private static <T> Future<T> onContext(Context context, Future<T> future) {
    Promise<T> promise = Promise.promise();
    future.onComplete(ar -> {
      if (Vertx.currentContext() == context) {
        promise.handle(ar);
      } else {
        context.runOnContext(v -> promise.handle(ar));
      }
    });
    return promise.future();
  }
}
