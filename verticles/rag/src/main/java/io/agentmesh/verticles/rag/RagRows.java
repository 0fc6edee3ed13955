package io.agentmesh.verticles.rag;

import io.agentmesh.contract.rag.ChunkingPolicy;
import io.agentmesh.contract.rag.DocumentError;
import io.agentmesh.contract.rag.IngestJob;
import io.agentmesh.contract.rag.RagCollection;
import io.agentmesh.contract.rag.RagDocument;
import io.agentmesh.storage.RowValues;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Rows of the rag schema as the contract's records. */
final class RagRows {

  static final String COLLECTION_COLUMNS = "c.id, c.owner_id, c.name, c.description, c.embedding_model, "
    + "c.chunk_tokens, c.chunk_overlap, c.metadata, c.version, c.created_at, c.updated_at, c.last_ingest_at, "
    + "(SELECT count(*) FROM documents d WHERE d.collection_id = c.id) AS document_count, "
    + "(SELECT count(*) FROM chunks k WHERE k.collection_id = c.id) AS chunk_count";
  static final String DOCUMENT_COLUMNS = "id, collection_id, name, mime_type, content_hash, size_bytes, status, "
    + "error, chunk_count, metadata, job_id, created_at, updated_at";

  private RagRows() {
  }

  static RagCollection collection(Row row) {
    return new RagCollection(row.getString("id"), row.getString("owner_id"), row.getString("name"),
      row.getString("description"), row.getString("embedding_model"),
      new ChunkingPolicy(row.getInteger("chunk_tokens"), row.getInteger("chunk_overlap")),
      strings((JsonObject) row.getValue("metadata")), row.getLong("document_count"), row.getLong("chunk_count"),
      row.getLong("version"), RowValues.instant(row, "created_at"), RowValues.instant(row, "updated_at"));
  }

  static RagDocument document(Row row) {
    return new RagDocument(row.getString("id"), row.getString("collection_id"), row.getString("name"),
      row.getString("mime_type"), row.getString("content_hash"), row.getLong("size_bytes"), row.getString("status"),
      row.getString("error"), row.getInteger("chunk_count"), strings((JsonObject) row.getValue("metadata")),
      row.getString("job_id"), RowValues.instant(row, "created_at"), RowValues.instant(row, "updated_at"));
  }

  static IngestJob job(Row row) {
    List<DocumentError> errors = new ArrayList<>();
    JsonArray stored = (JsonArray) row.getValue("errors");
    for (int i = 0; i < stored.size(); i++) {
      JsonObject error = stored.getJsonObject(i);
      errors.add(new DocumentError(error.getString("document_id"), error.getString("name"), error.getString("code"),
        error.getString("message")));
    }
    String[] ids = row.getArrayOfStrings("document_ids");
    return new IngestJob(row.getString("id"), row.getString("collection_id"), row.getString("status"),
      row.getString("stage"), row.getInteger("documents_total"), row.getInteger("documents_done"),
      row.getInteger("chunks_total"), row.getInteger("chunks_done"), row.getInteger("unchanged"),
      ids == null ? List.of() : Arrays.asList(ids), errors, RowValues.instant(row, "created_at"),
      RowValues.instant(row, "updated_at"), RowValues.instant(row, "completed_at"));
  }

  /** A job's counters, as its progress events carry them. */
  static Map<String, Object> progress(IngestJob job) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("job_id", job.id());
    data.put("collection_id", job.collectionId());
    data.put("status", job.status());
    data.put("stage", job.stage());
    data.put("documents_total", job.documentsTotal());
    data.put("documents_done", job.documentsDone());
    data.put("chunks_total", job.chunksTotal());
    data.put("chunks_done", job.chunksDone());
    data.put("errors", job.errors().size());
    return data;
  }

  static Map<String, String> strings(JsonObject json) {
    Map<String, String> out = new LinkedHashMap<>();
    if (json != null) {
      json.forEach(entry -> out.put(entry.getKey(), String.valueOf(entry.getValue())));
    }
    return out;
  }
}
