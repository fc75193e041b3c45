package dev.lakeside.client;

/**
 * The answer of {@code GET /tasks/{id}}.
 *
 * @param taskId the task id
 * @param status {@code pending} or {@code completed}, or any newer value the server sends
 */
public record TaskStatus(String taskId, String status) {
  /** Whether the task finished. */
  public boolean completed() {
    return "completed".equalsIgnoreCase(status);
  }
}
