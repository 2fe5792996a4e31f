import type { ManagementClient } from "@auth0-edge/management";
import { ManagementApiError, ManagementError } from "@auth0-edge/management";
import { listLogs } from "@auth0-edge/management/logs";
import { assignUserRoles, listUsers, listUsersByEmail } from "@auth0-edge/management/users";
import { Hono } from "hono";
import { bearerAuth } from "hono/bearer-auth";
import { HTTPException } from "hono/http-exception";
import { timingSafeEqual } from "hono/utils/buffer";
import { MisconfiguredError, required, type Settings } from "./settings.js";

/** How the app finds its settings and its client on each request. */
export interface AppOptions<E extends object> {
  settings: (env: E) => Settings;
  /** The client for these settings: one per isolate or process (see `isolateClient`). */
  client: (settings: Settings, env: E) => ManagementClient;
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}$/;

function integer(
  value: string | undefined,
  name: string,
  min: number,
  max: number,
  fallback: number,
) {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new HTTPException(400, {
      message: `\`${name}\` must be a whole number from ${min} to ${max}`,
    });
  }
  return n;
}

type User = { user_id?: string; email?: string; name?: string; blocked?: boolean };
const summary = (user: User) => ({
  user_id: user.user_id,
  email: user.email,
  name: user.name,
  blocked: user.blocked === true,
});

/**
 * A small admin API over one Auth0 tenant: find users by email, page through users, assign
 * roles, tail the tenant's log. Every route needs `Authorization: Bearer <ADMIN_API_TOKEN>`.
 */
export function createAdminApp<E extends object>(options: AppOptions<E>) {
  const app = new Hono<{ Bindings: E; Variables: { client: ManagementClient } }>();

  app.use("*", async (c, next) => {
    const settings = options.settings(c.env);
    required(settings); // a missing setting is a 500 that names it, before anything else
    c.set("client", options.client(settings, c.env));
    await next();
  });
  app.use(
    "*",
    bearerAuth({
      verifyToken: (token, c) =>
        timingSafeEqual(token, required(options.settings(c.env as E)).adminToken),
    }),
  );

  app.get("/users", async (c) => {
    const client = c.get("client");
    const email = c.req.query("email");
    if (email !== undefined) {
      if (!EMAIL.test(email))
        throw new HTTPException(400, { message: "`email` is not an address" });
      const users = await listUsersByEmail(client, { email });
      return c.json({ email, users: users.map(summary) });
    }
    const page = integer(c.req.query("page"), "page", 0, 999, 0);
    const perPage = integer(c.req.query("per_page"), "per_page", 1, 100, 50);
    const answer = await listUsers(client, { page, per_page: perPage, include_totals: true });
    const { users = [], total = 0 } = Array.isArray(answer) ? { users: answer } : answer;
    return c.json({ page, per_page: perPage, total, users: users.map(summary) });
  });

  app.post("/users/:id/roles", async (c) => {
    const body = (await c.req.json().catch(() => undefined)) as { roles?: unknown } | undefined;
    const roles = body?.roles;
    if (
      !Array.isArray(roles) ||
      roles.length === 0 ||
      roles.length > 50 ||
      !roles.every((r) => typeof r === "string" && /^rol_\w+$/.test(r))
    ) {
      throw new HTTPException(400, { message: "`roles` must be 1 to 50 role ids (rol_…)" });
    }
    await assignUserRoles(c.get("client"), { id: c.req.param("id"), body: { roles } });
    return c.json({ user_id: c.req.param("id"), assigned: roles });
  });

  app.get("/logs", async (c) => {
    const take = integer(c.req.query("take"), "take", 1, 100, 20);
    const from = c.req.query("from");
    const answer = await listLogs(c.get("client"), from ? { from, take } : { take });
    // Without include_totals the list resolves to the array of logs (the types say so).
    const logs = answer;
    return c.json({ logs, next: logs.at(-1)?.log_id ?? from ?? null });
  });

  app.onError((error, c) => {
    if (error instanceof HTTPException) {
      if (error.status === 401) return error.getResponse();
      return c.json({ error: "invalid_request", message: error.message }, error.status);
    }
    if (error instanceof MisconfiguredError) {
      return c.json({ error: "misconfigured", message: error.message }, 500);
    }
    if (
      error instanceof ManagementApiError &&
      (error.statusCode === 400 || error.statusCode === 404 || error.statusCode === 409)
    ) {
      return c.json(
        { error: "auth0_refused", message: error.message, errorCode: error.errorCode },
        error.statusCode,
      );
    }
    if (error instanceof ManagementError) {
      // The SDK's messages carry no credential; the code says what kind of failure it was.
      return c.json({ error: "upstream_error", code: error.code, message: error.message }, 502);
    }
    console.error("unexpected error", error instanceof Error ? error.name : typeof error);
    return c.json({ error: "internal_error" }, 500);
  });

  return app;
}
