package io.ferstream.serde.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  @Test
  void shouldDoubleTheBackoffUpToTheCap() {
    RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofMillis(1000));

    assertThat(policy.backoff(0)).isEqualTo(Duration.ofMillis(100));
    assertThat(policy.backoff(1)).isEqualTo(Duration.ofMillis(200));
    assertThat(policy.backoff(2)).isEqualTo(Duration.ofMillis(400));
    assertThat(policy.backoff(3)).isEqualTo(Duration.ofMillis(800));
    assertThat(policy.backoff(4)).isEqualTo(Duration.ofMillis(1000));
    assertThat(policy.backoff(500)).isEqualTo(Duration.ofMillis(1000));
  }

  @Test
  void shouldNotOverflowOnHugeBackoffs() {
    RetryPolicy policy = new RetryPolicy(100, Duration.ofDays(365), Duration.ofDays(3650));

    assertThat(policy.backoff(99)).isEqualTo(Duration.ofDays(3650));
  }

  @Test
  void shouldRejectNonsensicalSettings() {
    assertThatThrownBy(() -> new RetryPolicy(-1, Duration.ZERO, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
