package io.sluice.query.adjust;

import static io.sluice.query.adjust.TestSpans.span;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.storage.model.KeyValue;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpanHashDeduperTest {
  @Test
  void keepsTheFirstOfIdenticalSpansOnly() {
    List<AdjustableSpan> spans = TestSpans.spans(
        span(1).tag(KeyValue.string("k", "v")),
        span(2),
        span(1).tag(KeyValue.string("k", "v")),
        span(1).tag(KeyValue.string("k", "other")));

    List<AdjustableSpan> kept = new SpanHashDeduper().adjust(spans);

    assertThat(kept).containsExactly(spans.get(0), spans.get(1), spans.get(3));
    assertThat(kept.get(0)).isSameAs(spans.get(0));
  }
}
