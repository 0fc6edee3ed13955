package io.agentmesh.node.probe;

import io.agentmesh.contract.ping.DomainPing;
import io.agentmesh.contract.ping.PingReply;
import io.agentmesh.storage.DomainPool;
import io.agentmesh.storage.DomainSchema;
import io.agentmesh.storage.PostgresUrl;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A domain defined in test code, so the foundation's tests can prove the path gateway → bus → domain → PostgreSQL
 * before any real domain exists. It owns schema {@code probe} (one table of notes) and answers {@code probe.ping},
 * after {@code probe.ping_delay_ms} when a test needs a slow request in flight.
 */
public final class ProbeVerticle extends VerticleBase {

  public static final String ADD_NOTE = "probe.notes.add";
  public static final String LIST_NOTES = "probe.notes.list";
  /** Logged when a slow ping arrives, so a test knows its request is in flight. */
  public static final String PING_HELD = "probe ping held";

  private static final Logger LOG = LoggerFactory.getLogger(ProbeVerticle.class);

  private Pool pool;

  @Override
  public Future<?> start() {
    PostgresUrl url = new PostgresUrl(config().getJsonObject("postgres").getString("url"));
    String nodeId = config().getString("node_id");
    long delay = config().getJsonObject("probe", new JsonObject()).getLong("ping_delay_ms", 0L);
    return DomainSchema.migrate(vertx, url, "probe").compose(migrated -> {
      pool = DomainPool.create(vertx, url, "probe", 2);
      vertx.eventBus().<String>consumer(ADD_NOTE, message -> pool
        .preparedQuery("INSERT INTO notes (text) VALUES ($1) RETURNING id").execute(Tuple.of(message.body()))
        .onSuccess(rows -> message.reply(rows.iterator().next().getLong("id")))
        .onFailure(failure -> message.fail(500, failure.getMessage())));
      vertx.eventBus().consumer(LIST_NOTES, message -> pool.query("SELECT text FROM notes ORDER BY id").execute()
        .onSuccess(rows -> {
          JsonArray texts = new JsonArray();
          for (Row row : rows) {
            texts.add(row.getString("text"));
          }
          message.reply(texts);
        })
        .onFailure(failure -> message.fail(500, failure.getMessage())));
      return vertx.eventBus().consumer(DomainPing.address("probe"), message -> {
        PingReply reply = new PingReply("probe", nodeId);
        if (delay > 0) {
          LOG.info("{} for {} ms", PING_HELD, delay);
          vertx.setTimer(delay, t -> message.reply(reply));
        } else {
          message.reply(reply);
        }
      }).completion();
    });
  }

  @Override
  public Future<?> stop() {
    return pool == null ? Future.succeededFuture() : pool.close();
  }
}
