package dev.lakeside.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {
    @Test
    void splitsExactlyLikeStringSplitWhateverTheChunking() {
        qt().withExamples(300)
                .forAll(
                        lists().of(strings().basicLatinAlphabet().ofLengthBetween(0, 40))
                                .ofSizeBetween(0, 30),
                        integers().between(1, 17))
                .checkAssert((parts, chunk) -> {
                    String text = String.join("\n", parts).replace("\r", "");
                    List<String> expected = new ArrayList<>(List.of(text.split("\n", -1)));
                    if (text.endsWith("\n") || text.isEmpty()) {
                        expected.remove(expected.size() - 1); // a final terminator ends the last line, it starts none
                    }
                    assertThat(lines(text, chunk)).isEqualTo(expected);
                });
    }

    @Test
    void crlfAndLongLines() {
        String longLine = "x".repeat(200_000);
        assertThat(lines("a\r\nb\r\n" + longLine + "\n", 4096)).containsExactly("a", "b", longLine);
    }

    /** Reads through a stream that returns at most {@code chunk} bytes per read. */
    static List<String> lines(String text, int chunk) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        InputStream in = new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
        LineReader reader = new LineReader(in);
        List<String> out = new ArrayList<>();
        try {
            while (reader.next()) {
                out.add(new String(reader.buffer(), reader.start(), reader.length(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
