package io.agentmesh.verticles.rag;

import io.agentmesh.contract.BusHeaders;
import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.agentmesh.contract.EventBusCodecs;
import io.agentmesh.contract.Principal;
import io.agentmesh.contract.ResourceId;
import io.agentmesh.contract.auth.Scopes;
import io.agentmesh.contract.rag.CollectionDraft;
import io.agentmesh.contract.rag.CollectionStats;
import io.agentmesh.contract.rag.DocumentBatch;
import io.agentmesh.contract.rag.DocumentError;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

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
      Map.of(), null, null), caller);
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

    // hybrid: the fused list, its hits that hold the words highlighted (read from the index's offsets)
    List<SearchHit> hybrid = search(owner, docs.id(), "sweeper lease", "hybrid");
    assertThat(hybrid.get(0).documentName()).isEqualTo("leases.md");
    assertThat(hybrid.get(0).highlights()).anyMatch(text -> text.contains("<b>sweeper</b>"));
    assertThat(hybrid).extracting(SearchHit::score).isSortedAccordingTo(Comparator.reverseOrder());
  }

  @Test
  @DisplayName("every format is found in every mode by what it says: text, Markdown, code, HTML, PDF, DOCX")
  void everyFormat() throws Exception {
    Principal owner = newUser();
    RagCollection docs = collection(owner);
    Map<String, byte[]> files = Map.of(
      "keeper.txt", utf8("The lighthouse keeper polishes the great lens every evening before dusk."),
      "bread.md", utf8("# Kitchen\n\n## Sourdough\n\nFeed the starter with flour and water twice a day."),
      "orbit.py", utf8("def orbital_period(mass, radius):\n    \"\"\"Kepler's third law.\"\"\"\n"
        + "    return 2 * math.pi * math.sqrt(radius ** 3 / (G * mass))\n"),
      "penguins.html", utf8("<html><body><h1>Birds</h1><p>Emperor penguins huddle together to survive the "
        + "Antarctic winter &amp; its storms.</p></body></html>"),
      "volcano.pdf", SampleDocuments.pdf("Volcanic eruptions release sulfur dioxide into the stratosphere."),
      "concerto.docx", SampleDocuments.docx("The violin concerto premiered in Vienna in December 1806."));
    IngestJob job = request(RagAddresses.DOCUMENT_ADD, new DocumentBatch(docs.id(), files.entrySet().stream()
      .map(file -> new DocumentFile(file.getKey(), null, file.getValue(), Map.of())).toList()), owner);
    IngestJob done = Await.eventually(Duration.ofSeconds(60), () -> RagDomainTest.<IngestJob>request(
      RagAddresses.JOB_GET, new ResourceId(job.id()), owner), IngestJob::terminal);
    assertThat(done.errors()).isEmpty();
    assertThat(done.documentsDone()).isEqualTo(6);
    Map<String, String[]> questions = Map.of(
      "keeper.txt", new String[] {"who takes care of the light on the coast", "lighthouse lens"},
      "bread.md", new String[] {"how do I keep a bread culture alive", "sourdough starter"},
      "orbit.py", new String[] {"how long does a planet take to go around its star", "orbital_period"},
      "penguins.html", new String[] {"how do birds stay warm in the cold south", "emperor penguins"},
      "volcano.pdf", new String[] {"what gases do volcanoes emit", "sulfur dioxide"},
      "concerto.docx", new String[] {"when was the violin piece first performed", "violin concerto Vienna"});
    for (Map.Entry<String, String[]> question : questions.entrySet()) {
      String name = question.getKey();
      assertThat(search(owner, docs.id(), question.getValue()[0], "semantic").get(0).documentName()).as(name)
        .isEqualTo(name);
      assertThat(search(owner, docs.id(), question.getValue()[1], "keyword").get(0).documentName()).as(name)
        .isEqualTo(name);
      assertThat(search(owner, docs.id(), question.getValue()[1], "hybrid").get(0).documentName()).as(name)
        .isEqualTo(name);
    }
    assertThat(search(owner, docs.id(), "&amp;", "keyword")).as("entities decoded, markup gone").isEmpty();
  }

  @Test
  @DisplayName("a document that cannot be read fails alone, with its reason; the others are indexed")
  void unreadableDocument() throws Exception {
    Principal owner = newUser();
    RagCollection docs = collection(owner);
    IngestJob job = request(RagAddresses.DOCUMENT_ADD, new DocumentBatch(docs.id(), List.of(
      new DocumentFile("broken.pdf", "application/pdf", utf8("%PDF-1.7 this is not a PDF"), Map.of()),
      new DocumentFile("latin1.txt", null, new byte[] {(byte) 0xE9, (byte) 0xE8, 0x20, 0x41}, Map.of()),
      new DocumentFile("fine.txt", null, utf8("Quarterly planning starts in March."), Map.of()))), owner);
    IngestJob done = Await.eventually(Duration.ofSeconds(60), () -> RagDomainTest.<IngestJob>request(
      RagAddresses.JOB_GET, new ResourceId(job.id()), owner), IngestJob::terminal);
    assertThat(done.status()).isEqualTo("completed");
    assertThat(done.errors()).extracting(DocumentError::name, DocumentError::code)
      .containsExactlyInAnyOrder(tuple("broken.pdf", "unreadable"),
        tuple("latin1.txt", "unreadable"));
    assertThat(search(owner, docs.id(), "quarterly planning", "keyword")).hasSize(1);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("syntax: identifiers as written (case-sensitive, in order), regular expressions, the symbol filter")
  void syntax() throws Exception {
    Principal owner = newUser();
    RagCollection code = collection(owner);
    ingest(owner, code.id(), "HttpRequestParser.java", PARSER);
    List<SearchHit> phrase = search(owner, code.id(), "parseHttpRequest(String", "syntax");
    assertThat(phrase).hasSize(1);
    assertThat(phrase.get(0).highlights()).containsExactly("public Request parseHttpRequest(String rawText) {");
    assertThat(search(owner, code.id(), "parsehttprequest", "syntax")).as("case-sensitive").isEmpty();
    assertThat(search(owner, code.id(), "String parseHttpRequest", "syntax")).as("in order").isEmpty();

    List<SearchHit> regex = search(owner, code.id(), "/count[A-Z]\\w+\\(/", "syntax");
    assertThat(regex).extracting(SearchHit::symbol).containsExactly("countHeaders");
    assertThat(regex.get(0).highlights()).containsExactly("private static int countHeaders(String block) {");

    SearchResult bySymbol = request(RagAddresses.SEARCH, new SearchRequest(List.of(code.id()), "String", "syntax", 5,
      Map.of(), null, "countHeaders"), owner);
    assertThat(bySymbol.hits()).extracting(SearchHit::symbol).containsExactly("countHeaders");
    DomainException bad = failure(RagAddresses.SEARCH, new SearchRequest(List.of(code.id()), "/(/", "syntax", 5,
      Map.of(), null, null), owner);
    assertThat(bad.errors()).anyMatch(error -> error.field().equals("query"));
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
  @DisplayName("a repeated search is answered from the cache, and an ingest makes the next one see the new document")
  void cachedButNeverStale() throws Exception {
    Principal owner = newUser();
    RagCollection docs = collection(owner);
    ingest(owner, docs.id(), "a.txt", "Invoices are approved by the finance team.");
    assertThat(search(owner, docs.id(), "invoices", "keyword")).hasSize(1);
    CollectionStats before = request(RagAddresses.COLLECTION_STATS, new ResourceId(docs.id()), owner);
    assertThat(search(owner, docs.id(), "invoices", "keyword")).hasSize(1);
    CollectionStats after = request(RagAddresses.COLLECTION_STATS, new ResourceId(docs.id()), owner);
    assertThat(after.cacheHitRate()).as("the second search was a hit").isGreaterThan(before.cacheHitRate());

    ingest(owner, docs.id(), "b.txt", "Invoices above a limit need two approvals.");
    assertThat(search(owner, docs.id(), "invoices", "keyword")).extracting(SearchHit::documentName)
      .containsExactlyInAnyOrder("a.txt", "b.txt");
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
      null, null), other).code()).isEqualTo(ErrorCode.NOT_FOUND);
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
      Map.of(), null, null), owner);
    assertThat(mode.errors()).anyMatch(error -> error.field().equals("mode"));
    Principal reader = new Principal(owner.userId(), Set.of("user"), Set.of(Scopes.RAG_READ), null);
    assertThat(failure(RagAddresses.COLLECTION_CREATE, new CollectionDraft("y", null, null, null, Map.of()), reader)
      .code()).isEqualTo(ErrorCode.FORBIDDEN);
  }
}
