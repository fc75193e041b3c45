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
                .forAll(
                        longs().between(-62_167_219_200L, 253_402_300_799L),
                        integers().between(0, 999_999_999))
                .checkAssert((seconds, nano) -> {
                    Instant instant = Instant.ofEpochSecond(seconds, nano);
                    assertThat(fast(instant)).isEqualTo(DateTimeFormatter.ISO_INSTANT.format(instant));
                });
    }

    @Test
    void edgesAndFractionGroups() {
        for (String text : new String[] {
            "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999Z",
            "1970-01-01T00:00:00Z",
            "1969-12-31T23:59:59.5Z",
            "2000-02-29T12:00:00.000001Z",
            "2024-01-15T10:30:00.123Z",
            "1900-03-01T00:00:00Z"
        }) {
            Instant instant = Instant.parse(text);
            assertThat(fast(instant)).isEqualTo(DateTimeFormatter.ISO_INSTANT.format(instant));
        }
    }

    @Test
    void parsesWhatOffsetDateTimeParsesForTheCommonForm() {
        qt().withExamples(20_000)
                .forAll(
                        longs().between(-62_167_219_200L + 86_400, 253_402_300_799L - 86_400),
                        integers().between(0, 999_999_999),
                        integers().between(-18 * 4, 18 * 4))
                .checkAssert((seconds, nano, quarterHours) -> {
                    java.time.ZoneOffset offset = java.time.ZoneOffset.ofTotalSeconds(quarterHours * 15 * 60);
                    String text = java.time.OffsetDateTime.ofInstant(Instant.ofEpochSecond(seconds, nano), offset)
                            .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
                    assertThat(WireValues.rfc3339(text))
                            .as(text)
                            .isEqualTo(java.time.OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                                    .toInstant());
                });
    }

    @Test
    void leavesEverythingElseToTheGeneralParser() {
        for (String text : new String[] {
            "2024-02-30T00:00:00Z",
            "2024-01-15 10:30:00Z",
            "2024-01-15T10:30:00",
            "2024-01-15T24:00:00Z",
            "2024-01-15T10:30:00.Z",
            "2024-01-15T10:30:00.1234567890Z",
            "+10000-01-01T00:00:00Z",
            "2024-01-15T10:30:00+1:00",
            "2024-01-15T10:30:00+19:00",
            "2023-02-29T00:00:00Z",
            "abcd-01-15T10:30:00Z"
        }) {
            assertThat(WireValues.rfc3339(text)).as(text).isNull();
        }
        assertThat(WireValues.rfc3339("2024-02-29T23:59:59.5-05:30"))
                .isEqualTo(Instant.parse("2024-03-01T05:29:59.5Z"));
    }
}
