package io.agentmesh.verticles.rag;

import io.agentmesh.contract.ListQuery;
import io.agentmesh.contract.RequestConsumers;
import io.agentmesh.contract.auth.Scopes;
import io.agentmesh.contract.rag.DocumentBatch;
import io.agentmesh.contract.rag.DocumentFile;
import io.agentmesh.contract.rag.SearchRequest;
import io.agentmesh.contract.tools.ToolAnnotations;
import io.agentmesh.contract.tools.ToolDefinition;
import io.agentmesh.contract.tools.ToolHandlers;
import io.agentmesh.contract.tools.ToolOutput;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The rag domain's tools, for agents and MCP clients, with the rules of the REST routes: search the caller's
 * collections (each hit a citation: document, chunk, offsets), list them, and add a text document.
 */
final class RagTools {

  private static final Map<String, Object> ID = Map.of("type", "string", "maxLength", 64);

  private RagTools() {
  }

  static Future<Void> serve(Vertx vertx, RagService rag, int maxTopK) {
    return new ToolHandlers(vertx, "rag")
      .tool(new ToolDefinition("rag_search", "Search knowledge", "Searches the caller's collections by meaning and "
          + "by keyword; answers the best chunks with their document, position and score, to cite.",
          Map.of("type", "object", "required", List.of("query", "collection_ids"), "additionalProperties", false,
            "properties", Map.of("query", Map.of("type", "string", "minLength", 1, "maxLength", 4000),
              "collection_ids", Map.of("type", "array", "minItems", 1, "maxItems", 20, "items", ID),
              "mode", Map.of("enum", List.copyOf(SearchService.MODES)),
              "top_k", Map.of("type", "integer", "minimum", 1, "maximum", maxTopK),
              "symbol", Map.of("type", "string", "maxLength", 200))),
          null, ToolAnnotations.READ_ONLY, "rag", "rag.tools.search", Scopes.RAG_READ),
        call -> {
          Map<String, Object> args = call.body().arguments();
          @SuppressWarnings("unchecked")
          List<String> collections = (List<String>) args.get("collection_ids");
          SearchRequest request = new SearchRequest(collections, (String) args.get("query"),
            (String) args.get("mode"), (Integer) args.get("top_k"), Map.of(), null, (String) args.get("symbol"));
          return rag.search(RequestConsumers.caller(call), request).map(ToolOutput::ofRecord);
        })
      .tool(new ToolDefinition("rag_collections_list", "List knowledge collections", "The caller's collections: "
          + "ids, names, descriptions, document and chunk counts.", Map.of("type", "object",
            "additionalProperties", false, "properties", Map.of("limit", Map.of("type", "integer", "minimum", 1,
              "maximum", ListQuery.MAX_LIMIT), "after", ID)),
          null, ToolAnnotations.READ_ONLY, "rag", "rag.tools.collections_list", Scopes.RAG_READ),
        call -> rag.list(RequestConsumers.caller(call), new ListQuery((Integer) call.body().arguments().get("limit"),
          "asc", (String) call.body().arguments().get("after"), null)).map(ToolOutput::ofRecord))
      .tool(new ToolDefinition("rag_ingest_text", "Add a text document", "Adds a text document (plain, Markdown, "
          + "HTML or source code by its name's extension) to one of the caller's collections; answers the ingest "
          + "job (its status says when the document is searchable).",
          Map.of("type", "object", "required", List.of("collection_id", "name", "text"), "additionalProperties",
            false, "properties", Map.of("collection_id", ID, "name", Map.of("type", "string", "minLength", 1,
              "maxLength", 500), "text", Map.of("type", "string", "minLength", 1))),
          null, ToolAnnotations.WRITES, "rag", "rag.tools.ingest_text", Scopes.RAG_WRITE),
        call -> {
          Map<String, Object> args = call.body().arguments();
          DocumentFile file = new DocumentFile((String) args.get("name"), null,
            ((String) args.get("text")).getBytes(StandardCharsets.UTF_8), Map.of());
          return rag.add(RequestConsumers.caller(call), new DocumentBatch((String) args.get("collection_id"),
            List.of(file))).map(ToolOutput::ofRecord);
        })
      .start();
  }
}
