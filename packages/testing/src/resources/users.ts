import { apiError, payloadError, queryError, userExists, userNotFound } from "../errors";
import { objectId } from "../ids";
import { maskSecrets } from "../log-events";
import { md5Hex } from "../md5";
import { pageOf, projectFields, readOffsetPage, withTotals } from "../pagination";
import { compileQuery, QuerySyntaxError } from "../query";
import type { ApiContext, Handlers } from "../router";
import type { EmulatorState, User } from "../types";
import { buildUser, mergeMetadata, presentUser } from "../user-model";
import { connectionByName } from "./connections";

/** Accepted on update but not part of the stored profile (passwords are never stored). */
const notStored = new Set([
  "password",
  "connection",
  "client_id",
  "verify_email",
  "verify_phone_number",
]);

/** The user's first identity's connection. */
function connectionOf(user: User): string | undefined {
  return user.identities[0]?.connection;
}

/** The user or Auth0's 404 `inexistent_user`. */
export function requireUser(state: EmulatorState, id: string): User {
  const user = state.users.get(id);
  if (user === undefined) throw userNotFound();
  return user;
}

function emailTaken(state: EmulatorState, email: string, connection: string, except?: string) {
  for (const user of state.users.values()) {
    if (user.user_id !== except && user.email === email && connectionOf(user) === connection) {
      return true;
    }
  }
  return false;
}

/** Deterministic `con_` id for a connection name, so log events name it consistently. */
const connectionId = (name: string) => `con_${md5Hex(name).slice(0, 16)}`;

function searchUsers(context: ApiContext): User[] {
  let users = [...context.state.users.values()].map(presentUser);
  const q = context.query.get("q");
  if (q !== null && q.trim() !== "") {
    try {
      users = users.filter(compileQuery(q));
    } catch (error) {
      if (!(error instanceof QuerySyntaxError)) throw error;
      throw queryError(error.message, "q", "Query in Lucene query string syntax.");
    }
  }
  const sort = /^([\w.]+):(-?1)$/.exec(context.query.get("sort") ?? "");
  if (sort) {
    const [, field, order] = sort;
    const direction = order === "1" ? 1 : -1;
    users.sort(
      (a, b) => String(a[field!] ?? "").localeCompare(String(b[field!] ?? "")) * direction,
    );
  }
  return users;
}

async function createUser(context: ApiContext) {
  const body = await context.input();
  const connection = body.connection as string;
  if (connectionByName(context.state, connection)?.strategy !== "auth0") {
    throw apiError(400, "The connection does not exist.", "inexistent_connection");
  }
  if (body.email === undefined) throw payloadError("Missing required property: email");
  if (body.password === undefined) throw payloadError("Missing required property: password");
  const email = (body.email as string).toLowerCase();
  if (emailTaken(context.state, email, connection)) throw userExists();
  const suffix = (body.user_id as string | undefined) ?? objectId(context.now());
  const userId = `auth0|${suffix}`;
  if (context.state.users.has(userId)) throw userExists();
  const user = buildUser({ userId, connection, profile: body, nowMs: context.now() });
  context.state.users.set(userId, user);
  context.logs.append({
    type: "ss",
    connection,
    connection_id: connectionId(connection),
    client_id: context.token.azp,
    client_name: context.config.clients.get(context.token.azp)?.name ?? "",
    details: { body: { ...(maskSecrets(body) as object), tenant: context.config.domain } },
    user_id: userId,
    user_name: user.username ?? user.email ?? null,
    strategy: "auth0",
    strategy_type: "database",
  });
  return { status: 201, body: presentUser(user) };
}

async function updateUser(context: ApiContext) {
  const user = requireUser(context.state, context.params.id!);
  const body = await context.input();
  const at = new Date(context.now()).toISOString();
  const profile = Object.fromEntries(Object.entries(body).filter(([key]) => !notStored.has(key)));
  if (typeof profile.email === "string") {
    const email = profile.email.toLowerCase();
    if (email !== user.email) {
      if (emailTaken(context.state, email, connectionOf(user) ?? "", user.user_id))
        throw userExists();
      // Auth0 marks a changed email unverified unless the same request says otherwise.
      user.email_verified = body.email_verified === true;
    }
    profile.email = email;
  }
  for (const [key, value] of Object.entries(profile)) {
    if (key === "app_metadata" || key === "user_metadata") {
      user[key] = mergeMetadata(user[key], (value ?? {}) as Record<string, unknown>);
    } else {
      user[key] = value;
    }
  }
  if (body.password !== undefined) user.last_password_reset = at;
  user.updated_at = at;
  return { status: 200, body: presentUser(user) };
}

/** `/users` routes. */
export const userHandlers = {
  get_users: {
    handle(context) {
      const page = readOffsetPage(context.query);
      if (page.page * page.perPage + page.perPage > 1000) {
        throw apiError(
          400,
          "You can only page through the first 1000 records. See https://auth0.com/docs/users/search/v3/view-search-results-by-page#limitation",
          "invalid_paging",
        );
      }
      const users = searchUsers(context).map((user) => projectFields(user, context.query));
      if (page.includeTotals) {
        return { status: 200, body: withTotals("users", users, page, "with-length") };
      }
      return { status: 200, body: pageOf(users, page) };
    },
  },
  post_users: {
    audit: "Create a User",
    handle: createUser,
  },
  get_users_by_id: {
    handle(context) {
      const user = requireUser(context.state, context.params.id!);
      return { status: 200, body: projectFields(presentUser(user), context.query) };
    },
  },
  patch_users_by_id: {
    // The document leaves this body open and sets no minimum, but Auth0 answers 400
    // `invalid_body` to an empty update and to unknown properties ("Additional properties not
    // allowed: user_id" is its answer to an attempt to change the id), as the emulator did.
    amend: { minProperties: 1, open: false },
    audit: "Update a User",
    handle: updateUser,
  },
  delete_users_by_id: {
    audit: "Delete a User",
    handle(context) {
      // Deleting an unknown user is not an error: Auth0 answers 204 again (as recorded).
      const id = context.params.id!;
      context.state.users.delete(id);
      for (const members of context.state.roleMembers.values()) members.delete(id);
      return { status: 204 };
    },
  },
  "get_users-by-email": {
    handle(context) {
      const email = context.query.get("email");
      if (email === null || email === "") throw queryError("Missing required property: email");
      const users = [...context.state.users.values()]
        .filter((user) => user.email === email)
        .map((user) => projectFields(presentUser(user), context.query));
      return { status: 200, body: users };
    },
  },
} satisfies Handlers;
