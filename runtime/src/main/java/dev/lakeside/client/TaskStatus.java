package dev.lakeside.client;

import org.jspecify.annotations.Nullable;

/**
 * The answer of {@code GET /tasks/{id}}.
 *
 * @param taskId the task id
 * @param status {@code pending} or {@code completed}, or any newer value the server sends
 * @param errorCode why a completed task failed ({@code invalid-data}, {@code incompatible-schema}), or null
 * @param errorMessage the server's explanation of the failure, or null
 */
public record TaskStatus(
        String taskId,
        String status,
        @Nullable String errorCode,
        @Nullable String errorMessage) {
    /** Whether the task finished, successfully or not. */
    public boolean completed() {
        return "completed".equalsIgnoreCase(status);
    }

    /** Whether the task finished with an error. */
    public boolean failed() {
        return completed() && (errorCode != null || errorMessage != null);
    }
}
