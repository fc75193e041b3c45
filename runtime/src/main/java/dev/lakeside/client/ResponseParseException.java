package dev.lakeside.client;

/**
 * A response could not be read: a malformed {@code /query} line, a line of the wrong shape, a cell that does not
 * match its column type, or a JSON answer without its documented fields. Carries the 1-based line number (0 when the
 * response is not line-based) and an excerpt of the offending text.
 */
public final class ResponseParseException extends LakehouseException {
    private static final long serialVersionUID = 1L;

    private final long line;
    private final String excerpt;

    ResponseParseException(String message, long line, String excerpt, ErrorContext context, Throwable cause) {
        super(message + (line > 0 ? " at line " + line : "") + (excerpt == null ? "" : ": " + excerpt), context, cause);
        this.line = line;
        this.excerpt = excerpt;
    }

    /** The 1-based line of the response where parsing failed, or 0 when the response is not line-based. */
    public long line() {
        return line;
    }

    /** At most 200 characters of the offending text. */
    public String excerpt() {
        return excerpt;
    }
}
