import type { Middleware } from "../pipeline.js";
import { VERSION } from "../version.js";

/**
 * The `Auth0-Client` header Auth0 uses to count SDK usage: base64 of
 * `{"name":"auth0-edge-management","version":…,"env":{"runtime":…}}`.
 */
export function telemetryHeaderValue(): string {
  // navigator.userAgent names the runtime on workerd, Deno, Bun and Node >= 21.
  const agent = String(
    (globalThis as { navigator?: { userAgent?: unknown } }).navigator?.userAgent,
  );
  const match = /^(Deno|Bun|Node)(?:\.js)?\/(\S+)/.exec(agent);
  const runtime = agent.includes("Cloudflare-Workers")
    ? "workerd"
    : match
      ? `${match[1]!.toLowerCase()}/${match[2]}`
      : "unknown";
  return btoa(
    JSON.stringify({ name: "auth0-edge-management", version: VERSION, env: { runtime } }),
  );
}

/** Adds the `Auth0-Client` header unless the caller set one. */
export function createTelemetryStep(enabled: boolean): Middleware {
  const value = enabled ? telemetryHeaderValue() : undefined;
  return (ctx, next) => {
    if (value && !ctx.headers.has("auth0-client")) ctx.headers.set("auth0-client", value);
    return next();
  };
}
