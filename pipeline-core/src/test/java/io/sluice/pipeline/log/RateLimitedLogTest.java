package io.sluice.pipeline.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimitedLogTest {
  private final AtomicLong nanos = new AtomicLong();

  @Test
  void aBurstThenOneLinePerIntervalWithTheCountLeftOut() {
    RateLimitedLog log = new RateLimitedLog(3, Duration.ofSeconds(10), nanos::get);

    assertThat(log.admit()).isZero();
    assertThat(log.admit()).isZero();
    assertThat(log.admit()).isZero();
    assertThat(log.admit()).isEqualTo(-1);
    assertThat(log.admit()).isEqualTo(-1);
    nanos.addAndGet(Duration.ofSeconds(5).toNanos());
    assertThat(log.admit()).isEqualTo(-1);
    nanos.addAndGet(Duration.ofSeconds(5).toNanos());
    assertThat(log.admit()).isEqualTo(3);
    assertThat(log.admit()).isEqualTo(-1);
  }

  @Test
  void aBurstOfOneWritesTheFirstLineThenOnePerInterval() {
    RateLimitedLog log = new RateLimitedLog(1, Duration.ofSeconds(10), nanos::get);

    assertThat(log.admit()).isZero();
    assertThat(log.admit()).isEqualTo(-1);
    assertThat(log.admit()).isEqualTo(-1);
    nanos.addAndGet(Duration.ofSeconds(10).toNanos());
    assertThat(log.admit()).isEqualTo(2);
  }
}
