package io.sluice.processor.batch;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.sluice.pipeline.Traces;
import java.util.ArrayList;
import java.util.List;

/** Builds real OTLP traces whose span names encode {@code producer:sequence}. */
final class TestTraces {
  private TestTraces() {}

  /** Returns one resource (service {@code producer}) with one scope of {@code count} spans. */
  static Traces spans(String producer, int firstSequence, int count) {
    return Traces.of(List.of(resource(producer, scope("lib", producer, firstSequence, count))));
  }

  /** Returns a resource for service {@code service} holding the given scopes. */
  static ResourceSpans resource(String service, ScopeSpans... scopes) {
    return ResourceSpans.newBuilder()
        .setResource(Resource.newBuilder().addAttributes(KeyValue.newBuilder()
            .setKey("service.name")
            .setValue(AnyValue.newBuilder().setStringValue(service))))
        .setSchemaUrl("https://opentelemetry.io/schemas/1.24.0")
        .addAllScopeSpans(List.of(scopes))
        .build();
  }

  /** Returns a scope named {@code scopeName} with spans {@code producer:first..}. */
  static ScopeSpans scope(String scopeName, String producer, int firstSequence, int count) {
    ScopeSpans.Builder b = ScopeSpans.newBuilder()
        .setScope(InstrumentationScope.newBuilder().setName(scopeName).setVersion("1.0"))
        .setSchemaUrl("https://opentelemetry.io/schemas/scope/" + scopeName);
    for (int i = 0; i < count; i++) {
      b.addSpans(span(producer, firstSequence + i));
    }
    return b.build();
  }

  /** Returns a span named {@code producer:sequence}. */
  static Span span(String producer, int sequence) {
    return Span.newBuilder().setName(producer + ":" + sequence).build();
  }

  /** Returns the span names of {@code traces}, in order. */
  static List<String> names(Traces traces) {
    List<String> names = new ArrayList<>();
    for (ResourceSpans rs : traces.resourceSpans()) {
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        for (Span span : ss.getSpansList()) {
          names.add(span.getName());
        }
      }
    }
    return names;
  }

  /** Returns the names {@code producer:first} to {@code producer:first+count-1}. */
  static List<String> expectedNames(String producer, int firstSequence, int count) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      names.add(producer + ":" + (firstSequence + i));
    }
    return names;
  }
}
