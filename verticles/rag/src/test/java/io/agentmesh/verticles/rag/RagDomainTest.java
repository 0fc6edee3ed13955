package io.agentmesh.verticles.rag;

import io.agentmesh.contract.BusHeaders;
import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.agentmesh.contract.EventBusCodecs;
import io.agentmesh.contract.Principal;
import io.agentmesh.contract.ResourceId;
import io.agentmesh.contract.auth.Scopes;
import io.agentmesh.contract.rag.CollectionDraft;
import io.agentmesh.contract.rag.DocumentBatch;
import io.agentmesh.contract.rag.DocumentFile;
import io.agentmesh.contract.rag.IngestJob;
import io.agentmesh.contract.rag.RagAddresses;
import io.agentmesh.contract.rag.RagCollection;
import io.agentmesh.contract.rag.RagDocument;
import io.agentmesh.contract.rag.SearchHit;
import io.agentmesh.contract.rag.SearchRequest;
import io.agentmesh.contract.rag.SearchResult;
import io.agentmesh.testing.Await;
import io.agentmesh.testing.DeployedDomain;
import io.vertx.core.eventbus.Message;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The rag domain through its bus addresses: ingest, every search mode, replacement, deletion and isolation. */
@DisplayName("The rag domain")
class RagDomainTest {

  @RegisterExtension
  static final DeployedDomain rag = DeployedDomain.of(RagVerticle::new).prepare(EventBusCodecs::register)
    .configure(config -> {
      try {
        config.getJsonObject("rag").put("index_dir", Files.createTempDirectory("rag-index").toString());
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });

  private static final String LEASES = """
    # Leases
    A worker holds a task under a lease that it renews by heartbeat. When the node dies, the lease lapses and the
    sweeper puts the task back in the queue, where another node claims it. Fencing tokens stop a stale worker.
    """;
  private static final String PARSER = """
    package demo;

    public final class HttpRequestParser {

      public Request parseHttpRequest(String rawText) {
        return new Request(rawText.strip());
      }

      private static int countHeaders(String block) {
        return block.split("\\n").length;
      }
    }
    """;

  private static Principal newUser() {
    return new Principal("usr_" + UUID.randomUUID().toString().replace("-", ""), Set.of("user"), Scopes.USER, null);
  }

  private static <T> T request(String address, Object body, Principal caller) throws Exception {
    return Await.<Message<T>>result(rag.vertx().eventBus()
      .request(address, body, BusHeaders.deliveryOptions(caller, "rag-test", 30_000))).body();
  }

  private static DomainException failure(String address, Object body, Principal caller) {
    Throwable thrown = catchThrowable(() -> request(address, body, caller));
    assertThat(thrown).as(address).isInstanceOf(DomainException.class);
    return (DomainException) thrown;
  }

  private static RagCollection collection(Principal owner) throws Exception {
    return request(RagAddresses.COLLECTION_CREATE, new CollectionDraft("docs", null, null, null, Map.of()), owner);
  }

  private static IngestJob ingest(Principal owner, String collectionId, String name, String text) throws Exception {
    IngestJob job = request(RagAddresses.DOCUMENT_ADD, new DocumentBatch(collectionId, List.of(new DocumentFile(name,
      null, text.getBytes(StandardCharsets.UTF_8), Map.of("topic", "ops")))), owner);
    return Await.eventually(Duration.ofSeconds(60), () -> RagDomainTest.<IngestJob>request(RagAddresses.JOB_GET,
      new ResourceId(job.id()), owner), IngestJob::terminal);
  }

  private static List<SearchHit> search(Principal caller, String collectionId, String query, String mode)
    throws Exception {
    SearchResult result = request(RagAddresses.SEARCH, new SearchRequest(List.of(collectionId), query, mode, 5,
      Map.of(), null), caller);
    return result.hits();
  }

  @Test
  @DisplayName("a document is found by meaning, by keyword and by both, with offsets into its text")
  void ingestAndSearch() throws Exception {
    Principal owner = newUser();
    RagCollection docs = collection(owner);
    IngestJob job = ingest(owner, docs.id(), "leases.md", LEASES);
    assertThat(job.status()).isEqualTo("completed");
    assertThat(job.documentsDone()).isEqualTo(1);
    assertThat(job.chunksDone()).isPositive();
    ingest(owner, docs.id(), "HttpRequestParser.java", PARSER);

    List<SearchHit> semantic = search(owner, docs.id(), "what happens to work when a machine crashes", "semantic");
    assertThat(semantic.get(0).documentName()).isEqualTo("leases.md");
    SearchHit hit = semantic.get(0);
    assertThat(LEASES.substring(hit.startOffset(), hit.endOffset())).isEqualTo(hit.text());

    List<SearchHit> keyword = search(owner, docs.id(), "sweeper", "keyword");
    assertThat(keyword).extracting(SearchHit::documentName).containsExactly("leases.md");
    assertThat(keyword.get(0).highlights()).anyMatch(text -> text.contains("<b>sweeper</b>"));

    // code-aware words: a part of an identifier finds it, and the chunk knows the definition it holds
    List<SearchHit> code = search(owner, docs.id(), "http request", "keyword");
    assertThat(code.get(0).documentName()).isEqualTo("HttpRequestParser.java");
    assertThat(search(owner, docs.id(), "parseHttpRequest", "hybrid").get(0).symbol())
      .isEqualTo("parseHttpRequest");
  }

  @Test
  @DisplayName("the same bytes again are a no-op; a changed document replaces its chunks; a deleted one is gone")
  void replaceAndDelete() throws Exception {
    Principal owner = newUser();
    RagCollection docs = collection(owner);
    ingest(owner, docs.id(), "notes.txt", "The quarterly report is due on Friday.");
    IngestJob again = ingest(owner, docs.id(), "notes.txt", "The quarterly report is due on Friday.");
    assertThat(again.unchanged()).isEqualTo(1);
    assertThat(again.documentsTotal()).isZero();

    IngestJob changed = ingest(owner, docs.id(), "notes.txt", "The budget review moved to Monday.");
    assertThat(search(owner, docs.id(), "quarterly", "keyword")).isEmpty();
    List<SearchHit> budget = search(owner, docs.id(), "budget", "keyword");
    assertThat(budget).hasSize(1);
    assertThat(budget.get(0).documentId()).isEqualTo(changed.documentIds().get(0));

    Object deleted = request(RagAddresses.DOCUMENT_DELETE, new ResourceId(budget.get(0).documentId()), owner);
    assertThat(deleted).isNull();
    assertThat(search(owner, docs.id(), "budget", "hybrid")).isEmpty();
    assertThat(failure(RagAddresses.DOCUMENT_GET, new ResourceId(budget.get(0).documentId()), owner).code())
      .isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  @DisplayName("another user's collection, documents, jobs and results do not exist for them")
  void isolation() throws Exception {
    Principal owner = newUser();
    Principal other = newUser();
    RagCollection docs = collection(owner);
    IngestJob job = ingest(owner, docs.id(), "leases.md", LEASES);
    String documentId = job.documentIds().get(0);
    assertThat(failure(RagAddresses.COLLECTION_GET, new ResourceId(docs.id()), other).code())
      .isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(failure(RagAddresses.JOB_GET, new ResourceId(job.id()), other).code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(failure(RagAddresses.DOCUMENT_GET, new ResourceId(documentId), other).code())
      .isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(failure(RagAddresses.SEARCH, new SearchRequest(List.of(docs.id()), "lease", "keyword", 5, Map.of(),
      null), other).code()).isEqualTo(ErrorCode.NOT_FOUND);
    RagCollection theirs = collection(other);
    assertThat(search(other, theirs.id(), "lease", "keyword")).isEmpty();
    RagDocument mine = request(RagAddresses.DOCUMENT_GET, new ResourceId(documentId), owner);
    assertThat(mine.status()).isEqualTo("indexed");
  }

  @Test
  @DisplayName("bad input is a validation problem naming the field, and changes nothing")
  void validation() throws Exception {
    Principal owner = newUser();
    RagCollection docs = collection(owner);
    DomainException binary = failure(RagAddresses.DOCUMENT_ADD, new DocumentBatch(docs.id(), List.of(
      new DocumentFile("photo.png", "image/png", new byte[] {1, 2, 3}, Map.of()))), owner);
    assertThat(binary.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
    assertThat(binary.errors()).anyMatch(error -> error.field().equals("mime_type"));
    DomainException model = failure(RagAddresses.COLLECTION_CREATE, new CollectionDraft("x", null, "no-such-model",
      null, Map.of()), owner);
    assertThat(model.errors()).anyMatch(error -> error.field().equals("embedding_model"));
    DomainException mode = failure(RagAddresses.SEARCH, new SearchRequest(List.of(docs.id()), "q", "fuzzy", 5,
      Map.of(), null), owner);
    assertThat(mode.errors()).anyMatch(error -> error.field().equals("mode"));
    Principal reader = new Principal(owner.userId(), Set.of("user"), Set.of(Scopes.RAG_READ), null);
    assertThat(failure(RagAddresses.COLLECTION_CREATE, new CollectionDraft("y", null, null, null, Map.of()), reader)
      .code()).isEqualTo(ErrorCode.FORBIDDEN);
  }
}
