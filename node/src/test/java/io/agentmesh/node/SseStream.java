package io.agentmesh.node;

import io.agentmesh.streams.SseReader;
import io.agentmesh.testing.Await;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A task's server-sent events read as they come, for tests that watch a stream while nodes come and go. */
final class SseStream {

  private SseStream() {
  }

  /** Adds each event's data to {@code seen}; the future completes when the server ends the stream. */
  static CompletableFuture<Void> open(HttpClient http, int port, String path, String token, List<JsonObject> seen)
    throws Exception {
    CompletableFuture<Void> ended = new CompletableFuture<>();
    SseReader reader = new SseReader(data -> seen.add(new JsonObject(data)));
    Await.result(http.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port)
        .setURI(path).addHeader("Authorization", "Bearer " + token))
      .compose(request -> request.send()).map(response -> response.handler(reader::feed)
        .exceptionHandler(ended::completeExceptionally).endHandler(end -> ended.complete(null))));
    return ended;
  }
}
