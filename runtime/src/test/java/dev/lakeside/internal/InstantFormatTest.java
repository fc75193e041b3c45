package dev.lakeside.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class InstantFormatTest {
  private static String fast(Instant instant) {
    char[] out = new char[30];
    return new String(out, 0, JsonValues.formatInstant(instant.getEpochSecond(), instant.getNano(), out));
  }

  @Test
  void writesWhatIsoInstantWritesForEveryFourDigitYear() {
    qt().withExamples(20_000)
        .forAll(longs().between(-62_167_219_200L, 253_402_300_799L), integers().between(0, 999_999_999))
        .checkAssert((seconds, nano) -> {
          Instant instant = Instant.ofEpochSecond(seconds, nano);
          assertThat(fast(instant)).isEqualTo(DateTimeFormatter.ISO_INSTANT.format(instant));
        });
  }

  @Test
  void edgesAndFractionGroups() {
    for (String text : new String[] {"0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "1970-01-01T00:00:00Z",
        "1969-12-31T23:59:59.5Z", "2000-02-29T12:00:00.000001Z", "2024-01-15T10:30:00.123Z", "1900-03-01T00:00:00Z"}) {
      Instant instant = Instant.parse(text);
      assertThat(fast(instant)).isEqualTo(DateTimeFormatter.ISO_INSTANT.format(instant));
    }
  }
}
