/** An operation's path template, split for matching. */
export interface Route {
  operationId: string;
  method: string;
  path: string;
  /** Per segment: the literal text, or the placeholder's name. */
  segments: { literal?: string; param?: string }[];
}

export interface RouteMatch {
  route: Route;
  /** Path parameters by name, percent-decoded. */
  params: Record<string, string>;
}

const PLACEHOLDER = /^\{([^{}]+)\}$/;
const API_PREFIX = "/api/v2";

/** The routes of an operations table (`operationId` → `{ method, path }`). */
export function routesOf(table: Record<string, { method: string; path: string }>): Route[] {
  return Object.entries(table).map(([operationId, { method, path }]) => ({
    operationId,
    method,
    path,
    segments: path
      .split("/")
      .slice(1)
      .map((segment) => {
        const param = PLACEHOLDER.exec(segment)?.[1];
        return param === undefined ? { literal: segment } : { param };
      }),
  }));
}

/** The percent-decoded segments of a recorded Management API path, without `/api/v2`. */
export function pathSegments(url: URL): string[] | undefined {
  if (!url.pathname.startsWith(`${API_PREFIX}/`)) return undefined;
  return url.pathname
    .slice(API_PREFIX.length + 1)
    .split("/")
    .map(decodeURIComponent);
}

function bind(route: Route, segments: string[]): Record<string, string> | undefined {
  if (route.segments.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of route.segments.entries()) {
    const segment = segments[i] as string;
    if (part.param !== undefined) {
      if (segment === "") return undefined;
      params[part.param] = segment;
    } else if (part.literal !== segment) return undefined;
  }
  return params;
}

/** Positive when `a` is more specific: a literal segment beats a placeholder at the first place they differ. */
function specificity(a: Route, b: Route): number {
  for (const [i, part] of a.segments.entries()) {
    const other = b.segments[i];
    const literal = part.literal !== undefined;
    if (literal !== (other?.literal !== undefined)) return literal ? 1 : -1;
  }
  return 0;
}

/**
 * The operation a recorded request was made for: same method, a template whose
 * literal segments equal the request's (percent-decoded) segments and whose
 * placeholders each take one non-empty segment. Where several templates match
 * (`/users/{id}/roles` and `/users/{id}/{kind}`), the most literal one wins.
 */
export function matchRoute(
  routes: readonly Route[],
  method: string,
  url: URL,
): RouteMatch | undefined {
  const segments = pathSegments(url);
  if (segments === undefined) return undefined;
  let best: RouteMatch | undefined;
  for (const route of routes) {
    if (route.method !== method) continue;
    const params = bind(route, segments);
    if (params !== undefined && (best === undefined || specificity(route, best.route) > 0)) {
      best = { route, params };
    }
  }
  return best;
}
