import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { HeaderMap, type ApolloServer, type HTTPGraphQLRequest } from "@apollo/server";
import type { Context } from "../context.js";
import type { Logger } from "../logger.js";
import type { GatewayMetrics } from "../metrics.js";
import { runInRequest, type RequestState } from "../request-state.js";
import type { TrustedDocuments } from "../graphql/trusted-documents.js";
import { faultMessage } from "../graphql/error-policy.js";
import type { JsonBody } from "./json-body.js";
import { bodyRefusal, sendError } from "./json-errors.js";

/** One request to /graphql, as the pieces that serve it see it. */
export interface GraphQLExchange {
  req: IncomingMessage;
  res: ServerResponse;
  requestId: string;
  state: RequestState;
  /** The request as Apollo gets it (method, headers, query string, parsed body); set once the body is read. */
  http?: HTTPGraphQLRequest;
}

export interface GraphQLEndpointOptions {
  apollo: ApolloServer<Context>;
  cors(req: IncomingMessage, res: ServerResponse, next: () => void): void;
  readBody(req: IncomingMessage, res: ServerResponse): Promise<JsonBody>;
  trusted: TrustedDocuments;
  metrics: GatewayMetrics;
  logger: Logger;
  production: boolean;
  /** The request's context: authenticates and limits it, and throws the GraphQLError it is refused with. */
  context(exchange: GraphQLExchange): Promise<Context>;
}

/**
 * /graphql on node:http: a request id, CORS, the JSON body, trusted documents, then Apollo Server.
 * What @as-integrations/express5 does, without Express in between: its router, its request and response
 * prototypes and `res.send` (which hashed every answer for an ETag nobody revalidates) were a third of
 * the CPU of a `{ __typename }` request. The answer goes out with one `res.end`.
 */
export function graphqlEndpoint(options: GraphQLEndpointOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const { apollo, logger, metrics } = options;
  apollo.assertStarted("graphqlEndpoint()");

  const serve = async (exchange: GraphQLExchange) => {
    const { req, res, state } = exchange;
    let body: JsonBody;
    try {
      body = await options.readBody(req, res);
    } catch (error) {
      const refusal = bodyRefusal(error);
      if (!refusal) throw error;
      logger.warn({ requestId: exchange.requestId, status: refusal.status, code: refusal.code }, "request refused");
      state.logged = true;
      return sendError(res, refusal.status, refusal.code, refusal.message);
    }
    state.bodyBytes = body.bytes;
    const headers = new HeaderMap();
    for (const key in req.headers) {
      const value = req.headers[key];
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
    }
    const query = req.url!.indexOf("?");
    const http: HTTPGraphQLRequest = { method: req.method!, headers, search: query < 0 ? "" : req.url!.slice(query), body: body.value };
    exchange.http = http;
    options.trusted.resolve(http);
    const response = await apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest: http, context: () => options.context(exchange) });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === "complete") {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };

  /** Anything that escapes: a masked 500 with the correlation id, logged with the error. */
  const fail = ({ res, requestId, state }: GraphQLExchange, error: unknown) => {
    logger.error({ requestId, status: 500, code: "INTERNAL_SERVER_ERROR", err: error }, "unexpected error");
    state.logged = true;
    if (res.headersSent) return void res.destroy();
    const message = faultMessage(error instanceof Error ? error.message : String(error), options.production);
    sendError(res, 500, "INTERNAL_SERVER_ERROR", message, { correlationId: requestId });
  };

  return (req, res) => {
    const given = req.headers["x-request-id"];
    const requestId = (typeof given === "string" && given.slice(0, 128)) || randomUUID();
    res.setHeader("x-request-id", requestId);
    const state: RequestState = { statements: 0, partitionId: undefined, bodyBytes: 0, logged: false };
    const exchange: GraphQLExchange = { req, res, requestId, state };
    const started = performance.now();
    res.on("finish", () => {
      const status = res.statusCode;
      // Apollo refuses some requests before any plugin runs (a batch, a missing query, CSRF): log those too.
      if (!state.logged && status >= 400) {
        logger.warn({ requestId, status, code: status >= 500 ? "INTERNAL_SERVER_ERROR" : "BAD_REQUEST" }, "request refused");
      }
      // Apollo's answers carry the plugin's outcome; requests refused before it (auth, limits, bad bodies) only a status.
      if (!state.outcome && status < 400) return; // the Sandbox landing page, a CORS preflight
      const bodyName = (exchange.http?.body as { operationName?: unknown } | undefined)?.operationName;
      metrics.observe({
        operationName: state.operationName ?? (typeof bodyName === "string" ? bodyName : null),
        outcome: state.outcome ?? (status >= 500 ? "server_error" : "client_error"),
        seconds: (performance.now() - started) / 1000,
        statements: state.statements,
      });
    });
    // Everything run while serving this request sees its state: statement count, partition scope.
    runInRequest(state, () => {
      try {
        options.cors(req, res, () => void serve(exchange).catch((error: unknown) => fail(exchange, error)));
      } catch (error) {
        fail(exchange, error);
      }
    });
  };
}
