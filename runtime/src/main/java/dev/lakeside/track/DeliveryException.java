package dev.lakeside.track;

/** Completes a {@link Tracker#trackAsync} future whose row will never be delivered. */
public final class DeliveryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient TableId table;
  private final DeadLetter.Reason reason;

  DeliveryException(TableId table, DeadLetter.Reason reason, String message) {
    super("row for " + table + " was not delivered (" + reason + "): " + message);
    this.table = table;
    this.reason = reason;
  }

  public TableId table() {
    return table;
  }

  public DeadLetter.Reason reason() {
    return reason;
  }
}
