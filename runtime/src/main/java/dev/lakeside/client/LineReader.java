package dev.lakeside.client;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into lines without decoding them. A line is exposed as a slice of an internal buffer that is
 * valid until the next call; memory is bounded by the longest line. {@code \r\n} endings are accepted. The last line
 * may lack its {@code \n}.
 */
final class LineReader {
    private final InputStream in;
    private byte[] buf = new byte[64 * 1024];
    private int pos;
    private int limit;
    private boolean eof;
    private long lineNumber;
    private int lineStart;
    private int lineLength;
    private int rawLength;
    private int prevStart;
    private int prevLength;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** Advances to the next line; false at the end of the stream. */
    boolean next() throws IOException {
        prevStart = lineStart;
        prevLength = lineLength;
        int scan = pos;
        while (true) {
            int i = newline(buf, scan, limit);
            if (i < limit) {
                int end = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
                lineStart = pos;
                lineLength = end - pos;
                rawLength = i + 1 - pos;
                pos = i + 1;
                lineNumber++;
                return true;
            }
            scan = limit;
            if (eof) {
                if (pos == limit) {
                    return false;
                }
                lineStart = pos;
                lineLength = limit - pos;
                rawLength = lineLength;
                if (lineLength > 0 && buf[limit - 1] == '\r') {
                    lineLength--;
                }
                pos = limit;
                lineNumber++;
                return true;
            }
            if (prevStart
                    > 0) { // compact: move the previous line (kept for error excerpts) and the partial one to the front
                int shift = prevStart;
                System.arraycopy(buf, shift, buf, 0, limit - shift);
                limit -= shift;
                scan -= shift;
                pos -= shift;
                prevStart = 0;
            }
            if (limit == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                eof = true;
            } else {
                limit += n;
            }
        }
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** The index of the first '\n' in [from, to), or {@code to}; eight bytes at a time (SWAR). */
    static int newline(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(b, i) ^ 0x0A0A0A0A0A0A0A0AL;
            long found = (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return to;
    }

    /** Where the unread data starts in {@link #buffer()}. */
    int position() {
        return pos;
    }

    /** Where the data read so far ends in {@link #buffer()}. */
    int limit() {
        return limit;
    }

    /** Makes the line from {@link #position()} to the '\n' at {@code newline} the current line. */
    void advanceTo(int newline) {
        prevStart = lineStart;
        prevLength = lineLength;
        int end = newline > pos && buf[newline - 1] == '\r' ? newline - 1 : newline;
        lineStart = pos;
        lineLength = end - pos;
        rawLength = newline + 1 - pos;
        pos = newline + 1;
        lineNumber++;
    }

    byte[] buffer() {
        return buf;
    }

    int start() {
        return lineStart;
    }

    int length() {
        return lineLength;
    }

    /** The length including the line terminator, when there was one. */
    int rawLength() {
        return rawLength;
    }

    long lineNumber() {
        return lineNumber;
    }

    /** At most 200 characters of the current line, for error messages. */
    String excerpt() {
        return excerpt(lineStart, lineLength);
    }

    /** At most 200 characters of the line before the current one (empty before the second line). */
    String previousExcerpt() {
        return excerpt(prevStart, prevLength);
    }

    private String excerpt(int start, int length) {
        int n = Math.min(length, 200);
        String text = new String(buf, start, n, StandardCharsets.UTF_8);
        return length > n ? text + "…" : text;
    }
}
