package io.agentmesh.contract;

import io.agentmesh.contract.agents.Agent;
import io.agentmesh.contract.agents.AgentDelete;
import io.agentmesh.contract.agents.AgentDraft;
import io.agentmesh.contract.agents.AgentEvent;
import io.agentmesh.contract.agents.AgentPage;
import io.agentmesh.contract.agents.AgentPatch;
import io.agentmesh.contract.agents.AgentQuery;
import io.agentmesh.contract.agents.AgentStatusUpdate;
import io.agentmesh.contract.agents.ModelSpec;
import io.agentmesh.contract.auth.ApiKeyCheck;
import io.agentmesh.contract.auth.ApiKeyCreate;
import io.agentmesh.contract.auth.ApiKeyCreated;
import io.agentmesh.contract.auth.ApiKeyList;
import io.agentmesh.contract.auth.ApiKeyView;
import io.agentmesh.contract.auth.AuditEvent;
import io.agentmesh.contract.auth.AuditPage;
import io.agentmesh.contract.auth.CredentialsRevoked;
import io.agentmesh.contract.auth.LoginList;
import io.agentmesh.contract.auth.LoginRequest;
import io.agentmesh.contract.auth.LoginView;
import io.agentmesh.contract.auth.PasswordChange;
import io.agentmesh.contract.auth.RefreshRequest;
import io.agentmesh.contract.auth.RegisterRequest;
import io.agentmesh.contract.auth.Revocation;
import io.agentmesh.contract.auth.RevocationPage;
import io.agentmesh.contract.auth.RevocationQuery;
import io.agentmesh.contract.auth.TokenPair;
import io.agentmesh.contract.auth.UserDeleted;
import io.agentmesh.contract.auth.UserPage;
import io.agentmesh.contract.auth.UserUpdate;
import io.agentmesh.contract.auth.UserView;
import io.agentmesh.contract.conformance.McpPayload;
import io.agentmesh.contract.ecs.ActRequest;
import io.agentmesh.contract.ecs.Compatibility;
import io.agentmesh.contract.ecs.EcsEntity;
import io.agentmesh.contract.ecs.EcsStatus;
import io.agentmesh.contract.ecs.EntityMemory;
import io.agentmesh.contract.ecs.EntityPage;
import io.agentmesh.contract.ecs.EntityPair;
import io.agentmesh.contract.ecs.EntityQuery;
import io.agentmesh.contract.ecs.EntityRelationships;
import io.agentmesh.contract.ecs.Experience;
import io.agentmesh.contract.ecs.Lineage;
import io.agentmesh.contract.ecs.LineageNode;
import io.agentmesh.contract.ecs.LineageQuery;
import io.agentmesh.contract.ecs.LinkRequest;
import io.agentmesh.contract.ecs.MapFrame;
import io.agentmesh.contract.ecs.MapQuery;
import io.agentmesh.contract.ecs.MateCandidate;
import io.agentmesh.contract.ecs.MateList;
import io.agentmesh.contract.ecs.MateQuery;
import io.agentmesh.contract.ecs.Neighbour;
import io.agentmesh.contract.ecs.Observation;
import io.agentmesh.contract.ecs.OffspringRequest;
import io.agentmesh.contract.ecs.Relationship;
import io.agentmesh.contract.ecs.SpawnRequest;
import io.agentmesh.contract.ecs.WorldControl;
import io.agentmesh.contract.ecs.WorldEvent;
import io.agentmesh.contract.ecs.WorldEvents;
import io.agentmesh.contract.mcp.CallNotice;
import io.agentmesh.contract.mcp.ClientReply;
import io.agentmesh.contract.mcp.ClientRequest;
import io.agentmesh.contract.mcp.ClientResponse;
import io.agentmesh.contract.mcp.McpCallCancelled;
import io.agentmesh.contract.mcp.McpNotification;
import io.agentmesh.contract.mcp.McpSession;
import io.agentmesh.contract.mcp.McpSubscription;
import io.agentmesh.contract.mcp.StreamEvent;
import io.agentmesh.contract.mcp.StreamResume;
import io.agentmesh.contract.memory.AppendedMessages;
import io.agentmesh.contract.memory.Compaction;
import io.agentmesh.contract.memory.ContextRequest;
import io.agentmesh.contract.memory.ContextWindow;
import io.agentmesh.contract.memory.Message;
import io.agentmesh.contract.memory.MessageBatch;
import io.agentmesh.contract.memory.MessageDraft;
import io.agentmesh.contract.memory.MessagePage;
import io.agentmesh.contract.memory.MessageQuery;
import io.agentmesh.contract.memory.Session;
import io.agentmesh.contract.memory.SessionDeleted;
import io.agentmesh.contract.memory.SessionDraft;
import io.agentmesh.contract.memory.SessionPage;
import io.agentmesh.contract.memory.SessionQuery;
import io.agentmesh.contract.node.NodeHealth;
import io.agentmesh.contract.ping.PingReply;
import io.agentmesh.contract.rag.ChunkingPolicy;
import io.agentmesh.contract.rag.CollectionDraft;
import io.agentmesh.contract.rag.CollectionPage;
import io.agentmesh.contract.rag.CollectionPatch;
import io.agentmesh.contract.rag.CollectionStats;
import io.agentmesh.contract.rag.DocumentBatch;
import io.agentmesh.contract.rag.DocumentError;
import io.agentmesh.contract.rag.DocumentFile;
import io.agentmesh.contract.rag.DocumentPage;
import io.agentmesh.contract.rag.DocumentQuery;
import io.agentmesh.contract.rag.IngestEvent;
import io.agentmesh.contract.rag.IngestEventPage;
import io.agentmesh.contract.rag.IngestEventQuery;
import io.agentmesh.contract.rag.IngestJob;
import io.agentmesh.contract.rag.RagCollection;
import io.agentmesh.contract.rag.RagDocument;
import io.agentmesh.contract.rag.RagSource;
import io.agentmesh.contract.rag.ReindexRequest;
import io.agentmesh.contract.rag.SearchHit;
import io.agentmesh.contract.rag.SearchRequest;
import io.agentmesh.contract.rag.SearchResult;
import io.agentmesh.contract.rag.SourceCheck;
import io.agentmesh.contract.rag.SourceDraft;
import io.agentmesh.contract.rag.SourceList;
import io.agentmesh.contract.tasks.CompletionRequest;
import io.agentmesh.contract.tasks.CompletionResult;
import io.agentmesh.contract.tasks.Task;
import io.agentmesh.contract.tasks.TaskDraft;
import io.agentmesh.contract.tasks.TaskError;
import io.agentmesh.contract.tasks.TaskEvent;
import io.agentmesh.contract.tasks.TaskEventPage;
import io.agentmesh.contract.tasks.TaskEventQuery;
import io.agentmesh.contract.tasks.TaskPage;
import io.agentmesh.contract.tasks.TaskQuery;
import io.agentmesh.contract.tools.ToolAnnotations;
import io.agentmesh.contract.tools.ToolCall;
import io.agentmesh.contract.tools.ToolDefinition;
import io.agentmesh.contract.tools.ToolInvocation;
import io.agentmesh.contract.tools.ToolOutput;
import io.agentmesh.contract.tools.ToolPage;
import io.agentmesh.contract.tools.ToolQuery;
import io.agentmesh.contract.tools.ToolRegistration;
import io.agentmesh.contract.tools.ToolResult;
import io.agentmesh.contract.tools.UpstreamDraft;
import io.agentmesh.contract.tools.UpstreamList;
import io.agentmesh.contract.tools.UpstreamServer;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One filled-in instance of every message record of the contract; a test fails when a record has none here. */
final class MessageSamples {

  private static final Instant T = Instant.parse("2026-11-26T10:00:00.123Z");
  private static final UserView USER = new UserView("usr_1", "ann", "ann@example.com", List.of("user"), false, T, T);
  private static final ApiKeyView KEY = new ApiKeyView("key_1", "amk_ab12", "ci", List.of("agents:read"), T, null,
    T.plusSeconds(3600));
  private static final AuditEvent AUDIT = new AuditEvent("aud_1", "login.failed", "usr_1", null, "127.0.0.1",
    "{\"reason\":\"password\"}", T);

  private static final ModelSpec MODEL = new ModelSpec("openai", "gpt-4o", Map.of("temperature", 0.2,
    "max_output_tokens", 1024));
  private static final Agent AGENT = new Agent("agt_1", "usr_1", "helper", "helps", "Be brief.", MODEL,
    List.of("search"), List.of("col_1"), "reject", Map.of("team", "a"), "idle", null, T, 3, T, T);
  private static final Session SESSION = new Session("ses_1", "agt_1", "usr_1", "chat", Map.of(), 2, 40, T, T);
  private static final Message MESSAGE = new Message("msg_1", "ses_1", 1, "assistant",
    List.of(Map.of("type", "tool_call", "id", "call_1", "name", "search", "arguments", "{}")), 12, false, T);

  private static final ToolDefinition TOOL = new ToolDefinition("agents_get", "Get an agent", "Reads one agent.",
    Map.of("type", "object", "required", List.of("id"), "properties", Map.of("id", Map.of("type", "string"))),
    Map.of("type", "object"), ToolAnnotations.READ_ONLY, "agents", "agents.tools.get", "agents:read");

  private static final UpstreamServer UPSTREAM = new UpstreamServer("weather", "https://mcp.example.com/mcp",
    "forecasts", true, "available", null, List.of("weather__forecast"), T, T);

  private static final Task TASK = new Task("tsk_1", "usr_1", "agt_1", "ses_1", "completed", "Hello",
    "Hi there", null, List.of(Map.of("type", "model_call", "duration_ms", 12)), Map.of("input_tokens", 10,
    "output_tokens", 3), null, 1, 8, T, T, T, List.of(Map.of("document_id", "doc_1", "chunk_id", "doc_1_0")));
  private static final TaskEvent TASK_EVENT = new TaskEvent("tsk_1", 3, 1, "task.message.delta",
    Map.of("delta", "Hi"), T);

  private static final RagCollection COLLECTION = new RagCollection("col_1", "usr_1", "runbooks", null,
    "all-minilm-l6-v2-q", new ChunkingPolicy(256, 32), Map.of("team", "ops"), 3, 40, 7, T, T);
  private static final RagDocument DOCUMENT = new RagDocument("doc_1", "col_1", "db.md", "text/markdown", "ab12",
    512, "indexed", null, 4, Map.of(), "ing_1", T, T);
  private static final IngestEvent INGEST_EVENT = new IngestEvent("ing_1", "usr_1", 2, "rag.ingest.progress",
    Map.of("documents_done", 1), T);
  private static final RagSource SOURCE = new RagSource("src_1", "col_1", "node-a", "/srv/code",
    List.of("**/*.java"), List.of(".git/**"), "watching", null, 12, T, T);
  private static final IngestJob JOB = new IngestJob("ing_1", "col_1", "completed", "done", 2, 2, 9, 9, 1,
    List.of("doc_1", "doc_2"), List.of(new DocumentError("doc_2", "x.bin", "unreadable", "not UTF-8")), T, T, T);
  private static final SearchHit HIT = new SearchHit("col_1", "doc_1", "db.md", "doc_1_0", 0, "Drain the writers",
    0, 17, 0.03, List.of("<b>Drain</b> the writers"), null);

  private static final EcsEntity ENTITY = new EcsEntity("ent_0000000100000002", true, "usr_1", "agt_1", 1,
    List.of("ent_0000000100000000", "ent_0000000100000001"), 40, null, Map.of("size", 0.5, "speed", 0.25), 12, 0.8,
    3.5, 4.25, 0.2, 0.4, "rest", 52);
  private static final LineageNode LEAF = new LineageNode("ent_0000000100000000", 0, 0, 90L, null, List.of(),
    List.of());
  private static final Compatibility COMPATIBLE = new Compatibility("ent_0000000100000000", "ent_0000000100000001",
    false, 0, 0.01, 0.02, 0.6, 0.5, List.of("too alike"), Map.of("size", 0.01));

  static final Map<Class<? extends Record>, Record> ALL = Map.ofEntries(
    Map.entry(CompletionRequest.class, new CompletionRequest("agt_1", "Summarize.", List.of(Map.of("role", "user",
      "content", "user: hi")), 300)),
    Map.entry(CompletionResult.class, new CompletionResult("They said hi.", 12, 4)),
    Map.entry(Compaction.class, new Compaction("ses_1", 8, 1200, MESSAGE)),
    Map.entry(TaskDraft.class, new TaskDraft("ses_1", "Hello", 4, List.of("whoami"), Map.of("temperature", 0.1),
      "key-1")),
    Map.entry(Task.class, TASK),
    Map.entry(TaskError.class, new TaskError("provider_error", "HTTP 500 from the provider")),
    Map.entry(TaskQuery.class, new TaskQuery(10, "desc", null, null, "agt_1", null, "queued")),
    Map.entry(TaskPage.class, new TaskPage(List.of(TASK), "tsk_1", "tsk_1", false)),
    Map.entry(TaskEvent.class, TASK_EVENT),
    Map.entry(ChunkingPolicy.class, new ChunkingPolicy(128, 16)),
    Map.entry(RagCollection.class, COLLECTION),
    Map.entry(CollectionDraft.class, new CollectionDraft("runbooks", "ops", null, null, Map.of("team", "ops"))),
    Map.entry(CollectionPatch.class, new CollectionPatch("col_1", Map.of("name", "renamed"))),
    Map.entry(CollectionPage.class, new CollectionPage(List.of(COLLECTION), "col_1", "col_1", false)),
    Map.entry(CollectionStats.class, new CollectionStats("col_1", 3, 40, 40, 81920, T, 0.8)),
    Map.entry(DocumentFile.class, new DocumentFile("db.md", "text/markdown", new byte[] {35, 32, 68}, Map.of())),
    Map.entry(DocumentBatch.class, new DocumentBatch("col_1", List.of(new DocumentFile("a.txt", null,
      new byte[] {97}, Map.of("k", "v"))))),
    Map.entry(RagDocument.class, DOCUMENT),
    Map.entry(DocumentQuery.class, new DocumentQuery("col_1", 10, "asc", null, null)),
    Map.entry(DocumentPage.class, new DocumentPage(List.of(DOCUMENT), "doc_1", "doc_1", true)),
    Map.entry(DocumentError.class, new DocumentError("doc_2", "x.bin", "unreadable", "not UTF-8")),
    Map.entry(IngestJob.class, JOB),
    Map.entry(EcsStatus.class, new EcsStatus(1200, 1.0, 1200, "running", 10, 9.5, 950, 20000, 40, 90, 40, 90,
      Map.of("size", 0.5), 42, 92, 92, "node-1")),
    Map.entry(EcsEntity.class, ENTITY),
    Map.entry(EntityQuery.class, new EntityQuery(20, "ent_0000000100000000", 1, "me", Map.of("size", 0.2),
      Map.of("speed", 0.9), false)),
    Map.entry(EntityPage.class, new EntityPage(List.of(ENTITY), ENTITY.id(), ENTITY.id(), false, 52)),
    Map.entry(SpawnRequest.class, new SpawnRequest(Map.of("size", 0.9), 1.0, 2.0)),
    Map.entry(OffspringRequest.class, new OffspringRequest(List.of("ent_0000000100000000", "ent_0000000100000001"))),
    Map.entry(EntityPair.class, new EntityPair("ent_0000000100000000", "ent_0000000100000001")),
    Map.entry(Compatibility.class, COMPATIBLE),
    Map.entry(MateQuery.class, new MateQuery("ent_0000000100000000", 5, 12.0)),
    Map.entry(MateCandidate.class, new MateCandidate("ent_0000000100000001", 0.7, 0.3, 2.5, null)),
    Map.entry(MateList.class, new MateList("ent_0000000100000000", 52, 12, List.of(new MateCandidate(
      "ent_0000000100000001", 0.7, 0.3, 2.5, "usr_1")))),
    Map.entry(LineageQuery.class, new LineageQuery("ent_0000000100000002", 3)),
    Map.entry(LineageNode.class, LEAF),
    Map.entry(Lineage.class, new Lineage("ent_0000000100000002", 1, new LineageNode("ent_0000000100000002", 1, 40,
      null, "usr_1", List.of(LEAF), List.of()))),
    Map.entry(Experience.class, new Experience("met", "ent_0000000100000001", 50)),
    Map.entry(EntityMemory.class, new EntityMemory("ent_0000000100000002", 52, List.of(new Experience("fed", null,
      51)))),
    Map.entry(Relationship.class, new Relationship("ent_0000000100000001", -0.2)),
    Map.entry(EntityRelationships.class, new EntityRelationships("ent_0000000100000002", 52, List.of(
      new Relationship("ent_0000000100000001", 0.3)))),
    Map.entry(LinkRequest.class, new LinkRequest("ent_0000000100000002", "agt_1")),
    Map.entry(ActRequest.class, new ActRequest("ent_0000000100000002", "move_toward", 3.0, 4.0, 100)),
    Map.entry(Neighbour.class, new Neighbour("ent_0000000100000001", 3, 4, 1.5, 0.2, true)),
    Map.entry(Observation.class, new Observation(ENTITY, 1.5, 3, List.of(new Neighbour("ent_0000000100000001", 3, 4,
      1.5, 0, false)))),
    Map.entry(WorldControl.class, new WorldControl("reset", null, null, 7L, 500)),
    Map.entry(MapQuery.class, new MapQuery(0.0, 0.0, 50.0, 50.0, "speed", 1000)),
    Map.entry(MapFrame.class, new MapFrame(52, 92, 92, "size", 2, true, List.of("ent_0000000100000001"),
      List.of(1.5f, 2.5f, 0.5f))),
    Map.entry(WorldEvent.class, new WorldEvent(51, "born", "ent_0000000100000002", "ent_0000000100000000",
      "ent_0000000100000001", null)),
    Map.entry(WorldEvents.class, new WorldEvents(52, List.of(new WorldEvent(52, "died", "ent_0000000100000003", null,
      null, "starved")))),
    Map.entry(SourceDraft.class, new SourceDraft("col_1", "node-a", "/srv/code", List.of("**/*.java"), null)),
    Map.entry(RagSource.class, SOURCE),
    Map.entry(SourceList.class, new SourceList(List.of(SOURCE))),
    Map.entry(SourceCheck.class, new SourceCheck("/srv/code")),
    Map.entry(ReindexRequest.class, new ReindexRequest("col_1", "all-minilm-l6-v2-q")),
    Map.entry(IngestEvent.class, INGEST_EVENT),
    Map.entry(IngestEventQuery.class, new IngestEventQuery("ing_1", 1, 100)),
    Map.entry(IngestEventPage.class, new IngestEventPage(List.of(INGEST_EVENT), false)),
    Map.entry(SearchRequest.class, new SearchRequest(List.of("col_1"), "drain", "hybrid", 5, Map.of("team", "ops"),
      0.01, null)),
    Map.entry(SearchHit.class, HIT),
    Map.entry(SearchResult.class, new SearchResult("hybrid", List.of(HIT))),
    Map.entry(TaskEventQuery.class, new TaskEventQuery("tsk_1", 2, 100)),
    Map.entry(TaskEventPage.class, new TaskEventPage(List.of(TASK_EVENT), false)),
    Map.entry(ToolAnnotations.class, ToolAnnotations.WRITES),
    Map.entry(McpSession.class, new McpSession("mcs_x", "usr_1", "2025-11-25", "info", List.of("sampling"))),
    Map.entry(CallNotice.class, new CallNotice("3", "progress", Map.of("progress", 50, "total", 100))),
    Map.entry(ClientRequest.class, new ClientRequest("3", "elicitation/create", Map.of("message", "Name?"))),
    Map.entry(ClientReply.class, new ClientReply(Map.of("action", "accept"), null)),
    Map.entry(ClientResponse.class, new ClientResponse("mcs_x", "ab12:3:q1", Map.of("action", "decline"), null)),
    Map.entry(StreamResume.class, new StreamResume("mcs_x", "3", 2, "mcp.relay.ab12", "4r")),
    Map.entry(StreamEvent.class, new StreamEvent("4r", "ab12:3:3", "{\"jsonrpc\":\"2.0\"}", false)),
    Map.entry(UpstreamDraft.class, new UpstreamDraft("weather", "https://mcp.example.com/mcp", "forecasts",
      "secret-token", Map.of("X-Team", "a"))),
    Map.entry(UpstreamServer.class, UPSTREAM),
    Map.entry(UpstreamList.class, new UpstreamList(List.of(UPSTREAM))),
    Map.entry(McpPayload.class, new McpPayload(Map.of("uri", "test://static-text"))),
    Map.entry(McpCallCancelled.class, new McpCallCancelled("mcs_x", "7")),
    Map.entry(McpSubscription.class, new McpSubscription("mcs_x", "agentmesh://sessions/ses_1")),
    Map.entry(McpNotification.class, new McpNotification("mcs_x", "{\"jsonrpc\":\"2.0\"}")),
    Map.entry(ToolDefinition.class, TOOL),
    Map.entry(ToolRegistration.class, new ToolRegistration("agents", List.of(TOOL))),
    Map.entry(ToolPage.class, new ToolPage(List.of(TOOL), "agents_get", "agents_get", false)),
    Map.entry(ToolQuery.class, new ToolQuery("agents", 20, "asc", null, null)),
    Map.entry(ToolCall.class, new ToolCall("agents_get", Map.of("id", "agt_1"))),
    Map.entry(ToolInvocation.class, new ToolInvocation("agents_get", Map.of("id", "agt_1"))),
    Map.entry(ToolOutput.class, new ToolOutput(Map.of("id", "agt_1", "name", "helper"),
      List.of(Map.of("type", "text", "text", "helper")))),
    Map.entry(ToolResult.class, new ToolResult("agents_get", Map.of("id", "agt_1"), "{\"id\":\"agt_1\"}", false,
      List.of(Map.of("type", "image", "data", "iVBO", "mimeType", "image/png")))),
    Map.entry(ModelSpec.class, MODEL),
    Map.entry(AgentDraft.class, new AgentDraft("helper", null, "Be brief.", MODEL, List.of(), List.of(), "enqueue",
      Map.of())),
    Map.entry(Agent.class, AGENT),
    Map.entry(AgentPatch.class, new AgentPatch("agt_1", Map.of("name", "renamed"), 3L)),
    Map.entry(AgentQuery.class, new AgentQuery(10, "asc", null, null, "idle", "hel", null)),
    Map.entry(AgentPage.class, new AgentPage(List.of(AGENT), "agt_1", "agt_1", false)),
    Map.entry(AgentDelete.class, new AgentDelete("agt_1", true)),
    Map.entry(AgentStatusUpdate.class, new AgentStatusUpdate("agt_1", "running", "task tsk_1")),
    Map.entry(AgentEvent.class, new AgentEvent("agt_1", "usr_1", "status", "running", "task tsk_1", 3, T)),
    Map.entry(SessionDraft.class, new SessionDraft("agt_1", "chat", Map.of("k", "v"))),
    Map.entry(Session.class, SESSION),
    Map.entry(SessionDeleted.class, new SessionDeleted("ses_1", "usr_1", "agt_1")),
    Map.entry(SessionQuery.class, new SessionQuery("agt_1", 5, null, null, null)),
    Map.entry(SessionPage.class, new SessionPage(List.of(SESSION), "ses_1", "ses_1", false)),
    Map.entry(MessageDraft.class, new MessageDraft("ses_1", "user", "hello", null, "tsk_1:1:2")),
    Map.entry(Message.class, MESSAGE),
    Map.entry(MessageQuery.class, new MessageQuery("ses_1", "hello", 20, "asc", null, null)),
    Map.entry(MessagePage.class, new MessagePage(List.of(MESSAGE), "msg_1", "msg_1", false)),
    Map.entry(MessageBatch.class, new MessageBatch("ses_1", List.of(new MessageDraft(null, "user", "hi", null,
      "task:tsk_1:input")))),
    Map.entry(AppendedMessages.class, new AppendedMessages(List.of(MESSAGE), 1)),
    Map.entry(ContextRequest.class, new ContextRequest("agt_1", "ses_1", 8000)),
    Map.entry(ContextWindow.class, new ContextWindow(List.of(MESSAGE), 12, 3, 40, "cl100k_base")),
    Map.entry(RegisterRequest.class, new RegisterRequest("ann", "ann@example.com", "correct horse")),
    Map.entry(LoginRequest.class, new LoginRequest("ann", "correct horse")),
    Map.entry(RefreshRequest.class, new RefreshRequest("rt_abc")),
    Map.entry(TokenPair.class, new TokenPair("eyJ...", "rt_abc", "Bearer", 900)),
    Map.entry(PasswordChange.class, new PasswordChange("old password", "new password")),
    Map.entry(ApiKeyCheck.class, new ApiKeyCheck("amk_secret")),
    Map.entry(UserDeleted.class, new UserDeleted("usr_1", T)),
    Map.entry(CredentialsRevoked.class, new CredentialsRevoked("usr_1", null, 1_700_000_000_000L, true)),
    Map.entry(Revocation.class, new Revocation(7, "usr_1", "lgn_1", null, false,
      Instant.parse("2026-01-01T00:15:00Z"))),
    Map.entry(RevocationQuery.class, new RevocationQuery(6, 500)),
    Map.entry(RevocationPage.class, new RevocationPage(List.of(new Revocation(7, "usr_1", null, 1_700_000_000_000L,
      true, Instant.parse("2026-01-01T00:15:00Z"))), 7, false)),
    Map.entry(ResourceId.class, new ResourceId("lgn_1")),
    Map.entry(UserUpdate.class, new UserUpdate("usr_1", List.of("admin"), null)),
    Map.entry(LoginView.class, new LoginView("lgn_1", "curl/8", "127.0.0.1", T, null)),
    Map.entry(AuditEvent.class, AUDIT),
    Map.entry(UserView.class, USER),
    Map.entry(ApiKeyCreate.class, new ApiKeyCreate("ci", List.of("agents:read"), null)),
    Map.entry(ApiKeyView.class, KEY),
    Map.entry(ApiKeyCreated.class, new ApiKeyCreated(KEY, "amk_ab12.secret")),
    Map.entry(LoginList.class, new LoginList(List.of(new LoginView("lgn_1", "curl/8", "::1", T, T)))),
    Map.entry(ApiKeyList.class, new ApiKeyList(List.of(KEY))),
    Map.entry(UserPage.class, new UserPage(List.of(USER), "usr_1", "usr_1", false)),
    Map.entry(AuditPage.class, new AuditPage(List.of(AUDIT), "aud_1", "aud_1", true)),
    Map.entry(ListQuery.class, new ListQuery(10, "asc", "usr_0", null)),
    Map.entry(PingReply.class, new PingReply("probe", "node-1")),
    Map.entry(NodeHealth.class, new NodeHealth("node-1", List.of(new NodeHealth.Check("postgres", true, null),
      new NodeHealth.Check("redis", false, "connection refused")))),
    Map.entry(NodeHealth.Check.class, new NodeHealth.Check("cluster", true, null)),
    Map.entry(Principal.class, new Principal("usr_1", Set.of("admin"), Set.of("agents:read"), "lgn_1")),
    Map.entry(FieldError.class, new FieldError("name", "must not be empty")));

  private MessageSamples() {
  }
}
