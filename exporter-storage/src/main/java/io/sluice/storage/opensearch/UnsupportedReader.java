package io.sluice.storage.opensearch;

import io.sluice.storage.model.JaegerSpan;
import io.sluice.storage.read.DependencyLink;
import io.sluice.storage.read.Operation;
import io.sluice.storage.read.TraceId;
import io.sluice.storage.read.TraceQuery;
import io.sluice.storage.read.TraceReader;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.annotation.Nullable;

/** A reader whose every call fails: reading Elasticsearch/OpenSearch is not written yet. */
enum UnsupportedReader implements TraceReader {
  INSTANCE;

  private static <T> Future<T> fail() {
    return Future.failedFuture("reading traces from Elasticsearch/OpenSearch is not supported yet");
  }

  @Override
  public Future<List<String>> services() {
    return fail();
  }

  @Override
  public Future<List<Operation>> operations(String service, @Nullable String spanKind) {
    return fail();
  }

  @Override
  public Future<List<JaegerSpan>> trace(TraceId id) {
    return fail();
  }

  @Override
  public Future<List<List<JaegerSpan>>> findTraces(TraceQuery query) {
    return fail();
  }

  @Override
  public Future<List<DependencyLink>> dependencies(Instant end, Duration lookback) {
    return fail();
  }
}
