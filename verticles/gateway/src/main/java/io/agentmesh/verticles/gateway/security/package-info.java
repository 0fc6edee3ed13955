/**
 * Who the caller is and whether they may: token and API-key authentication, the route guard that applies each
 * route's {@code Access} rule and admission (rate limits and revocation, through Redis), client addresses behind
 * trusted proxies, single-use stream tickets, the edge checks on request targets, security headers, and the watch
 * that ends open streams when their credential expires or is revoked.
 */
package io.agentmesh.verticles.gateway.security;
