package dev.lakeside.track;

import dev.lakeside.client.LakehouseException;
import java.nio.file.Path;

/**
 * A tracker's spool or dead-letter directory cannot be used: it is locked by another process, cannot be
 * created or written, or a file in it is not one the tracker wrote.
 */
public final class SpoolException extends LakehouseException {
    private static final long serialVersionUID = 1L;

    private final transient Path path;

    SpoolException(Path path, String message, Throwable cause) {
        super(message, cause);
        this.path = path;
    }

    /** The directory or file concerned. */
    public Path file() {
        return path;
    }
}
