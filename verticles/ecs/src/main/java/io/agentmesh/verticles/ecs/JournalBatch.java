package io.agentmesh.verticles.ecs;

import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * What the world did since the last batch, to be written in one fenced transaction: the commands it applied (each
 * acknowledged only once written), the entities born and dead, notable events, maybe a snapshot, and how far it got.
 * Filled by the tick thread, then handed to the {@link WorldJournal} and never touched by the tick thread again.
 */
final class JournalBatch {

  /** A command as stored: replayed at its tick, in ordinal order. */
  record StoredCommand(long tick, int ordinal, String kind, JsonObject body) {
  }

  /** An entity that came to be: spawned, bred or born. */
  record LineageRow(long entityId, long parentA, long parentB, int generation, long birthTick, String ownerId,
                    float[] traits) {
  }

  /** An entity's death. */
  record DeathRow(long entityId, long tick, String cause) {
  }

  /** A notable event, keyed by (tick, entity, kind). */
  record EventRow(long tick, long entityId, String kind, long otherId, String detail) {
  }

  /** The world whole at a tick, and what it runs under. */
  record SnapshotRow(long tick, long seed, int sizedFor, int populationCap, byte[] world, JsonObject owners,
                     long births, long deaths) {
  }

  final List<StoredCommand> commands = new ArrayList<>();
  final List<LineageRow> lineage = new ArrayList<>();
  final List<DeathRow> deaths = new ArrayList<>();
  final List<EventRow> events = new ArrayList<>();
  /** Run once the batch is written (on the verticle's context): acknowledgements of its commands. */
  final List<Runnable> written = new ArrayList<>();
  /** Run if it cannot be written because the lease was lost: refusals of its commands. */
  final List<Runnable> refused = new ArrayList<>();
  SnapshotRow snapshot;
  long lastTick;
  double speed;
  boolean paused;

  boolean isEmpty() {
    return commands.isEmpty() && lineage.isEmpty() && deaths.isEmpty() && events.isEmpty() && written.isEmpty()
      && snapshot == null;
  }

  /** Takes in a later batch (written together when the journal fell behind). */
  JournalBatch merge(JournalBatch later) {
    commands.addAll(later.commands);
    lineage.addAll(later.lineage);
    deaths.addAll(later.deaths);
    events.addAll(later.events);
    written.addAll(later.written);
    refused.addAll(later.refused);
    snapshot = later.snapshot != null ? later.snapshot : snapshot;
    lastTick = Math.max(lastTick, later.lastTick);
    speed = later.speed;
    paused = later.paused;
    return this;
  }
}
