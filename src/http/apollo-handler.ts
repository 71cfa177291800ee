import { HeaderMap, type ApolloServer, type BaseContext } from "@apollo/server";
import type { Request, RequestHandler, Response } from "express";

/**
 * Apollo Server as the last handler of an Express route: what @as-integrations/express5 does, less two
 * costs every request paid there (together a measurable share of `{ __typename }`): the legacy
 * `url.parse` of the whole URL to find its query string, and `res.send`, which hashes every answer for an
 * ETag nobody revalidates (POST answers are not cached) and negotiates a content type Apollo already set.
 * The body goes out with `res.end`, which sets Content-Length for a body written at once.
 */
export function apolloHandler<C extends BaseContext>(server: ApolloServer<C>, context: (args: { req: Request; res: Response }) => Promise<C>): RequestHandler {
  server.assertStarted("apolloHandler()");
  return async (req, res) => {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
    }
    const query = req.url.indexOf("?");
    const response = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method.toUpperCase(), headers, search: query < 0 ? "" : req.url.slice(query), body: req.body },
      context: () => context({ req, res }),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === "complete") {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}
