package dev.lakeside.samples;

/** Bad command-line arguments or environment; the sample prints the message and its usage. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
