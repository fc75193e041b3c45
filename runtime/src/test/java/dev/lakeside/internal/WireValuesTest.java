package dev.lakeside.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WireValuesTest {
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
      1 day 02:00:00 | 93600000000000
      14 mons 3 days 4 hours 5 mins 6.5 secs | 36561906500000000
      """)
    void parsesIsoDurations_monthsAs30Days(String text, long nanos) {
        assertThat(WireValues.duration(text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @ParameterizedTest
    @CsvSource({"0", "1", "-1", "1500000000", "-3600500000000", "93600000000000", "123456789000"})
    void formatThenParse_isTheSameDuration(long nanos) {
        Duration duration = Duration.ofNanos(nanos);
        assertThat(WireValues.duration(duration.toString())).isEqualTo(duration);
    }

    @Test
    void rejectsWhatIsNotAnInterval_sayingWhy() {
        assertThatThrownBy(() -> WireValues.duration("P1.5D"))
                .isInstanceOf(DateTimeException.class)
                .hasMessageContaining("a fraction is only allowed in seconds");
        assertThatThrownBy(() -> WireValues.duration("PT1X")).hasMessageContaining("unknown time unit 'X'");
        assertThatThrownBy(() -> WireValues.duration("P")).hasMessageContaining("expected at least one part");
        assertThatThrownBy(() -> WireValues.duration("PT0.0000000001S"))
                .hasMessageContaining("at most 9 fraction digits");
        assertThatThrownBy(() -> WireValues.duration("1 fortnight")).hasMessageContaining("unknown unit 'fortnight'");
    }

    @Test
    void instantsInEveryOffsetForm() {
        Instant expected = Instant.parse("2024-01-15T08:30:00Z");
        for (String text : new String[] {
            "2024-01-15T10:30:00+02:00",
            "2024-01-15 10:30:00+02",
            "2024-01-15T10:30:00+0200",
            "2024-01-15T08:30:00Z",
            "2024-01-15 08:30:00"
        }) {
            assertThat(WireValues.instant(text)).as(text).isEqualTo(expected);
        }
    }
}
