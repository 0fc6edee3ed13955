package io.agentmesh.verticles.gateway.routes;

import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.FieldError;
import io.agentmesh.contract.ListQuery;
import io.agentmesh.contract.MessageJson;
import io.agentmesh.contract.MessageSchemas;
import io.agentmesh.contract.ResourceId;
import io.agentmesh.contract.rag.CollectionDraft;
import io.agentmesh.contract.rag.CollectionPatch;
import io.agentmesh.contract.rag.DocumentBatch;
import io.agentmesh.contract.rag.DocumentFile;
import io.agentmesh.contract.rag.DocumentQuery;
import io.agentmesh.contract.rag.IngestJob;
import io.agentmesh.contract.rag.RagAddresses;
import io.agentmesh.contract.rag.RagCollection;
import io.agentmesh.contract.rag.RagSource;
import io.agentmesh.contract.rag.ReindexRequest;
import io.agentmesh.contract.rag.SearchRequest;
import io.agentmesh.contract.rag.SourceDraft;
import io.agentmesh.verticles.gateway.http.Bodies;
import io.agentmesh.verticles.gateway.http.BusClient;
import io.agentmesh.verticles.gateway.http.Responses;
import io.agentmesh.verticles.gateway.http.Uploads;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The HTTP face of the rag domain: collections, their documents, ingest jobs and search. */
public final class RagRoutes {

  private final BusClient bus;

  public RagRoutes(BusClient bus) {
    this.bus = bus;
  }

  public void create(RoutingContext ctx) {
    CollectionDraft draft = Bodies.read(ctx, CollectionDraft.class, "rag.collections.create");
    bus.<RagCollection>request(RagAddresses.COLLECTION_CREATE, draft, ctx).onSuccess(collection -> {
      ctx.response().putHeader("Location", "/api/v1/collections/" + collection.id());
      Responses.record(ctx, 201, collection);
    }).onFailure(ctx::fail);
  }

  public void list(RoutingContext ctx) {
    ListQuery query = Bodies.listQuery(ctx);
    bus.request(RagAddresses.COLLECTION_LIST, query, ctx).onSuccess(reply -> Responses.list(ctx, reply))
      .onFailure(ctx::fail);
  }

  public void get(RoutingContext ctx) {
    forId(ctx, RagAddresses.COLLECTION_GET);
  }

  public void update(RoutingContext ctx) {
    JsonObject patch = Bodies.json(ctx, "rag.collections.patch");
    bus.request(RagAddresses.COLLECTION_UPDATE, new CollectionPatch(ctx.pathParam("id"), patch.getMap()), ctx)
      .onSuccess(reply -> Responses.record(ctx, 200, reply)).onFailure(ctx::fail);
  }

  public void delete(RoutingContext ctx) {
    bus.request(RagAddresses.COLLECTION_DELETE, new ResourceId(ctx.pathParam("id")), ctx)
      .onSuccess(reply -> Responses.noContent(ctx)).onFailure(ctx::fail);
  }

  public void stats(RoutingContext ctx) {
    forId(ctx, RagAddresses.COLLECTION_STATS);
  }

  /** A rebuild of the collection from PostgreSQL as an ingest job; the body may name a new embedding model. */
  public void reindex(RoutingContext ctx) {
    JsonObject body = ctx.body().length() <= 0 ? new JsonObject() : Bodies.json(ctx, "rag.collections.reindex");
    bus.<IngestJob>request(RagAddresses.COLLECTION_REINDEX, new ReindexRequest(ctx.pathParam("id"),
      body.getString("embedding_model")), ctx).onSuccess(job -> accepted(ctx, job)).onFailure(ctx::fail);
  }

  /** Administrators: a directory on a named node followed into the collection. */
  public void createSource(RoutingContext ctx) {
    JsonObject body = Bodies.json(ctx, "rag.sources.create");
    SourceDraft draft = new SourceDraft(ctx.pathParam("id"), body.getString("node_name"), body.getString("path"),
      strings(body.getJsonArray("include")), strings(body.getJsonArray("exclude")));
    bus.<RagSource>request(RagAddresses.SOURCE_CREATE, draft, ctx).onSuccess(source -> {
      ctx.response().putHeader("Location", "/api/v1/sources/" + source.id());
      Responses.record(ctx, 201, source);
    }).onFailure(ctx::fail);
  }

  public void sources(RoutingContext ctx) {
    bus.request(RagAddresses.SOURCE_LIST, new ResourceId(ctx.pathParam("id")), ctx)
      .onSuccess(reply -> Responses.list(ctx, reply)).onFailure(ctx::fail);
  }

  public void source(RoutingContext ctx) {
    forId(ctx, RagAddresses.SOURCE_GET);
  }

  public void deleteSource(RoutingContext ctx) {
    bus.request(RagAddresses.SOURCE_DELETE, new ResourceId(ctx.pathParam("id")), ctx)
      .onSuccess(reply -> Responses.noContent(ctx)).onFailure(ctx::fail);
  }

  private static List<String> strings(JsonArray values) {
    return values == null ? null : values.stream().map(String::valueOf).toList();
  }

  /**
   * Documents as JSON text or as {@code multipart/form-data} files (a {@code metadata} field, a JSON object of
   * strings, applies to every file): stored before the answer, 202 with the job that ingests them.
   */
  public void addDocument(RoutingContext ctx) {
    if (Uploads.isUpload(ctx)) {
      addFiles(ctx);
      return;
    }
    JsonObject body = Bodies.json(ctx, "rag.documents.add");
    JsonObject metadata = body.getJsonObject("metadata", new JsonObject());
    DocumentFile file = new DocumentFile(body.getString("name"), body.getString("mime_type"),
      body.getString("text").getBytes(StandardCharsets.UTF_8), MessageJson.fromJson(new JsonObject()
        .put("metadata", metadata), DocumentFile.class).metadata());
    add(ctx, List.of(file));
  }

  private void addFiles(RoutingContext ctx) {
    List<FileUpload> uploads = ctx.fileUploads();
    if (uploads.isEmpty()) {
      throw DomainException.validation(List.of(new FieldError("files", "a multipart upload needs a file part")));
    }
    Map<String, String> metadata = metadata(ctx.request().getFormAttribute("metadata"));
    List<Future<DocumentFile>> files = uploads.stream().map(upload -> ctx.vertx().fileSystem()
      .readFile(upload.uploadedFileName()).map(bytes -> new DocumentFile(upload.fileName(),
        "application/octet-stream".equals(upload.contentType()) ? null : upload.contentType(), bytes.getBytes(),
        metadata))).toList();
    Future.all(files).onSuccess(all -> add(ctx, all.list())).onFailure(ctx::fail);
  }

  private static Map<String, String> metadata(String field) {
    if (field == null || field.isBlank()) {
      return Map.of();
    }
    JsonObject json;
    try {
      json = new JsonObject(field);
    } catch (DecodeException e) {
      throw DomainException.validation(List.of(new FieldError("metadata", "must be a JSON object of strings")));
    }
    List<FieldError> errors = MessageSchemas.check("rag.documents.add", new JsonObject().put("name", "x")
      .put("text", "x").put("metadata", json));
    if (!errors.isEmpty()) {
      throw DomainException.validation(errors);
    }
    return MessageJson.fromJson(new JsonObject().put("metadata", json), DocumentFile.class).metadata();
  }

  private void add(RoutingContext ctx, List<DocumentFile> files) {
    bus.<IngestJob>request(RagAddresses.DOCUMENT_ADD, new DocumentBatch(ctx.pathParam("id"), files), ctx)
      .onSuccess(job -> accepted(ctx, job)).onFailure(ctx::fail);
  }

  private static void accepted(RoutingContext ctx, IngestJob job) {
    ctx.response().putHeader("Location", "/api/v1/ingest-jobs/" + job.id());
    Responses.record(ctx, 202, job);
  }

  public void documents(RoutingContext ctx) {
    ListQuery page = Bodies.listQuery(ctx);
    DocumentQuery query = new DocumentQuery(ctx.pathParam("id"), page.limit(), page.order(), page.after(),
      page.before());
    bus.request(RagAddresses.DOCUMENT_LIST, query, ctx).onSuccess(reply -> Responses.list(ctx, reply))
      .onFailure(ctx::fail);
  }

  public void document(RoutingContext ctx) {
    forId(ctx, RagAddresses.DOCUMENT_GET);
  }

  public void deleteDocument(RoutingContext ctx) {
    bus.request(RagAddresses.DOCUMENT_DELETE, new ResourceId(ctx.pathParam("id")), ctx)
      .onSuccess(reply -> Responses.noContent(ctx)).onFailure(ctx::fail);
  }

  public void job(RoutingContext ctx) {
    forId(ctx, RagAddresses.JOB_GET);
  }

  /** One collection's search: the path names it. */
  public void searchCollection(RoutingContext ctx) {
    JsonObject body = Bodies.json(ctx, "rag.search");
    search(ctx, body.put("collection_ids", new JsonArray().add(ctx.pathParam("id"))));
  }

  /** Several collections at once ({@code collection_ids}), fused by rank. */
  public void search(RoutingContext ctx) {
    search(ctx, Bodies.json(ctx, "rag.search"));
  }

  private void search(RoutingContext ctx, JsonObject body) {
    bus.request(RagAddresses.SEARCH, MessageJson.fromJson(body, SearchRequest.class), ctx)
      .onSuccess(reply -> Responses.record(ctx, 200, reply)).onFailure(ctx::fail);
  }

  private void forId(RoutingContext ctx, String address) {
    bus.request(address, new ResourceId(ctx.pathParam("id")), ctx)
      .onSuccess(reply -> Responses.record(ctx, 200, reply)).onFailure(ctx::fail);
  }
}
