package io.agentmesh.verticles.rag;

import io.agentmesh.contract.ListQuery;
import io.agentmesh.contract.RequestConsumers;
import io.agentmesh.contract.ResourceId;
import io.agentmesh.contract.auth.AuthAddresses;
import io.agentmesh.contract.auth.UserDeleted;
import io.agentmesh.contract.ping.DomainPing;
import io.agentmesh.contract.rag.CollectionDraft;
import io.agentmesh.contract.rag.CollectionPatch;
import io.agentmesh.contract.rag.DocumentBatch;
import io.agentmesh.contract.rag.DocumentQuery;
import io.agentmesh.contract.rag.IngestEventQuery;
import io.agentmesh.contract.rag.RagAddresses;
import io.agentmesh.contract.rag.ReindexRequest;
import io.agentmesh.contract.rag.SearchRequest;
import io.agentmesh.contract.rag.SourceDraft;
import io.agentmesh.storage.DomainPool;
import io.agentmesh.storage.RedisClients;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The rag domain: owns schema {@code rag}, the {@code rag.*} addresses, this node's search index and its ingest
 * worker. PostgreSQL holds the truth (documents, chunks with their vectors, the change log); the index is rebuilt
 * from it whenever it is missing.
 */
public final class RagVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(RagVerticle.class);

  private Pool pool;
  private Redis redis;
  private SearchIndex index;
  private IndexFollower follower;
  private EmbeddingModels embeddings;
  private SearchService search;
  private IngestWorker worker;
  private SourceWatcher watcher;

  @Override
  public Future<?> start() {
    RagOptions options = RagOptions.fromConfig(config());
    String owner = config().getString("node_id", "standalone") + "/" + deploymentID();
    // The model, the tokenizer and the index load while the schema migrates: each takes a moment.
    Future<Embedder> model = vertx.executeBlocking(LocalMiniLm::new, false);
    Future<ModelTokens> tokens = vertx.executeBlocking(ModelTokens::new, false);
    Future<SearchIndex> opened = vertx.executeBlocking(() -> SearchIndex.open(options.indexDirectory()), false);
    Future<String> nodeName = vertx.executeBlocking(this::nodeName, false);
    Future<Pool> connected = DomainPool.open(vertx, config(), "rag");
    return Future.all(List.of(connected, model, tokens, opened, nodeName)).compose(all -> {
      pool = connected.result();
      index = opened.result();
      embeddings = new EmbeddingModels(vertx, new EmbeddingLanes(vertx, model.result(), options.embedBatch(),
        options.embedThreads()),
        config().getJsonObject("providers", new JsonObject()));
      follower = new IndexFollower(vertx, pool, index);
      redis = RedisClients.create(vertx, config().getJsonObject("redis").getString("url"));
      search = new SearchService(vertx, pool, index, follower, embeddings, new SearchCache(redis,
        options.semanticCacheSeconds(), options.otherCacheSeconds()), options);
      IngestJobs jobs = new IngestJobs(pool);
      DocumentStore documents = new DocumentStore(pool);
      SourceStore sources = new SourceStore(pool);
      RagService rag = new RagService(vertx, new CollectionStore(pool), documents, jobs, search, index,
        embeddings, sources, options);
      worker = new IngestWorker(vertx, jobs, embeddings, new Chunker(tokens.result()), options, owner);
      watcher = new SourceWatcher(vertx, sources, documents, new WatchRoots(options.watchRoots()),
        options.maxDocumentBytes(), nodeName.result());
      return serve(rag, config().getString("node_id"))
        .compose(served -> RagTools.serve(vertx, rag, options.maxTopK()))
        .compose(served -> watcher.start())
        .onSuccess(served -> {
          follower.start(options.pollMs());
          follower.catchUp();
          worker.start();
        });
    });
  }

  /** The name sources use for this node ({@code node.name}, else the host's name): stable across restarts. */
  private String nodeName() throws UnknownHostException {
    String configured = config().getJsonObject("node").getString("name", "");
    return configured.isBlank() ? InetAddress.getLocalHost().getHostName() : configured.strip();
  }

  private Future<Void> serve(RagService rag, String nodeId) {
    EventBus bus = vertx.eventBus();
    bus.<UserDeleted>consumer(AuthAddresses.USER_DELETED, deleted -> rag.deleteOwnedBy(deleted.body().userId())
      .onFailure(failure -> LOG.error("Could not delete the collections of user {}", deleted.body().userId(),
        failure)));
    return Future.all(List.of(
      RequestConsumers.<CollectionDraft>serve(bus, RagAddresses.COLLECTION_CREATE, rag::create).completion(),
      RequestConsumers.<ResourceId>serve(bus, RagAddresses.COLLECTION_GET, rag::get).completion(),
      RequestConsumers.<ListQuery>serve(bus, RagAddresses.COLLECTION_LIST, rag::list).completion(),
      RequestConsumers.<CollectionPatch>serve(bus, RagAddresses.COLLECTION_UPDATE, rag::update).completion(),
      RequestConsumers.<ResourceId>serve(bus, RagAddresses.COLLECTION_DELETE, rag::delete).completion(),
      RequestConsumers.<ResourceId>serve(bus, RagAddresses.COLLECTION_STATS, rag::stats).completion(),
      RequestConsumers.<ReindexRequest>serve(bus, RagAddresses.COLLECTION_REINDEX, rag::reindex).completion(),
      RequestConsumers.<SourceDraft>serve(bus, RagAddresses.SOURCE_CREATE, rag::createSource).completion(),
      RequestConsumers.<ResourceId>serve(bus, RagAddresses.SOURCE_LIST, rag::sources).completion(),
      RequestConsumers.<ResourceId>serve(bus, RagAddresses.SOURCE_GET, rag::source).completion(),
      RequestConsumers.<ResourceId>serve(bus, RagAddresses.SOURCE_DELETE, rag::deleteSource).completion(),
      RequestConsumers.<DocumentBatch>serve(bus, RagAddresses.DOCUMENT_ADD, rag::add).completion(),
      RequestConsumers.<DocumentQuery>serve(bus, RagAddresses.DOCUMENT_LIST, rag::documents).completion(),
      RequestConsumers.<ResourceId>serve(bus, RagAddresses.DOCUMENT_GET, rag::document).completion(),
      RequestConsumers.<ResourceId>serve(bus, RagAddresses.DOCUMENT_DELETE, rag::deleteDocument).completion(),
      RequestConsumers.<ResourceId>serve(bus, RagAddresses.JOB_GET, rag::job).completion(),
      RequestConsumers.<IngestEventQuery>serve(bus, RagAddresses.JOB_EVENTS_AFTER, rag::jobEvents).completion(),
      RequestConsumers.<SearchRequest>serve(bus, RagAddresses.SEARCH, rag::search).completion(),
      DomainPing.answer(vertx, "rag", nodeId))).mapEmpty();
  }

  /** Stops taking requests and jobs, then closes the index and the pool under nothing. */
  @Override
  public Future<?> stop() {
    return RequestConsumers.retire()
      .eventually(() -> watcher == null ? Future.succeededFuture() : watcher.stop())
      .eventually(() -> worker == null ? Future.succeededFuture() : worker.stop())
      .eventually(() -> follower == null ? Future.succeededFuture() : follower.close())
      .eventually(() -> search == null ? Future.succeededFuture() : search.close())
      .eventually(() -> embeddings == null ? Future.succeededFuture() : embeddings.close())
      .eventually(() -> index == null ? Future.succeededFuture() : vertx.executeBlocking(() -> {
        index.close();
        return null;
      }))
      .eventually(() -> redis == null ? Future.succeededFuture() : redis.close())
      .eventually(() -> pool == null ? Future.succeededFuture() : pool.close());
  }
}
