package dev.lakeside.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import org.junit.jupiter.api.Test;

class EditDistanceTest {
    @Test
    void countsInsertionsDeletionsAndSubstitutions() {
        assertThat(EditDistance.between("kitten", "sitting")).isEqualTo(3);
        assertThat(EditDistance.between("", "abc")).isEqualTo(3);
        assertThat(EditDistance.between("userId", "userId")).isZero();
        assertThat(EditDistance.between("userid", "userId"))
                .as("exact chars: lower-case both to ignore case")
                .isEqualTo(1);
    }

    @Test
    void isAMetric() {
        qt().withExamples(300)
                .forAll(
                        strings().basicLatinAlphabet().ofLengthBetween(0, 8),
                        strings().basicLatinAlphabet().ofLengthBetween(0, 8),
                        strings().basicLatinAlphabet().ofLengthBetween(0, 8))
                .checkAssert((a, b, c) -> {
                    assertThat(EditDistance.between(a, b))
                            .isEqualTo(EditDistance.between(b, a))
                            .isLessThanOrEqualTo(Math.max(a.length(), b.length()))
                            .isGreaterThanOrEqualTo(Math.abs(a.length() - b.length()));
                    assertThat(EditDistance.between(a, c))
                            .isLessThanOrEqualTo(EditDistance.between(a, b) + EditDistance.between(b, c));
                    assertThat(EditDistance.between(a, b) == 0).isEqualTo(a.equals(b));
                });
    }
}
