package io.sluice.collector.e2e;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The user's load, through the OpenTelemetry Java SDK as a real app sends it: per trace, an HTTP
 * server span {@code /ping/GRM} (Gin) with a redis {@code ping} and a mysql {@code gorm.Raw}
 * client child, each with its instrumentation scope, exported by a BatchSpanProcessor over
 * OTLP/HTTP protobuf.
 *
 * <p>Start times are fixed per trace (a base time plus the trace index in ms) so the stored
 * documents can be predicted exactly; the SDK picks the ids.
 */
final class UserLoad implements AutoCloseable {
  static final String SERVICE = "grm-service";
  static final String GIN_SCOPE =
      "go.opentelemetry.io/contrib/instrumentation/github.com/gin-gonic/gin/otelgin";
  static final String REDIS_SCOPE = "github.com/redis/go-redis/extra/redisotel";
  static final String GORM_SCOPE = "gorm.io/plugin/opentelemetry";
  static final String SCOPE_VERSION = "0.57.0";

  /** 2024-12-17T10:00:00Z: every span of the load lands in the same daily index. */
  static final long BASE_NANOS = 1_734_429_600_000_000_000L;

  private final CountingExporter exporter;
  private final SdkTracerProvider provider;
  private final List<SpanData> finished = Collections.synchronizedList(new ArrayList<>());

  UserLoad(String endpoint) {
    this.exporter = new CountingExporter(OtlpHttpSpanExporter.builder()
        .setEndpoint(endpoint + "/v1/traces")
        .setTimeout(Duration.ofSeconds(30))
        .build(), finished);
    this.provider = SdkTracerProvider.builder()
        .setResource(Resource.create(Attributes.builder()
            .put("service.name", SERVICE)
            .put("telemetry.sdk.language", "java")
            .put("host.name", "bench-host")
            .build()))
        .addSpanProcessor(BatchSpanProcessor.builder(exporter)
            .setScheduleDelay(Duration.ofMillis(50))
            .setMaxExportBatchSize(512)
            .setMaxQueueSize(65_536)
            .build())
        .build();
  }

  /** Sends {@code traces} traces; returns when every span has ended (not yet exported). */
  void send(int traces) {
    Tracer gin = tracer(GIN_SCOPE);
    Tracer redis = tracer(REDIS_SCOPE);
    Tracer gorm = tracer(GORM_SCOPE);
    for (int i = 0; i < traces; i++) {
      sendTrace(gin, redis, gorm, BASE_NANOS + i * 1_000_000L);
    }
  }

  private Tracer tracer(String scope) {
    return provider.tracerBuilder(scope).setInstrumentationVersion(SCOPE_VERSION).build();
  }

  private static void sendTrace(Tracer gin, Tracer redis, Tracer gorm, long start) {
    Span server = gin.spanBuilder("/ping/GRM")
        .setSpanKind(SpanKind.SERVER)
        .setStartTimestamp(start, TimeUnit.NANOSECONDS)
        .setAllAttributes(serverAttributes())
        .startSpan();
    Context parent = Context.root().with(server);
    redis.spanBuilder("ping")
        .setParent(parent)
        .setSpanKind(SpanKind.CLIENT)
        .setStartTimestamp(start + 100_000, TimeUnit.NANOSECONDS)
        .setAllAttributes(Attributes.builder()
            .put("db.system", "redis")
            .put("db.statement", "ping")
            .put("net.peer.name", "redis")
            .put(AttributeKey.longKey("net.peer.port"), 6379L)
            .build())
        .startSpan()
        .end(start + 180_500, TimeUnit.NANOSECONDS);
    gorm.spanBuilder("gorm.Raw")
        .setParent(parent)
        .setSpanKind(SpanKind.CLIENT)
        .setStartTimestamp(start + 200_000, TimeUnit.NANOSECONDS)
        .setAllAttributes(Attributes.builder()
            .put("db.system", "mysql")
            .put("db.statement", "SELECT 1")
            .put(AttributeKey.longKey("db.rows_affected"), 1L)
            .put("server.address", "mysql")
            .put(AttributeKey.longKey("server.port"), 3306L)
            .build())
        .startSpan()
        .end(start + 650_000, TimeUnit.NANOSECONDS);
    server.end(start + 700_000, TimeUnit.NANOSECONDS);
  }

  private static Attributes serverAttributes() {
    return Attributes.builder()
        .put("http.method", "GET")
        .put("http.scheme", "http")
        .put("net.host.name", "localhost")
        .put(AttributeKey.longKey("net.host.port"), 8080L)
        .put("http.route", "/ping/GRM")
        .put("http.target", "/ping/GRM")
        .put("user_agent.original", "Go-http-client/1.1")
        .put(AttributeKey.longKey("http.status_code"), 200L)
        .build();
  }

  /** Flushes the client's queue and waits for the last export. */
  void flush() {
    provider.forceFlush().join(60, TimeUnit.SECONDS);
  }

  /** Returns the spans the collector answered 2xx for. */
  long exportedSpans() {
    return exporter.exported.get();
  }

  /** Returns the spans whose export failed for good in the client. */
  long failedSpans() {
    return exporter.failed.get();
  }

  /** Returns the spans exported so far, as the SDK saw them. */
  List<SpanData> finishedSpans() {
    synchronized (finished) {
      return List.copyOf(finished);
    }
  }

  @Override
  public void close() {
    provider.shutdown().join(60, TimeUnit.SECONDS);
  }

  /** Counts what the real OTLP exporter reports as exported or failed. */
  private static final class CountingExporter implements SpanExporter {
    private final SpanExporter delegate;
    private final List<SpanData> finished;
    private final AtomicLong exported = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    CountingExporter(SpanExporter delegate, List<SpanData> finished) {
      this.delegate = delegate;
      this.finished = finished;
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      CompletableResultCode result = delegate.export(spans);
      result.whenComplete(() -> {
        if (result.isSuccess()) {
          exported.addAndGet(spans.size());
          finished.addAll(spans);
        } else {
          failed.addAndGet(spans.size());
        }
      });
      return result;
    }

    @Override
    public CompletableResultCode flush() {
      return delegate.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
      return delegate.shutdown();
    }
  }
}
