/**
 * The HTTP gateway: {@link io.agentmesh.verticles.gateway.GatewayVerticle} starts the server, {@link
 * io.agentmesh.verticles.gateway.ApiRouter} is the one table of every route with its access rule and rate-limit
 * class, and {@link io.agentmesh.verticles.gateway.GatewayOptions} is the gateway's configuration. The gateway owns no
 * data: each feature package maps HTTP to bus messages and back.
 */
package io.agentmesh.verticles.gateway;
