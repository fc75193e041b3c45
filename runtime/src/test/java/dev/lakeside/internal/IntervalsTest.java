package dev.lakeside.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IntervalsTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      PT0S          | 0
      PT1.5S        | 1500000000
      PT-1.5S       | -1500000000
      P1DT2H        | 93600000000000
      P1Y2DT3H      | 31287600000000000
      P1M           | 2592000000000000
      P2W           | 1209600000000000
      PT-1H-0.5S    | -3600500000000
      -PT1H         | -3600000000000
      PT0.000001S   | 1000
      p1dt1m        | 86460000000000
      PT1,5S        | 1500000000
      """)
  void parsesIsoDurations_monthsAs30Days(String text, long nanos) {
    assertThat(Intervals.parse(text)).isEqualTo(Duration.ofNanos(nanos));
  }

  @ParameterizedTest
  @CsvSource({"0", "1", "-1", "1500000000", "-3600500000000", "93600000000000", "123456789000"})
  void formatThenParse_isTheSameDuration(long nanos) {
    Duration duration = Duration.ofNanos(nanos);
    assertThat(Intervals.parse(Intervals.format(duration))).isEqualTo(duration);
  }

  @Test
  void formatKeepsEachPartsSign() {
    assertThat(Intervals.format(Duration.ofMillis(-1500))).isEqualTo("PT-1.5S");
    assertThat(Intervals.format(Duration.ZERO)).isEqualTo("PT0S");
    assertThat(Intervals.format(Duration.ofHours(-1).minusMillis(500))).isEqualTo("PT-1H-0.5S");
  }

  @Test
  void rejectsWhatIsNotADuration_sayingWhy() {
    assertThatThrownBy(() -> Intervals.parse("1 day")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected an ISO-8601 duration such as PT1H30M, found \"1 day\" (expected 'P')");
    assertThatThrownBy(() -> Intervals.parse("P1.5D")).hasMessageContaining("a fraction is only allowed in seconds");
    assertThatThrownBy(() -> Intervals.parse("PT1X")).hasMessageContaining("unknown time unit 'X'");
    assertThatThrownBy(() -> Intervals.parse("P")).hasMessageContaining("expected at least one part");
    assertThatThrownBy(() -> Intervals.parse("PT0.0000000001S")).hasMessageContaining("more than 9 fraction digits");
  }
}
