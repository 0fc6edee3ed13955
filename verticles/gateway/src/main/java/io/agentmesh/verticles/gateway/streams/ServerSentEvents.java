package io.agentmesh.verticles.gateway.streams;

import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.agentmesh.verticles.gateway.security.Caller;
import io.agentmesh.verticles.gateway.security.CredentialWatch;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * A topic as a server-sent event stream ({@code GET /api/v1/tasks/{id}/events}, {@code GET
 * /api/v1/ingest-jobs/{id}/events}): {@code id:} the sequence number, {@code event:} the type, {@code data:} the
 * event; it ends after the topic's last event. Resumes after {@code Last-Event-ID} or {@code ?after=}. When the
 * credential ends, a last {@code stream.ended} event says why ({@code credential_expired}, {@code
 * credential_revoked}); the client signs in again and resumes.
 */
public final class ServerSentEvents {

  private final TopicStreams streams;
  private final CredentialWatch credentials;

  public ServerSentEvents(TopicStreams streams, CredentialWatch credentials) {
    this.streams = streams;
    this.credentials = credentials;
  }

  /** The route handler for topics named by {@code prefix} and the path's {@code id}. */
  public Handler<RoutingContext> of(String prefix) {
    return ctx -> streams.topic(prefix + ctx.pathParam("id"))
      .ifPresentOrElse(topic -> open(ctx, topic),
        () -> ctx.fail(new DomainException(ErrorCode.NOT_FOUND, "No such stream.")));
  }

  private void open(RoutingContext ctx, TopicStreams.Topic topic) {
    long after = TopicStreams.after(ctx.request().getHeader("Last-Event-ID"), ctx.queryParams().get("after"));
    streams.authorize(topic, ctx).onSuccess(visible -> {
      HttpServerResponse response = ctx.response().setChunked(true).putHeader("Content-Type", "text/event-stream")
        .putHeader("Cache-Control", "no-store").putHeader("X-Accel-Buffering", "no");
      Runnable stopKeepAlive = streams.keepAlive(() -> {
        if (!response.ended()) {
          response.write(": keep-alive\n\n");
        }
      });
      Runnable forget = credentials.watch(Caller.of(ctx), reason -> {
        if (!response.ended()) {
          response.end("event: stream.ended\ndata: {\"reason\":\"" + reason + "\"}\n\n");
        }
      });
      response.endHandler(ended -> {
        stopKeepAlive.run();
        forget.run();
      });
      TopicStreams.Subscription subscription = streams.subscribe(ctx, topic, after, new TopicStreams.Sink() {
        public boolean closed() {
          return response.ended();
        }

        public void event(StreamEvent event) {
          response.write("id: " + event.sequence() + "\nevent: " + event.type() + "\ndata: " + event.json() + "\n\n");
        }

        public void ended(String name) {
          if (!response.ended()) {
            response.end();
          }
        }
      });
      response.closeHandler(closed -> {
        stopKeepAlive.run();
        forget.run();
        streams.unsubscribe(subscription);
      });
      response.write(": stream of " + topic.name() + "\n\n");
    }).onFailure(ctx::fail);
  }
}
