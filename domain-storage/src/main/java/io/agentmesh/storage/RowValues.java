package io.agentmesh.storage;

import io.vertx.sqlclient.Row;

import java.time.Instant;
import java.time.OffsetDateTime;

/** Column values as the contract's records hold them. */
public final class RowValues {

  private RowValues() {
  }

  /** A {@code timestamptz} column as an {@link Instant}, null when the column is. */
  public static Instant instant(Row row, String column) {
    OffsetDateTime time = row.getOffsetDateTime(column);
    return time == null ? null : time.toInstant();
  }
}
