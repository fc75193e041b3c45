package dev.lakeside.internal;

import com.fasterxml.jackson.core.io.SerializedString;
import java.util.Arrays;

/**
 * A JSON field name encoded once, for both writers: a {@code SerializedString} for {@code JsonGenerator}, and
 * the bytes {@code "name":} that {@link JsonBuffer#name} copies.
 */
public final class FieldName extends SerializedString {
    private static final long serialVersionUID = 1L;

    /** The quoted UTF-8 name and its colon. */
    final byte[] json;

    public FieldName(String name) {
        super(name);
        byte[] quoted = asQuotedUTF8();
        json = Arrays.copyOf(new byte[] {'"'}, quoted.length + 3);
        System.arraycopy(quoted, 0, json, 1, quoted.length);
        json[quoted.length + 1] = '"';
        json[quoted.length + 2] = ':';
    }
}
