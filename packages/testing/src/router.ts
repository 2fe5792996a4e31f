import type { EmulatorConfig } from "./config";
import type { HandlerResult } from "./http";
import type { LogWriter } from "./log-events";
import type { AccessTokenClaims } from "./tokens";
import type { EmulatorState } from "./types";

/** What a Management API handler gets. */
export interface ApiContext {
  /** Path parameters, percent-decoded (`auth0%7C123` → `auth0|123`). */
  params: Record<string, string>;
  query: URLSearchParams;
  state: EmulatorState;
  config: EmulatorConfig;
  logs: LogWriter;
  token: AccessTokenClaims;
  /** The request itself, for bodies that are not JSON (multipart uploads). */
  request: Request;
  now(): number;
  /** The parsed JSON body (`undefined` when empty); throws Auth0's 400 when it does not parse. */
  body(): Promise<unknown>;
}

/** One Management API operation. */
export interface Route {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** Path under `/api/v2`, with `:name` parameters, e.g. `/users/:id/roles`. */
  path: string;
  /** The token needs any one of these; the first is the one Auth0 names in its 403. */
  scopes: string[];
  /** Description of the `sapi` log event written when the operation succeeds. */
  audit?: string;
  handle(context: ApiContext): Promise<HandlerResult> | HandlerResult;
}

/** A matched route and its decoded parameters. */
export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

function matchPath(pattern: string[], segments: string[]): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i]!;
    const actual = segments[i]!;
    if (expected.startsWith(":")) {
      if (actual === "") return undefined;
      try {
        params[expected.slice(1)] = decodeURIComponent(actual);
      } catch {
        return undefined;
      }
    } else if (expected !== actual) {
      return undefined;
    }
  }
  return params;
}

/**
 * Matches on raw (still percent-encoded) segments and decodes parameters afterwards, so an
 * id such as `..%2Fclients` stays one parameter and can never reach another route.
 *
 * @example
 * ```ts
 * const router = createRouter(routes);
 * router.match("GET", "/users/auth0%7C123"); // { route, params: { id: "auth0|123" } }
 * ```
 */
export function createRouter(routes: Route[]) {
  const compiled = routes.map((route) => ({ route, pattern: route.path.split("/") }));
  return {
    match(method: string, path: string): RouteMatch | undefined {
      const segments = path.split("/");
      for (const { route, pattern } of compiled) {
        if (route.method !== method) continue;
        const params = matchPath(pattern, segments);
        if (params !== undefined) return { route, params };
      }
      return undefined;
    },
  };
}
