import type { EmulatorConfig } from "./config";
import type { EventLog } from "./event-log";
import type { EmulatedOperationId } from "./generated/routes";
import type { HandlerResult } from "./http";
import type { LogWriter } from "./log-events";
import type { RouteSpec } from "./route-spec";
import type { AccessTokenClaims } from "./tokens";
import type { EmulatorState } from "./types";
import type { BodySchema } from "./validate";

/** What a Management API handler gets. */
export interface ApiContext {
  /** Path parameters, percent-decoded (`auth0%7C123` → `auth0|123`). */
  params: Record<string, string>;
  query: URLSearchParams;
  state: EmulatorState;
  config: EmulatorConfig;
  logs: LogWriter;
  /** The tenant's event stream (`GET /events`). */
  events: EventLog;
  token: AccessTokenClaims;
  /** The request itself, for bodies that are not JSON (multipart uploads). */
  request: Request;
  now(): number;
  /** The parsed JSON body (`undefined` when empty); throws Auth0's 400 when it does not parse. */
  body(): Promise<unknown>;
  /**
   * The JSON body checked against the operation's schema from the document (as the handler
   * amends it); throws Auth0's 400 `invalid_body` for the first problem.
   */
  input(): Promise<Record<string, unknown>>;
}

/** The hand-written part of an operation: what the emulator does, not what the document says. */
export interface Handler {
  /** Description of the `sapi` log event written when the operation succeeds. */
  audit?: string;
  /**
   * Where Auth0 checks the body otherwise than the document says, each with its evidence:
   * `fields` join the document's, the other keys replace the document's.
   */
  amend?: Partial<BodySchema>;
  handle(context: ApiContext): Promise<HandlerResult> | HandlerResult;
}

/** Handlers keyed by the document's `operationId`. */
export type Handlers = { [K in EmulatedOperationId]?: Handler };

/** One Management API operation: the document's facts and its handler. */
export interface Route extends Omit<RouteSpec, "body">, Handler {
  /** The document's `operationId`; none for the few routes the document does not describe. */
  operationId?: string;
  /** The JSON body's schema (the document's, amended by the handler). */
  body?: BodySchema;
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
export function createRouter(routes: readonly Route[]) {
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
