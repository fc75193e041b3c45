package dev.lakeside.client;

/** The client cannot be built as configured, for example because no credentials were given or found in the environment. */
public final class ConfigurationException extends LakehouseException {
    private static final long serialVersionUID = 1L;

    ConfigurationException(String message, ErrorContext context, Throwable cause) {
        super(message, context, cause);
    }
}
