package io.sluice.query.adjust;

import static io.sluice.query.adjust.TestSpans.TRACE;
import static io.sluice.query.adjust.TestSpans.span;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.storage.model.SpanRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class ZipkinSpanIdUniquifierTest {
  @Test
  void serverSharingTheClientIdGetsTheFirstFreeIdAndTheClientAsParent() {
    List<AdjustableSpan> spans = TestSpans.spans(
        span(0x10).kind("server"),
        span(0x20).childOf(0x10).kind("client"),
        span(0x20).childOf(0x10).kind("server"),
        span(0x30).childOf(0x20));

    new ZipkinSpanIdUniquifier().adjust(spans);

    assertThat(spans).extracting(AdjustableSpan::spanId).containsExactly(0x10L, 0x20L, 1L, 0x30L);
    assertThat(spans.get(2).references())
        .containsExactly(new SpanRef(SpanRef.RefType.CHILD_OF, 0, TRACE, 0x20));
    assertThat(spans.get(3).references())
        .containsExactly(new SpanRef(SpanRef.RefType.CHILD_OF, 0, TRACE, 1));
    assertThat(spans.get(1).references())
        .containsExactly(new SpanRef(SpanRef.RefType.CHILD_OF, 0, TRACE, 0x10));
  }

  @Test
  void serverWithItsOwnIdIsLeftAlone() {
    List<AdjustableSpan> spans = TestSpans.spans(span(1).kind("client"), span(2).kind("server"));

    new ZipkinSpanIdUniquifier().adjust(spans);

    assertThat(spans).extracting(AdjustableSpan::spanId).containsExactly(1L, 2L);
    assertThat(spans).allSatisfy(s -> assertThat(s.warnings()).isNull());
  }
}
