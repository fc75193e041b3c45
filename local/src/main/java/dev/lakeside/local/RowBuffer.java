package dev.lakeside.local;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The bytes of a streamed {@code /query} answer on their way out: the common cells written straight into one
 * fixed buffer, a JSON generator's output for the others, sent in blocks. Memory stays one buffer per stream.
 *
 * <p>A row is begun with {@link #beginRow} and may be {@linkplain #dropRow dropped} while it is still in the
 * buffer. {@link #flush} does nothing (a generator writing here flushes its own buffer into this one); {@link
 * #send} sends what is buffered.
 */
final class RowBuffer extends OutputStream {
    /** 0000 to 9999, four ASCII digits each. */
    private static final byte[] FOURS = new byte[40_000];

    static {
        for (int i = 0; i < 10_000; i++) {
            FOURS[4 * i] = (byte) ('0' + i / 1000);
            FOURS[4 * i + 1] = (byte) ('0' + i / 100 % 10);
            FOURS[4 * i + 2] = (byte) ('0' + i / 10 % 10);
            FOURS[4 * i + 3] = (byte) ('0' + i % 10);
        }
    }

    private final OutputStream sink;
    private final byte[] buffer;
    private int size;
    /** Where the current row began in the buffer; -1 once part of it was sent. */
    private int rowStart = -1;

    RowBuffer(OutputStream sink, int capacity) {
        this.sink = sink;
        this.buffer = new byte[capacity];
    }

    void beginRow() {
        rowStart = size;
    }

    /**
     * Takes back the current row: true if it was still all here, else false (its start was sent; the line is then
     * ended, so that what follows starts a line of its own).
     */
    boolean dropRow() throws IOException {
        if (rowStart >= 0) {
            size = rowStart;
            return true;
        }
        write('\n');
        return false;
    }

    @Override
    public void write(int b) throws IOException {
        if (size == buffer.length) {
            drain();
        }
        buffer[size++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (length > buffer.length - size) {
            drain();
            if (length > buffer.length) {
                sink.write(bytes, offset, length);
                return;
            }
        }
        System.arraycopy(bytes, offset, buffer, size, length);
        size += length;
    }

    /** Characters that are all ASCII. */
    void ascii(String text) throws IOException {
        int length = text.length();
        if (length > buffer.length - size) {
            drain();
        }
        if (length > buffer.length) {
            for (int i = 0; i < length; i++) {
                write(text.charAt(i));
            }
            return;
        }
        for (int i = 0; i < length; i++) {
            buffer[size++] = (byte) text.charAt(i);
        }
    }

    /** A whole number in decimal, as {@code Long.toString} spells it. */
    void decimal(long value) throws IOException {
        if (20 > buffer.length - size) {
            drain();
        }
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                ascii("-9223372036854775808");
                return;
            }
            buffer[size++] = '-';
            value = -value;
        }
        // in int arithmetic, nine digits at a time: a long division costs ten times as much
        if (value < BILLION) {
            digits((int) value);
            return;
        }
        long high = value / BILLION;
        int low = (int) (value - high * BILLION);
        if (high < BILLION) {
            digits((int) high);
        } else {
            long top = high / BILLION;
            digits((int) top);
            nineDigits((int) (high - top * BILLION));
        }
        nineDigits(low);
    }

    private static final long BILLION = 1_000_000_000L;

    /** A number below a billion, without leading zeros. */
    private void digits(int value) {
        if (value < 10_000) {
            leading(value);
        } else if (value < 100_000_000) {
            int high = value / 10_000;
            leading(high);
            four(value - high * 10_000);
        } else {
            nineDigits(value, false);
        }
    }

    /** A number below a billion in nine digits, with leading zeros. */
    private void nineDigits(int value) {
        nineDigits(value, true);
    }

    private void nineDigits(int value, boolean zeros) {
        int first = value / 100_000_000;
        int rest = value - first * 100_000_000;
        int middle = rest / 10_000;
        if (zeros || first > 0) {
            buffer[size++] = (byte) ('0' + first);
        }
        four(middle);
        four(rest - middle * 10_000);
    }

    /** A number below 10,000 in as many digits as it has. */
    private void leading(int value) {
        int count = value < 10 ? 1 : value < 100 ? 2 : value < 1000 ? 3 : 4;
        System.arraycopy(FOURS, value * 4 + 4 - count, buffer, size, count);
        size += count;
    }

    /** A number below 10,000 in four digits. */
    private void four(int value) {
        System.arraycopy(FOURS, value * 4, buffer, size, 4);
        size += 4;
    }

    /**
     * Writes {@code text} as a JSON string if no character of it needs an escape or more than one byte (printable
     * ASCII other than {@code "} and {@code \}), the case where every JSON writer writes the same bytes; returns false,
     * writing nothing, for any other text.
     */
    boolean plainString(String text) throws IOException {
        int length = text.length();
        if (length + 2 > buffer.length) {
            return false;
        }
        if (length + 2 > buffer.length - size) {
            for (int i = 0; i < length; i++) {
                if (!plain(text.charAt(i))) {
                    return false;
                }
            }
            drain();
        }
        int at = size + 1;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (!plain(c)) {
                return false;
            }
            buffer[at++] = (byte) c;
        }
        buffer[size] = '"';
        buffer[at++] = '"';
        size = at;
        return true;
    }

    private static boolean plain(char c) {
        return c >= 0x20 && c <= 0x7e && c != '"' && c != '\\';
    }

    /** Nothing: a generator's flush lands here. */
    @Override
    public void flush() {}

    /** Sends what is buffered, and flushes the sink. */
    void send() throws IOException {
        drain();
        sink.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            drain();
        } finally {
            sink.close();
        }
    }

    private void drain() throws IOException {
        if (size > 0) {
            sink.write(buffer, 0, size);
            size = 0;
        }
        rowStart = -1;
    }
}
