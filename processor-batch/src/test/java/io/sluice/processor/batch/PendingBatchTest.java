package io.sluice.processor.batch;

import static io.sluice.processor.batch.TestTraces.expectedNames;
import static io.sluice.processor.batch.TestTraces.resource;
import static io.sluice.processor.batch.TestTraces.scope;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.sluice.pipeline.Traces;
import java.util.List;
import org.junit.jupiter.api.Test;

class PendingBatchTest {
  private final PendingBatch pending = new PendingBatch();

  @Test
  void noCapTakesEverything() {
    pending.add(Traces.of(List.of(resource("svc", scope("s", "a", 0, 30)))));

    Traces batch = pending.take(0);

    assertThat(TestTraces.names(batch)).isEqualTo(expectedNames("a", 0, 30));
    assertThat(pending.spanCount()).isZero();
  }

  @Test
  void batchAtTheCapIsNotSplit() {
    ResourceSpans rs = resource("svc", scope("s", "a", 0, 10));
    pending.add(Traces.of(List.of(rs)));

    assertThat(pending.take(10).resourceSpans()).containsExactly(rs);
  }

  @Test
  void splitAtAResourceBoundaryMovesWholeResources() {
    ResourceSpans first = resource("svc-1", scope("s", "a", 0, 3));
    ResourceSpans second = resource("svc-2", scope("s", "a", 3, 3));
    pending.add(Traces.of(List.of(first, second)));

    Traces batch = pending.take(3);

    assertThat(batch.resourceSpans()).containsExactly(first);
    assertThat(pending.spanCount()).isEqualTo(3);
    assertThat(pending.take(3).resourceSpans()).containsExactly(second);
  }

  @Test
  void splitAtAScopeBoundaryMovesWholeScopesAndCopiesTheResource() {
    ScopeSpans s1 = scope("s1", "a", 0, 2);
    ScopeSpans s2 = scope("s2", "a", 2, 3);
    ResourceSpans rs = resource("svc", s1, s2);
    pending.add(Traces.of(List.of(rs)));

    ResourceSpans head = pending.take(2).resourceSpans().get(0);
    ResourceSpans tail = pending.take(0).resourceSpans().get(0);

    assertThat(head.getScopeSpansList()).containsExactly(s1);
    assertThat(tail.getScopeSpansList()).containsExactly(s2);
    assertThat(head.getResource()).isEqualTo(rs.getResource());
    assertThat(tail.getResource()).isEqualTo(rs.getResource());
    assertThat(head.getSchemaUrl()).isEqualTo(rs.getSchemaUrl());
    assertThat(tail.getSchemaUrl()).isEqualTo(rs.getSchemaUrl());
  }

  @Test
  void splitInsideAScopeCopiesResourceAndScope() {
    ScopeSpans s1 = scope("s1", "a", 0, 2);
    ScopeSpans s2 = scope("s2", "a", 2, 4);
    ScopeSpans s3 = scope("s3", "a", 6, 1);
    ResourceSpans rs = resource("svc", s1, s2, s3);
    pending.add(Traces.of(List.of(rs)));

    Traces first = pending.take(3);
    Traces rest = pending.take(0);

    ResourceSpans head = first.resourceSpans().get(0);
    assertThat(first.resourceSpans()).hasSize(1);
    assertThat(head.getResource()).isEqualTo(rs.getResource());
    assertThat(head.getSchemaUrl()).isEqualTo(rs.getSchemaUrl());
    assertThat(head.getScopeSpansList()).hasSize(2);
    assertThat(head.getScopeSpans(0)).isEqualTo(s1);
    ScopeSpans cut = head.getScopeSpans(1);
    assertThat(cut.getScope()).isEqualTo(s2.getScope());
    assertThat(cut.getSchemaUrl()).isEqualTo(s2.getSchemaUrl());
    assertThat(cut.getSpansList()).isEqualTo(s2.getSpansList().subList(0, 1));

    ResourceSpans tail = rest.resourceSpans().get(0);
    assertThat(tail.getResource()).isEqualTo(rs.getResource());
    assertThat(tail.getScopeSpansList()).hasSize(2);
    assertThat(tail.getScopeSpans(0).getScope()).isEqualTo(s2.getScope());
    assertThat(tail.getScopeSpans(0).getSpansList()).isEqualTo(s2.getSpansList().subList(1, 4));
    assertThat(tail.getScopeSpans(1)).isEqualTo(s3);
    assertThat(TestTraces.names(first)).isEqualTo(expectedNames("a", 0, 3));
    assertThat(TestTraces.names(rest)).isEqualTo(expectedNames("a", 3, 4));
  }

  @Test
  void repeatedSplitsWalkTheSpansInOrder() {
    pending.add(Traces.of(List.of(
        resource("svc-1", scope("s1", "a", 0, 4), scope("s2", "a", 4, 4)),
        resource("svc-2", scope("s3", "a", 8, 5)))));

    assertThat(TestTraces.names(pending.take(5))).isEqualTo(expectedNames("a", 0, 5));
    assertThat(TestTraces.names(pending.take(5))).isEqualTo(expectedNames("a", 5, 5));
    assertThat(TestTraces.names(pending.take(5))).isEqualTo(expectedNames("a", 10, 3));
    assertThat(pending.spanCount()).isZero();
  }

  @Test
  void emptyResourcesAndScopesBeforeTheCutTravelWithTheBatch() {
    ResourceSpans empty = ResourceSpans.newBuilder().setSchemaUrl("empty").build();
    ScopeSpans emptyScope = ScopeSpans.newBuilder().setSchemaUrl("empty-scope").build();
    ResourceSpans full = resource("svc", emptyScope, scope("s", "a", 0, 4));
    pending.add(Traces.of(List.of(empty, full)));

    Traces batch = pending.take(2);

    assertThat(batch.resourceSpans().get(0)).isEqualTo(empty);
    assertThat(batch.resourceSpans().get(1).getScopeSpans(0)).isEqualTo(emptyScope);
    assertThat(batch.spanCount()).isEqualTo(2);
    assertThat(pending.spanCount()).isEqualTo(2);
  }
}
