import type { EmulatorConfig } from "./config";
import {
  badAuthorizationHeader,
  insufficientScope,
  invalidJson,
  missingAuthentication,
  routeNotFound,
  tokenRefused,
  tooManyRequestsBody,
} from "./errors";
import type { EventLog } from "./event-log";
import { errorResponse, type HandlerResult, jsonResponse, readJson } from "./http";
import { type LogWriter, maskSecrets } from "./log-events";
import type { RateLimiter } from "./rate-limit";
import type { ApiContext, createRouter, Route } from "./router";
import type { AccessTokenClaims, TokenAuthority } from "./tokens";
import type { EmulatorState } from "./types";
import { type BodySchema, validateBody } from "./validate";

/** What the Management API needs from the emulator. */
export interface ApiDeps {
  config: EmulatorConfig;
  state: EmulatorState;
  tokens: TokenAuthority;
  logs: LogWriter;
  events: EventLog;
  router: ReturnType<typeof createRouter>;
  limiter?: RateLimiter;
}

/** An operation that takes no JSON body accepts only an empty one. */
const noBody: BodySchema = { fields: {} };

/**
 * Reads the bearer token like Auth0 (hapi-auth-jwt2) does: no header or another scheme is
 * "Missing authentication", something that is not a JWT is a 400, a JWT that fails
 * verification is a 401 that says whether it expired.
 */
async function authenticate(request: Request, tokens: TokenAuthority): Promise<AccessTokenClaims> {
  const match = /^Bearer(?:\s+(.*))?$/i.exec((request.headers.get("authorization") ?? "").trim());
  if (!match) throw missingAuthentication();
  const verdict = await tokens.verify((match[1] ?? "").trim());
  if (verdict === "malformed") throw badAuthorizationHeader();
  if (verdict === "expired")
    throw tokenRefused("Expired token received for JSON Web Token validation");
  if (verdict === "invalid") throw tokenRefused("Invalid token");
  return verdict;
}

function auditEvent(
  route: Route,
  request: Request,
  url: URL,
  token: AccessTokenClaims,
  body: unknown,
  result: HandlerResult,
) {
  return {
    type: "sapi",
    description: route.audit ?? "",
    client_id: token.azp,
    client_name: "",
    hostname: null,
    details: {
      request: {
        auth: { credentials: {}, strategy: "jwt", user: {} },
        body: body === undefined ? {} : maskSecrets(body),
        channel: "api",
        ip: "127.0.0.1",
        method: request.method.toLowerCase(),
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        userAgent: request.headers.get("user-agent") ?? "",
      },
      response: { body: maskSecrets(result.body ?? {}), statusCode: result.status },
    },
  };
}

/**
 * One Management API request: rate limit, route, token, scope, handler, then a `sapi`
 * log event for successful writes. The rate-limit headers go on every answer, errors
 * included, as Auth0 sends them.
 *
 * @example
 * ```ts
 * const response = await handleApiRequest(request, new URL(request.url), deps);
 * ```
 */
export async function handleApiRequest(
  request: Request,
  url: URL,
  deps: ApiDeps,
): Promise<Response> {
  const rate = deps.limiter?.take();
  const rateHeaders = rate?.headers ?? {};
  if (rate !== undefined && !rate.allowed)
    return jsonResponse(429, tooManyRequestsBody(), rateHeaders);
  try {
    const match = deps.router.match(request.method, url.pathname.slice("/api/v2".length));
    if (match === undefined) throw routeNotFound();
    const token = await authenticate(request, deps.tokens);
    const granted = token.scope.split(" ");
    const { route, params } = match;
    if (!route.scopes.some((scope) => granted.includes(scope)))
      throw insufficientScope(route.scopes[0]!);

    let body: Promise<unknown> | undefined;
    let parsed: unknown;
    const context: ApiContext = {
      params,
      query: url.searchParams,
      state: deps.state,
      config: deps.config,
      logs: deps.logs,
      events: deps.events,
      token,
      request,
      now: deps.config.now,
      body() {
        body ??= readJson(request).then((read) => {
          if (!read.ok) throw invalidJson();
          parsed = read.value;
          return read.value;
        });
        return body;
      },
      async input() {
        return validateBody(await context.body(), route.body ?? noBody);
      },
    };
    const result = await route.handle(context);
    if (route.audit !== undefined && result.status < 300) {
      deps.logs.append(auditEvent(route, request, url, token, parsed, result));
    }
    return jsonResponse(result.status, result.body, { ...result.headers, ...rateHeaders });
  } catch (error) {
    const response = errorResponse(error);
    for (const [name, value] of Object.entries(rateHeaders)) response.headers.set(name, value);
    return response;
  }
}
