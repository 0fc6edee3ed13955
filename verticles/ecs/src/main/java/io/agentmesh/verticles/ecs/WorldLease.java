package io.agentmesh.verticles.ecs;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.util.Optional;

/**
 * The world's lease in PostgreSQL: one row, an owner, an expiry and a fencing token that grows by one with every
 * new holder. A node runs the world only while it holds the lease; every write it makes checks the token
 * ({@link WorldJournal}), so a holder that was paused past its expiry and replaced writes nothing when it wakes.
 * Hazelcast's locks are not used: a member paused or cut off may still believe it holds one.
 */
final class WorldLease {

  private final Pool pool;
  private final String owner;
  private final long leaseMs;

  WorldLease(Pool pool, String owner, long leaseMs) {
    this.pool = pool;
    this.owner = owner;
    this.leaseMs = leaseMs;
  }

  String owner() {
    return owner;
  }

  /** Takes the lease if it is free or lapsed: the new token, or empty while another holds it. */
  Future<Optional<Long>> acquire() {
    return pool.preparedQuery("INSERT INTO world_lease (id, owner, token, expires_at) "
        + "VALUES (1, $1, 1, now() + $2 * interval '1 millisecond') ON CONFLICT (id) DO UPDATE SET owner = $1, "
        + "token = world_lease.token + 1, expires_at = now() + $2 * interval '1 millisecond' "
        + "WHERE world_lease.expires_at < now() RETURNING token")
      .execute(Tuple.of(owner, leaseMs)).map(WorldLease::token);
  }

  /** Extends the lease; false when it was lost (another holder, or a newer token). */
  Future<Boolean> renew(long token) {
    return pool.preparedQuery("UPDATE world_lease SET expires_at = now() + $3 * interval '1 millisecond' "
        + "WHERE id = 1 AND owner = $1 AND token = $2")
      .execute(Tuple.of(owner, token, leaseMs)).map(rows -> rows.rowCount() == 1);
  }

  /** Gives the lease up at once (graceful stop), so another node takes the world without waiting for expiry. */
  Future<Void> release(long token) {
    return pool.preparedQuery("UPDATE world_lease SET expires_at = now() - interval '1 millisecond' "
        + "WHERE id = 1 AND owner = $1 AND token = $2").execute(Tuple.of(owner, token)).mapEmpty();
  }

  private static Optional<Long> token(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getLong("token"));
  }
}
