package io.sluice.bench.floor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BulkBodiesTest {
  private static byte[] item(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> texts(List<BulkBodies.Body> bodies) {
    return bodies.stream().map(b -> b.items() + ":" + new String(b.ndjson(),
        StandardCharsets.UTF_8)).toList();
  }

  @Test
  void aBodyClosesAtMaxActions() {
    List<byte[]> items = List.of(item("a\n"), item("b\n"), item("c\n"), item("d\n"),
        item("e\n"));

    assertThat(texts(BulkBodies.of(items, 2, 1_000)))
        .containsExactly("2:a\nb\n", "2:c\nd\n", "1:e\n");
  }

  @Test
  void aBodyNeverGoesOverMaxBytesButAnOversizedItemGoesAlone() {
    List<byte[]> items = List.of(item("aaa\n"), item("bb\n"), item("cccccccccc\n"),
        item("d\n"));

    assertThat(texts(BulkBodies.of(items, 1_000, 7)))
        .containsExactly("2:aaa\nbb\n", "1:cccccccccc\n", "1:d\n");
  }
}
