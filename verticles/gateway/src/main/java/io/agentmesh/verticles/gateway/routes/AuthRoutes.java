package io.agentmesh.verticles.gateway.routes;

import io.agentmesh.contract.MessageJson;
import io.agentmesh.contract.ResourceId;
import io.agentmesh.contract.auth.ApiKeyCreate;
import io.agentmesh.contract.auth.AuthAddresses;
import io.agentmesh.contract.auth.LoginRequest;
import io.agentmesh.contract.auth.PasswordChange;
import io.agentmesh.contract.auth.RefreshRequest;
import io.agentmesh.contract.auth.RegisterRequest;
import io.agentmesh.contract.auth.UserUpdate;
import io.agentmesh.verticles.gateway.http.Bodies;
import io.agentmesh.verticles.gateway.http.BusClient;
import io.agentmesh.verticles.gateway.http.Responses;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.function.Consumer;

/** The HTTP face of the auth domain: each handler maps a request to an {@code auth.*} message and back. */
public final class AuthRoutes {

  private final BusClient bus;

  public AuthRoutes(BusClient bus) {
    this.bus = bus;
  }

  public void register(RoutingContext ctx) {
    send(ctx, AuthAddresses.REGISTER, Bodies.read(ctx, RegisterRequest.class, "auth.register"), reply -> {
      ctx.response().putHeader("Location", "/api/v1/auth/me");
      Responses.record(ctx, 201, reply);
    });
  }

  public void login(RoutingContext ctx) {
    send(ctx, AuthAddresses.LOGIN, Bodies.read(ctx, LoginRequest.class, "auth.login"), ok(ctx));
  }

  public void refresh(RoutingContext ctx) {
    send(ctx, AuthAddresses.REFRESH, Bodies.read(ctx, RefreshRequest.class, "auth.refresh"), ok(ctx));
  }

  public void logout(RoutingContext ctx) {
    send(ctx, AuthAddresses.LOGOUT, Bodies.read(ctx, RefreshRequest.class, "auth.refresh"), none(ctx));
  }

  public void logoutAll(RoutingContext ctx) {
    send(ctx, AuthAddresses.LOGOUT_ALL, null, none(ctx));
  }

  public void me(RoutingContext ctx) {
    send(ctx, AuthAddresses.ME, null, ok(ctx));
  }

  public void deleteMe(RoutingContext ctx) {
    send(ctx, AuthAddresses.DELETE_ME, null, none(ctx));
  }

  public void changePassword(RoutingContext ctx) {
    send(ctx, AuthAddresses.PASSWORD_CHANGE, Bodies.read(ctx, PasswordChange.class, "auth.password.change"),
      none(ctx));
  }

  public void logins(RoutingContext ctx) {
    send(ctx, AuthAddresses.LOGINS_LIST, null, reply -> Responses.list(ctx, reply));
  }

  public void endLogin(RoutingContext ctx) {
    send(ctx, AuthAddresses.LOGIN_END, new ResourceId(ctx.pathParam("id")), none(ctx));
  }

  public void createApiKey(RoutingContext ctx) {
    send(ctx, AuthAddresses.API_KEY_CREATE, Bodies.read(ctx, ApiKeyCreate.class, "auth.api_keys.create"),
      reply -> Responses.record(ctx, 201, reply));
  }

  public void apiKeys(RoutingContext ctx) {
    send(ctx, AuthAddresses.API_KEY_LIST, null, reply -> Responses.list(ctx, reply));
  }

  public void revokeApiKey(RoutingContext ctx) {
    send(ctx, AuthAddresses.API_KEY_REVOKE, new ResourceId(ctx.pathParam("id")), none(ctx));
  }

  public void users(RoutingContext ctx) {
    send(ctx, AuthAddresses.USERS_LIST, Bodies.listQuery(ctx), reply -> Responses.list(ctx, reply));
  }

  /** JSON merge patch of {@code roles} and {@code disabled}. */
  public void updateUser(RoutingContext ctx) {
    JsonObject patch = Bodies.json(ctx, "auth.users.update").put("user_id", ctx.pathParam("id"));
    send(ctx, AuthAddresses.USER_UPDATE, MessageJson.fromJson(patch, UserUpdate.class), ok(ctx));
  }

  public void deleteUser(RoutingContext ctx) {
    send(ctx, AuthAddresses.USER_DELETE, new ResourceId(ctx.pathParam("id")), none(ctx));
  }

  public void audit(RoutingContext ctx) {
    send(ctx, AuthAddresses.AUDIT_LIST, Bodies.listQuery(ctx), reply -> Responses.list(ctx, reply));
  }

  public void rotateKeys(RoutingContext ctx) {
    send(ctx, AuthAddresses.SIGNING_KEYS_ROTATE, null, reply -> Responses.json(ctx, 200, (JsonObject) reply));
  }

  public void jwks(RoutingContext ctx) {
    send(ctx, AuthAddresses.SIGNING_KEYS, null, reply -> {
      ctx.response().putHeader("Cache-Control", "public, max-age=60");
      Responses.json(ctx, 200, (JsonObject) reply);
    });
  }

  private void send(RoutingContext ctx, String address, Object body, Consumer<Object> onReply) {
    bus.request(address, body, ctx).onSuccess(onReply::accept).onFailure(ctx::fail);
  }

  private static Consumer<Object> ok(RoutingContext ctx) {
    return reply -> Responses.record(ctx, 200, reply);
  }

  private static Consumer<Object> none(RoutingContext ctx) {
    return reply -> Responses.noContent(ctx);
  }
}
