package dev.lakeside.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextTableTest {
    @Test
    void alignsTextLeftAndNumbersRight() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new TextTable("page", ">views")
                .row("/", "1,234")
                .row("/pricing", 7)
                .print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("""
          page      views
          --------  -----
          /         1,234
          /pricing      7
        """);
    }

    @Test
    void rowsMustHaveOneCellPerColumn() {
        assertThatThrownBy(() -> new TextTable("a", "b").row("x")).hasMessage("expected 2 cells, found 1");
    }

    @Test
    void barsScaleToTheMaximum() {
        assertThat(ProductAnalytics.bar(5, 10, 10)).isEqualTo("[#####-----]");
        assertThat(ProductAnalytics.bar(10, 10, 4)).isEqualTo("[####]");
        assertThat(ProductAnalytics.bar(0, 0, 3)).isEqualTo("[---]");
        assertThat(ProductAnalytics.scaled(20, 10, 4)).isEqualTo(4);
    }
}
