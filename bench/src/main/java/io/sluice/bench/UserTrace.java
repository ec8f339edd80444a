package io.sluice.bench;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Context;
import java.util.concurrent.TimeUnit;

/**
 * Emits one request of the user's Go service: a Gin SERVER span {@code /ping/GRM} with a redis
 * {@code ping} and a gorm {@code gorm.Raw} mysql CLIENT child, each under the instrumentation
 * scope and with the attributes that library's OpenTelemetry plugin records.
 *
 * <p>Timestamps are the caller's (normally the wall clock), so documents land in today's
 * index: the redis call starts 100 µs into the request and takes 80.5 µs, the query starts
 * 100 µs later and takes 450 µs, and the request ends after 700 µs.
 */
public final class UserTrace {
  /** Spans in one trace. */
  public static final int SPANS_PER_TRACE = 3;
  /** The Gin middleware's scope. */
  public static final String GIN_SCOPE =
      "go.opentelemetry.io/contrib/instrumentation/github.com/gin-gonic/gin/otelgin";
  /** The go-redis hook's scope. */
  public static final String REDIS_SCOPE = "github.com/redis/go-redis/extra/redisotel";
  /** The gorm plugin's scope. */
  public static final String GORM_SCOPE = "gorm.io/plugin/opentelemetry";
  /** The scope version the three tracers report. */
  public static final String SCOPE_VERSION = "0.57.0";
  /** The server span's name, Gin's route. */
  public static final String ROUTE = "/ping/GRM";

  private static final long REDIS_START_NANOS = 100_000;
  private static final long REDIS_END_NANOS = 180_500;
  private static final long QUERY_START_NANOS = 200_000;
  private static final long QUERY_END_NANOS = 650_000;
  private static final long REQUEST_END_NANOS = 700_000;

  private static final Attributes SERVER_ATTRIBUTES = Attributes.builder()
      .put("http.method", "GET")
      .put("http.scheme", "http")
      .put("net.host.name", "localhost")
      .put(AttributeKey.longKey("net.host.port"), 8080L)
      .put("net.sock.peer.addr", "127.0.0.1")
      .put("http.route", ROUTE)
      .put("http.target", ROUTE)
      .put("user_agent.original", "Go-http-client/1.1")
      .put(AttributeKey.longKey("http.status_code"), 200L)
      .build();
  private static final Attributes REDIS_ATTRIBUTES = Attributes.builder()
      .put("db.system", "redis")
      .put("db.statement", "ping")
      .put("net.peer.name", "redis")
      .put(AttributeKey.longKey("net.peer.port"), 6379L)
      .put("db.connection_string", "redis://redis:6379")
      .build();
  private static final Attributes QUERY_ATTRIBUTES = Attributes.builder()
      .put("db.system", "mysql")
      .put("db.statement", "SELECT 1")
      .put(AttributeKey.longKey("db.rows_affected"), 1L)
      .put("server.address", "mysql")
      .put(AttributeKey.longKey("server.port"), 3306L)
      .build();

  private final Tracer gin;
  private final Tracer redis;
  private final Tracer gorm;

  /** Creates the emitter with the three libraries' tracers from {@code provider}. */
  public UserTrace(TracerProvider provider) {
    this.gin = tracer(provider, GIN_SCOPE);
    this.redis = tracer(provider, REDIS_SCOPE);
    this.gorm = tracer(provider, GORM_SCOPE);
  }

  /** Starts and ends the trace's three spans, the request starting at {@code startEpochNanos}. */
  public void emit(long startEpochNanos) {
    Span server = gin.spanBuilder(ROUTE)
        .setSpanKind(SpanKind.SERVER)
        .setStartTimestamp(startEpochNanos, TimeUnit.NANOSECONDS)
        .setAllAttributes(SERVER_ATTRIBUTES)
        .startSpan();
    Context request = Context.root().with(server);
    child(redis, "ping", request, REDIS_ATTRIBUTES,
        startEpochNanos + REDIS_START_NANOS, startEpochNanos + REDIS_END_NANOS);
    child(gorm, "gorm.Raw", request, QUERY_ATTRIBUTES,
        startEpochNanos + QUERY_START_NANOS, startEpochNanos + QUERY_END_NANOS);
    server.end(startEpochNanos + REQUEST_END_NANOS, TimeUnit.NANOSECONDS);
  }

  private static void child(Tracer tracer, String name, Context parent, Attributes attributes,
      long startNanos, long endNanos) {
    tracer.spanBuilder(name)
        .setParent(parent)
        .setSpanKind(SpanKind.CLIENT)
        .setStartTimestamp(startNanos, TimeUnit.NANOSECONDS)
        .setAllAttributes(attributes)
        .startSpan()
        .end(endNanos, TimeUnit.NANOSECONDS);
  }

  private static Tracer tracer(TracerProvider provider, String scope) {
    return provider.tracerBuilder(scope).setInstrumentationVersion(SCOPE_VERSION).build();
  }
}
