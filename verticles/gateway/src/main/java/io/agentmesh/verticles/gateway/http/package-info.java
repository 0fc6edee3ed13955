/**
 * What every face of the gateway shares to turn a request into a bus message and a reply into a response: the bus
 * client (principal, request id and send timeout on every message), request bodies validated against their schemas,
 * JSON and problem responses, the failure-to-status mapping, request ids and the access log.
 */
package io.agentmesh.verticles.gateway.http;
