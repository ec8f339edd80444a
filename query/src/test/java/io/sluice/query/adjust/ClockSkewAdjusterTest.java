package io.sluice.query.adjust;

import static io.sluice.query.adjust.TestSpans.span;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.storage.model.KeyValue;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClockSkewAdjusterTest {
  private static final long ONE_SECOND_NANOS = 1_000_000_000L;

  @Test
  void childOnAnotherHostIsCentredInItsParentAndItsSubtreeFollows() {
    List<AdjustableSpan> spans = TestSpans.spans(
        span(1).host("10.0.0.1").start(1_000).duration(100),
        span(2).childOf(1).host("10.0.0.2").start(900).duration(50).log(910),
        span(3).childOf(2).host("10.0.0.2").start(905).duration(10));

    new ClockSkewAdjuster(ONE_SECOND_NANOS).adjust(spans);

    // latency (100 - 50) / 2 = 25 µs: the child starts 25 µs after its parent.
    assertThat(spans).extracting(AdjustableSpan::startTimeNanos)
        .containsExactly(1_000_000L, 1_025_000L, 1_030_000L);
    assertThat(spans.get(0).warnings()).isNull();
    assertThat(spans.get(1).warnings())
        .containsExactly("This span's timestamps were adjusted by 125µs");
    assertThat(spans.get(2).warnings())
        .containsExactly("This span's timestamps were adjusted by 125µs");
    assertThat(spans.get(1).logs().get(0).timestampNanos()).isEqualTo(1_035_000L);
  }

  @Test
  void longerChildIsOnlyMovedToItsParentsStart() {
    List<AdjustableSpan> spans = TestSpans.spans(
        span(1).start(1_000).duration(100),
        span(2).childOf(1).start(990).duration(500));

    new ClockSkewAdjuster(ONE_SECOND_NANOS).adjust(spans);

    assertThat(spans.get(1).startTimeNanos()).isEqualTo(1_000_000L);
  }

  @Test
  void sameHostOrFittingChildIsNotMoved() {
    List<AdjustableSpan> spans = TestSpans.spans(
        span(1).host("10.0.0.1").start(1_000).duration(100),
        span(2).childOf(1).processTag(KeyValue.int64("ip", 0x0a000001)).start(900).duration(50),
        span(3).childOf(1).host("10.0.0.3").start(1_010).duration(50));

    new ClockSkewAdjuster(ONE_SECOND_NANOS).adjust(spans);

    assertThat(spans).extracting(AdjustableSpan::startTimeNanos)
        .containsExactly(1_000_000L, 900_000L, 1_010_000L);
    assertThat(spans).allSatisfy(s -> assertThat(s.warnings()).isNull());
  }

  @Test
  void shiftOverTheLimitIsReportedNotApplied() {
    List<AdjustableSpan> spans = TestSpans.spans(
        span(1).start(5_000_000).duration(100),
        span(2).childOf(1).start(1_000).duration(50));

    new ClockSkewAdjuster(ONE_SECOND_NANOS).adjust(spans);
    new ClockSkewAdjuster(0).adjust(spans);

    assertThat(spans.get(1).startTimeNanos()).isEqualTo(1_000_000L);
    assertThat(spans.get(1).warnings()).containsExactly(
        "max clock skew adjustment delta of 1s exceeded; not applying calculated delta of "
            + "4.999025s",
        "clock skew adjustment disabled; not applying calculated delta of 4.999025s");
  }

  @Test
  void duplicateIdsAndUnknownParentsAreWarnedAbout() {
    List<AdjustableSpan> spans = TestSpans.spans(
        span(1).start(1_000), span(1).start(2_000), span(2).childOf(0xff).start(3_000));

    new ClockSkewAdjuster(ONE_SECOND_NANOS).adjust(spans);

    assertThat(spans.get(0).warnings()).isNull();
    assertThat(spans.get(1).warnings())
        .containsExactly("duplicate span IDs; skipping clock skew adjustment");
    assertThat(spans.get(2).warnings()).containsExactly(
        "invalid parent span IDs=00000000000000ff; skipping clock skew adjustment");
  }

  @Test
  void deepChainDoesNotOverflowTheStack() {
    TestSpans[] chain = new TestSpans[20_000];
    chain[0] = span(1).start(1_000).duration(100_000);
    for (int i = 1; i < chain.length; i++) {
      chain[i] = span(i + 1).childOf(i).start(500).duration(10);
    }
    List<AdjustableSpan> spans = TestSpans.spans(chain);

    new ClockSkewAdjuster(ONE_SECOND_NANOS).adjust(spans);

    assertThat(spans.get(chain.length - 1).startTimeNanos()).isGreaterThanOrEqualTo(1_000_000L);
  }
}
