package io.sluice.query.adjust;

import static io.sluice.query.adjust.TestSpans.span;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.storage.model.KeyValue;
import java.util.List;
import org.junit.jupiter.api.Test;

class TagSorterTest {
  @Test
  void sortsByKeyThenTypeThenValue() {
    List<AdjustableSpan> spans = TestSpans.spans(span(1)
        .tag(KeyValue.int64("b", 2))
        .tag(KeyValue.string("b", "z"))
        .tag(KeyValue.int64("b", -1))
        .tag(KeyValue.bool("a", true))
        .tag(KeyValue.string("\uffff", "bmp"))
        .tag(KeyValue.string("\ud83d\ude00", "emoji"))
        .processTag(KeyValue.string("y", "1"))
        .processTag(KeyValue.string("x", "1")));

    new TagSorter().adjust(spans);

    assertThat(spans.get(0).tags()).containsExactly(KeyValue.bool("a", true),
        KeyValue.string("b", "z"), KeyValue.int64("b", -1), KeyValue.int64("b", 2),
        KeyValue.string("\uffff", "bmp"), KeyValue.string("\ud83d\ude00", "emoji"));
    assertThat(spans.get(0).processTags())
        .containsExactly(KeyValue.string("x", "1"), KeyValue.string("y", "1"));
  }

  @Test
  void movesAStringEventFieldFirstAndSortsTheRest() {
    List<AdjustableSpan> spans = TestSpans.spans(span(1)
        .log(5, KeyValue.string("z", "1"), KeyValue.string("event", "boom"),
            KeyValue.string("a", "2"))
        .log(6, KeyValue.int64("event", 3), KeyValue.string("b", "1")));

    new TagSorter().adjust(spans);

    assertThat(spans.get(0).logs().get(0).fields()).containsExactly(
        KeyValue.string("event", "boom"), KeyValue.string("a", "2"), KeyValue.string("z", "1"));
    assertThat(spans.get(0).logs().get(1).fields())
        .containsExactly(KeyValue.string("b", "1"), KeyValue.int64("event", 3));
    assertThat(spans.get(0).logs().get(0).timestampNanos()).isEqualTo(5_000);
  }
}
