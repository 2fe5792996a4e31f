import { requireAdmin } from "./admin-auth.js";
import type { Env } from "./env.js";
import { errorResponse, HttpError } from "./http.js";
import { type Route, routes } from "./routes.js";
import { fromManagementError } from "./upstream-errors.js";

function findRoute(request: Request, url: URL): { route: Route; match: RegExpExecArray } {
  const matching = routes
    .map((route) => ({ route, match: route.pattern.exec(url.pathname) }))
    .filter((m): m is { route: Route; match: RegExpExecArray } => m.match !== null);
  if (matching.length === 0) {
    throw new HttpError(404, "not_found", `no route ${url.pathname}`);
  }
  const found = matching.find((m) => m.route.method === request.method);
  if (found === undefined) {
    const allow = [...new Set(matching.map((m) => m.route.method))].join(", ");
    throw new HttpError(405, "method_not_allowed", `use ${allow} on ${url.pathname}`, {
      headers: { allow },
    });
  }
  return found;
}

async function handle(request: Request, env: Env): Promise<Response> {
  const url = new URL(request.url);
  const started = Date.now();
  let routeName = "none";
  let response: Response;
  let failure: HttpError | undefined;
  try {
    const { route, match } = findRoute(request, url);
    routeName = route.name;
    await requireAdmin(request, env);
    response = await route.handle(request, env, url, match);
  } catch (error) {
    failure = fromManagementError(error);
    response = errorResponse(failure);
    if (failure.error === "internal_error") console.error("unexpected error", error);
  }
  // One line per request: the route, never its query (emails) nor any header (tokens).
  console.log(
    JSON.stringify({
      route: routeName,
      method: request.method,
      status: response.status,
      ms: Date.now() - started,
      ...(failure && { error: failure.error, errorCode: failure.details.errorCode }),
    }),
  );
  return response;
}

export default { fetch: handle } satisfies ExportedHandler<Env>;

// The Durable Object class behind the AUTH0_TOKENS binding: wrangler.toml's binding and
// migration name it, and workerd finds it among this module's exports.
export { Auth0TokenCoordinator } from "@auth0-edge/token-cache-durable-object";
