package io.sluice.query.adjust;

import static io.sluice.query.adjust.TestSpans.TRACE;
import static io.sluice.query.adjust.TestSpans.span;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.storage.model.KeyValue;
import io.sluice.storage.model.SpanRef;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The IP-tag, OTel-tag, span-reference and parent-reference adjusters. */
class TagRewritersTest {
  @Test
  void numericIpTagsBecomeDottedText() {
    List<AdjustableSpan> spans = TestSpans.spans(span(1)
        .tag(KeyValue.int64("peer.ipv4", 0x7f000001))
        .tag(KeyValue.float64("ip", 167772161.0))
        .tag(KeyValue.int64("port", 80))
        .processTag(KeyValue.string("z", "last"))
        .processTag(KeyValue.int64("ip", 0xc0a80001L)));

    new IpTagAdjuster().adjust(spans);

    assertThat(spans.get(0).tags()).containsExactly(KeyValue.string("peer.ipv4", "127.0.0.1"),
        KeyValue.string("ip", "10.0.0.1"), KeyValue.int64("port", 80));
    assertThat(spans.get(0).processTags())
        .containsExactly(KeyValue.string("ip", "192.168.0.1"), KeyValue.string("z", "last"));
  }

  @Test
  void ipTextIsGoNetIpText() {
    HexFormat hex = HexFormat.of();
    assertThat(IpText.of(hex.parseHex("00000000000000000000000000000001"))).isEqualTo("::1");
    assertThat(IpText.of(hex.parseHex("20010db8000000000001000000000001")))
        .isEqualTo("2001:db8::1:0:0:1");
    assertThat(IpText.of(hex.parseHex("00000000000000000000ffff0a000001"))).isEqualTo("10.0.0.1");
    assertThat(IpText.of(hex.parseHex("0a000001"))).isEqualTo("10.0.0.1");
    assertThat(IpText.of(hex.parseHex("0a00"))).isEmpty();
  }

  @Test
  void sdkTagsMoveToTheProcess() {
    List<AdjustableSpan> spans = TestSpans.spans(span(1)
        .tag(KeyValue.string("telemetry.sdk.name", "opentelemetry"))
        .tag(KeyValue.string("http.method", "GET"))
        .tag(KeyValue.string("telemetry.distro.version", "2.0"))
        .processTag(KeyValue.string("host.name", "h")));

    new OtelTagAdjuster().adjust(spans);

    assertThat(spans.get(0).tags()).containsExactly(KeyValue.string("http.method", "GET"));
    assertThat(spans.get(0).processTags()).containsExactly(KeyValue.string("host.name", "h"),
        KeyValue.string("telemetry.distro.version", "2.0"),
        KeyValue.string("telemetry.sdk.name", "opentelemetry"));
  }

  @Test
  void referencesToTraceZeroAreRemovedWithAWarning() {
    List<AdjustableSpan> spans = TestSpans.spans(span(1)
        .ref(new SpanRef(SpanRef.RefType.FOLLOWS_FROM, 0, 0, 0xab))
        .childOf(2));

    new SpanReferenceAdjuster().adjust(spans);

    assertThat(spans.get(0).references())
        .containsExactly(new SpanRef(SpanRef.RefType.CHILD_OF, 0, TRACE, 2));
    assertThat(spans.get(0).warnings()).containsExactly("Invalid span reference removed "
        + "{TraceID:0000000000000000 SpanID:00000000000000ab RefType:FOLLOWS_FROM "
        + "XXX_NoUnkeyedLiteral:{} XXX_unrecognized:[] XXX_sizecache:0}");
  }

  @Test
  void parentReferenceMovesFirst() {
    SpanRef link = new SpanRef(SpanRef.RefType.FOLLOWS_FROM, 0, TRACE, 7);
    SpanRef otherTrace = new SpanRef(SpanRef.RefType.CHILD_OF, 9, 9, 8);
    SpanRef parent = new SpanRef(SpanRef.RefType.CHILD_OF, 0, TRACE, 3);
    List<AdjustableSpan> spans = TestSpans.spans(
        span(1).ref(link).ref(otherTrace).ref(parent),
        span(2).ref(otherTrace).ref(link));

    new ParentReferenceAdjuster().adjust(spans);

    assertThat(spans.get(0).references()).containsExactly(parent, otherTrace, link);
    assertThat(spans.get(1).references()).containsExactly(link, otherTrace);
  }

  @Test
  void standardSequenceSortsSpansByStartThenId() {
    List<AdjustableSpan> spans = TestSpans.spans(span(-1L).start(5), span(2).start(5),
        span(3).start(1));

    List<AdjustableSpan> out = Adjusters.apply(Adjusters.standard(Adjusters.MAX_CLOCK_SKEW_ADJUST),
        spans);

    assertThat(out).extracting(AdjustableSpan::spanId).containsExactly(3L, 2L, -1L);
  }
}
