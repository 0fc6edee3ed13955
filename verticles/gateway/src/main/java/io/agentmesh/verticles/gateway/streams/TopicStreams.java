package io.agentmesh.verticles.gateway.streams;

import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.agentmesh.contract.Principal;
import io.agentmesh.contract.streams.StreamTopics;
import io.agentmesh.verticles.gateway.security.Principals;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fan-out behind every event stream of one gateway instance. One bus consumer per kind of topic receives every
 * published event and hands it to the subscriptions of its topic, encoded once. A subscription starts after a
 * sequence number: it first gets what follows from the owning domain's store, then live events, each once and in
 * order; a live event that would leave a gap sends it back to the store for the missing ones. The faces (server-sent
 * events, the WebSocket) only say where events go.
 */
public final class TopicStreams {

  private static final long KEEP_ALIVE_MS = 15_000;
  private static final int PAGE = 500;

  /** Where a subscription's events go. */
  public interface Sink {
    boolean closed();

    void event(StreamEvent event);

    /** The topic ended (its last event was sent), it cannot be read any more, or the gateway is stopping. */
    void ended(String topic);
  }

  /** A topic name taken apart: the kind of topic and the id it follows. */
  public record Topic(TopicSource source, String id) {
    public String name() {
      return source.prefix() + id;
    }
  }

  /** One topic followed by one client: what it was sent, and live events held while it catches up. */
  public static final class Subscription {
    private final RoutingContext ctx;
    private final Topic topic;
    private final Sink sink;
    private long written;
    private boolean catchingUp;
    private final List<StreamEvent> held = new ArrayList<>();

    private Subscription(RoutingContext ctx, Topic topic, long after, Sink sink) {
      this.ctx = ctx;
      this.topic = topic;
      this.written = after;
      this.sink = sink;
    }

    public Topic topic() {
      return topic;
    }
  }

  private final Map<String, TopicSource> sources = new LinkedHashMap<>();
  private final Map<String, List<Subscription>> byTopic = new HashMap<>();
  private final List<Runnable> keepAlives = new ArrayList<>();

  public TopicStreams(Vertx vertx, List<TopicSource> sources) {
    for (TopicSource source : sources) {
      this.sources.put(source.prefix(), source);
      source.liveAddresses().forEach(address -> vertx.eventBus().consumer(address,
        message -> live(source.event(message.body()))));
    }
    vertx.setPeriodic(KEEP_ALIVE_MS, t -> List.copyOf(keepAlives).forEach(Runnable::run));
  }

  /** The topic a client named, if it is one that may be followed at all. */
  public Optional<Topic> topic(String name) {
    if (name == null || name.length() > StreamTopics.MAX_LENGTH) {
      return Optional.empty();
    }
    return sources.values().stream()
      .filter(source -> name.startsWith(source.prefix()) && name.length() > source.prefix().length())
      .findFirst().map(source -> new Topic(source, name.substring(source.prefix().length())));
  }

  /** The topic of {@code id} under the source whose WebSocket field is {@code idField}, if there is one. */
  public Optional<Topic> topicById(String idField, String id) {
    return sources.values().stream().filter(source -> source.idField().equals(idField)).findFirst()
      .flatMap(source -> topic(source.prefix() + id));
  }

  public List<String> idFields() {
    return sources.values().stream().map(TopicSource::idField).toList();
  }

  /**
   * Fails unless the caller may follow some kind of topic (it holds the scope of one): a socket or a stream ticket
   * is of no use to anyone else, and is refused to them as the stream routes would refuse them.
   */
  public void requireSomeTopic(RoutingContext ctx) {
    Principal principal = Principals.of(ctx);
    if (sources.values().stream().noneMatch(source -> principal.hasScope(source.scope()))) {
      throw new DomainException(ErrorCode.FORBIDDEN, "Your credential lacks the scope of every stream: "
        + String.join(", ", sources.values().stream().map(TopicSource::scope).toList()) + ".");
    }
  }

  /** Whether the caller of {@code ctx} may follow {@code topic}: the topic's scope here, the owner's rule there. */
  public Future<Topic> authorize(Topic topic, RoutingContext ctx) {
    if (!Principals.of(ctx).hasScope(topic.source().scope())) {
      return Future.failedFuture(new DomainException(ErrorCode.FORBIDDEN,
        "Your credential lacks the scope " + topic.source().scope() + "."));
    }
    return topic.source().authorize(topic.id(), ctx).map(topic);
  }

  /** Follows an authorized topic after {@code after}; the sink gets stored events first, then live ones. */
  public Subscription subscribe(RoutingContext ctx, Topic topic, long after, Sink sink) {
    Subscription subscription = new Subscription(ctx, topic, after, sink);
    byTopic.computeIfAbsent(topic.name(), name -> new ArrayList<>()).add(subscription);
    catchUp(subscription);
    return subscription;
  }

  public void unsubscribe(Subscription subscription) {
    List<Subscription> subscriptions = byTopic.get(subscription.topic.name());
    if (subscriptions != null) {
      subscriptions.remove(subscription);
      if (subscriptions.isEmpty()) {
        byTopic.remove(subscription.topic.name());
      }
    }
  }

  /** Runs {@code ping} every 15 s until the returned action stops it (proxies drop silent connections). */
  public Runnable keepAlive(Runnable ping) {
    keepAlives.add(ping);
    return () -> keepAlives.remove(ping);
  }

  /** Ends every stream (graceful shutdown); clients resume elsewhere from the last sequence they saw. */
  public void closeAll() {
    byTopic.values().forEach(subscriptions -> List.copyOf(subscriptions).forEach(subscription -> {
      if (!subscription.sink.closed()) {
        subscription.sink.ended(subscription.topic.name());
      }
    }));
    byTopic.clear();
  }

  private void catchUp(Subscription subscription) {
    subscription.catchingUp = true;
    subscription.topic.source().after(subscription.topic.id(), subscription.written, PAGE, subscription.ctx)
      .onSuccess(page -> {
        page.events().forEach(event -> write(subscription, event));
        if (page.hasMore() && !subscription.sink.closed()) {
          catchUp(subscription);
          return;
        }
        subscription.catchingUp = false;
        List<StreamEvent> held = List.copyOf(subscription.held);
        subscription.held.clear();
        held.forEach(event -> deliver(subscription, event));
      })
      .onFailure(failure -> {
        unsubscribe(subscription);
        subscription.sink.ended(subscription.topic.name());
      });
  }

  private void live(StreamEvent event) {
    List<Subscription> subscriptions = byTopic.get(event.topic());
    if (subscriptions != null) {
      List.copyOf(subscriptions).forEach(subscription -> deliver(subscription, event));
    }
  }

  private void deliver(Subscription subscription, StreamEvent event) {
    if (subscription.catchingUp) {
      subscription.held.add(event);
    } else if (!subscription.topic.source().numbered()) {
      write(subscription, event); // a state feed: the newest state, whatever came between
    } else if (event.sequence() == subscription.written + 1) {
      write(subscription, event);
    } else if (event.sequence() > subscription.written + 1) {
      subscription.held.add(event);
      catchUp(subscription);
    }
  }

  private void write(Subscription subscription, StreamEvent event) {
    if (event.sequence() <= subscription.written || subscription.sink.closed()) {
      return;
    }
    subscription.written = event.sequence();
    subscription.sink.event(event);
    if (event.terminal()) {
      unsubscribe(subscription);
      subscription.sink.ended(subscription.topic.name());
    }
  }

  /** The sequence a subscription starts after: {@code Last-Event-ID}, else {@code after}; 0 when absent or bad. */
  public static long after(String header, String query) {
    String value = header != null ? header : query;
    try {
      return value == null ? 0 : Math.max(0, Long.parseLong(value.trim()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
