package io.agentmesh.storage;

import io.vertx.pgclient.PgException;

/** Whether a statement failed because a unique index refused its row (SQLSTATE 23505). */
public final class UniqueViolation {

  private static final String SQL_STATE = "23505";

  private UniqueViolation() {
  }

  public static boolean is(Throwable failure) {
    return failure instanceof PgException pg && SQL_STATE.equals(pg.getSqlState());
  }

  /** Refused by the named index (a table's other unique indexes mean something else). */
  public static boolean on(Throwable failure, String index) {
    return failure instanceof PgException pg && SQL_STATE.equals(pg.getSqlState())
      && index.equals(pg.getConstraint());
  }
}
