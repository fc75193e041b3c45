package dev.lakeside.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.quicktheories.generators.SourceDSL;

class HexTest {
    @Test
    void encodesLowerCase_decodesEitherCaseAndDuckDbsEscapes() {
        assertThat(Hex.encode(new byte[] {0, (byte) 0xff, 0x10})).isEqualTo("00ff10");
        assertThat(Hex.encode(new byte[0])).isEmpty();
        assertThat(Hex.decode("00FF10")).containsExactly(0, 0xff, 0x10);
        assertThat(Hex.decode("\\x00\\xFF")).containsExactly(0, 0xff);
    }

    @Test
    void roundTripsAnyBytes() {
        QuickTheory.qt()
                .withExamples(200)
                .forAll(SourceDSL.lists()
                        .of(SourceDSL.integers().between(-128, 127))
                        .ofSizeBetween(0, 64))
                .check(list -> {
                    byte[] bytes = new byte[list.size()];
                    for (int i = 0; i < bytes.length; i++) {
                        bytes[i] = list.get(i).byteValue();
                    }
                    return java.util.Arrays.equals(Hex.decode(Hex.encode(bytes)), bytes);
                });
    }

    @Test
    void rejectsOddLengthAndNonHex() {
        assertThatThrownBy(() -> Hex.decode("abc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected an even number of hex digits, found 3");
        assertThatThrownBy(() -> Hex.decode("zz")).hasMessage("expected a hex digit at index 0, found 'z'");
    }
}
