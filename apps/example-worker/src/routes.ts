import { clientFor } from "./client.js";
import type { Env } from "./env.js";
import { HttpError, json } from "./http.js";
import { assignUserRoles, findUsersByEmail, listUsersPage, readLogs } from "./tenant.js";
import { emailParam, integerParam, logIdParam, rolesBody, userIdSegment } from "./validate.js";

/** One admin route: its name (for logs), method, path pattern and handler. */
export interface Route {
  name: string;
  method: "GET" | "POST";
  pattern: RegExp;
  handle(request: Request, env: Env, url: URL, match: RegExpExecArray): Promise<Response>;
}

// Auth0 lists at most the first 1,000 users of any listing; past that a page is always empty.
const LISTING_LIMIT = 1000;

/** The admin routes, matched in this order. */
export const routes: Route[] = [
  {
    name: "users.byEmail",
    method: "GET",
    pattern: /^\/users$/,
    async handle(_request, env, url) {
      const email = emailParam(url.searchParams);
      const users = await findUsersByEmail(clientFor(env), email);
      return json({ email, users });
    },
  },
  {
    name: "users.page",
    method: "GET",
    pattern: /^\/users\/page$/,
    async handle(_request, env, url) {
      const page = integerParam(url.searchParams, "page", { min: 0, max: 999, fallback: 0 });
      const perPage = integerParam(url.searchParams, "per_page", {
        min: 1,
        max: 100,
        fallback: 50,
      });
      if ((page + 1) * perPage > LISTING_LIMIT) {
        throw new HttpError(
          400,
          "invalid_request",
          `Auth0 lists only the first ${LISTING_LIMIT} users: page × per_page must stay below it`,
        );
      }
      const { users, total } = await listUsersPage(clientFor(env), page, perPage);
      const seen = page * perPage + users.length;
      return json({
        page,
        per_page: perPage,
        total,
        has_more: seen < Math.min(total, LISTING_LIMIT),
        users,
      });
    },
  },
  {
    name: "users.assignRoles",
    method: "POST",
    pattern: /^\/users\/([^/]+)\/roles$/,
    async handle(request, env, _url, match) {
      const userId = userIdSegment(match[1]!);
      const roles = await rolesBody(request);
      await assignUserRoles(clientFor(env), userId, roles);
      return json({ user_id: userId, assigned: roles });
    },
  },
  {
    name: "logs.recent",
    method: "GET",
    pattern: /^\/logs$/,
    async handle(_request, env, url) {
      const take = integerParam(url.searchParams, "take", { min: 1, max: 100, fallback: 20 });
      const from = logIdParam(url.searchParams);
      const { logs, next } = await readLogs(clientFor(env), { from, take });
      return json({ logs, next: next ?? null });
    },
  },
];
