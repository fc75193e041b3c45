package dev.lakeside.track;

import dev.lakeside.client.TableRef;

/** Completes a {@link Tracker#trackAsync} future whose row will never be delivered. */
public final class DeliveryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient TableRef table;
  private final DeadLetter.Reason reason;

  DeliveryException(TableRef table, DeadLetter.Reason reason, String message) {
    super("row for " + table + " was not delivered (" + reason + "): " + message);
    this.table = table;
    this.reason = reason;
  }

  public TableRef table() {
    return table;
  }

  public DeadLetter.Reason reason() {
    return reason;
  }
}
