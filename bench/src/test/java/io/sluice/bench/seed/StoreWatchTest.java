package io.sluice.bench.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StoreWatchTest {
  private static final long SECOND = 1_000_000_000L;

  private final StoreWatch watch =
      new StoreWatch(100 * SECOND, Duration.ofSeconds(15), Duration.ofSeconds(600));

  @Test
  void doneOnceStorageHoldsEverySpanTheClientExported() {
    assertThat(watch.observe(101 * SECOND, 500, true)).isFalse();
    watch.expect(900);
    assertThat(watch.observe(103 * SECOND, 899, true)).isFalse();
    assertThat(watch.observe(104 * SECOND, 900, true)).isTrue();

    assertThat(watch.stored()).isEqualTo(900);
    assertThat(watch.untilLastChange()).isEqualTo(Duration.ofSeconds(4));
    assertThat(watch.settled()).isTrue();
  }

  @Test
  void neverDoneBeforeTheClientSaidHowManyItExported() {
    assertThat(watch.observe(101 * SECOND, 0, true)).isFalse();
    assertThat(watch.observe(130 * SECOND, 0, true)).isFalse();
  }

  @Test
  void aCountThatHeldForTheSettleTimeWithEmptyQueuesIsFinal() {
    watch.expect(1000);
    watch.observe(102 * SECOND, 970, true);

    assertThat(watch.observe(116 * SECOND, 970, true)).isFalse();
    assertThat(watch.observe(117 * SECOND, 970, false)).isFalse();
    assertThat(watch.observe(117 * SECOND, 970, true)).isTrue();
    assertThat(watch.untilLastChange()).isEqualTo(Duration.ofSeconds(2));
    assertThat(watch.settled()).isTrue();
  }

  @Test
  void theWaitLimitEndsAStalledRunUnsettled() {
    watch.expect(1000);
    watch.observe(102 * SECOND, 970, false);

    assertThat(watch.observe(699 * SECOND, 970, false)).isFalse();
    assertThat(watch.expired(699 * SECOND)).isFalse();
    assertThat(watch.observe(700 * SECOND, 970, false)).isTrue();
    assertThat(watch.expired(700 * SECOND)).isTrue();
    assertThat(watch.settled()).isFalse();
  }

  @Test
  void nothingExportedIsDoneAtOnce() {
    watch.expect(0);

    assertThat(watch.observe(101 * SECOND, 0, true)).isTrue();
    assertThat(watch.untilLastChange()).isEqualTo(Duration.ofSeconds(1));
  }
}
