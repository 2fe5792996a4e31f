import { apiError, payloadError, queryError, roleNotFound } from "../errors";
import type { HandlerResult } from "../http";
import { roleId } from "../ids";
import { pageOf, readInteger, readOffsetPage, withTotals } from "../pagination";
import type { ApiContext, Handlers } from "../router";
import type { EmulatorState, Role } from "../types";
import { requireUser } from "./users";

/** The role or Auth0's 404 (which carries no `errorCode`, as recorded). */
export function requireRole(state: EmulatorState, id: string): Role {
  const role = state.roles.get(id);
  if (role === undefined) throw roleNotFound();
  return role;
}

/** A role with Auth0's key order: `id`, `name`, `description`. */
export function presentRole(role: Role): Role {
  return role.description === undefined
    ? { id: role.id, name: role.name }
    : { id: role.id, name: role.name, description: role.description };
}

/** The ids of a body the document's schema has checked (`{ [key]: [...] }`): at least one, all strings. */
export function readIdList(body: Record<string, unknown>, key: string): string[] {
  const ids = body[key] as unknown[];
  if (ids.length === 0) throw payloadError("Array is too short (0), minimum 1", key);
  if (!ids.every((id) => typeof id === "string")) {
    throw payloadError("Expected type string but found type non-string", key);
  }
  return ids as string[];
}

function nameTaken(state: EmulatorState, name: string, except?: string): boolean {
  for (const role of state.roles.values()) {
    if (role.id !== except && role.name.toLowerCase() === name.toLowerCase()) return true;
  }
  return false;
}

interface Member {
  at: number;
  user: { user_id: string; email?: string; picture: string; name: string };
}

/** Members in Auth0's checkpoint order: assignment time, then user id. */
function membersOf(context: ApiContext, roleIdValue: string): Member[] {
  const assigned = context.state.roleMembers.get(roleIdValue) ?? new Map<string, number>();
  return [...assigned]
    .flatMap(([id, at]) => {
      const user = context.state.users.get(id);
      if (user === undefined) return [];
      return [
        {
          at,
          user: {
            user_id: user.user_id,
            email: user.email,
            picture: user.picture,
            name: user.name,
          },
        },
      ];
    })
    .sort((a, b) => a.at - b.at || (a.user.user_id < b.user.user_id ? -1 : 1));
}

/**
 * The checkpoint cursor, in the recorded format: base64 of
 * `"2023-03-14 13:41:28.961000UTC,auth0|…"` (assignment time, then user id).
 */
function encodeCursor({ at, user }: Member): string {
  const iso = new Date(at).toISOString();
  const text = `${iso.slice(0, 10)} ${iso.slice(11, 23)}000UTC,${user.user_id}`;
  return btoa(String.fromCharCode(...new TextEncoder().encode(text)));
}

function decodeCursor(cursor: string): { at: number; userId: string } {
  try {
    const text = new TextDecoder().decode(Uint8Array.from(atob(cursor), (c) => c.charCodeAt(0)));
    const comma = text.indexOf(",");
    const at = Date.parse(`${text.slice(0, 10)}T${text.slice(11, 23)}Z`);
    if (comma < 0 || Number.isNaN(at)) throw new Error("malformed");
    return { at, userId: text.slice(comma + 1) };
  } catch {
    throw queryError("Invalid checkpoint", "from", "Optional Id from which to start selection.");
  }
}

/**
 * Role members. With `from`/`take` this is checkpoint pagination, `{ users, next? }`,
 * where `next` is present while more remain; otherwise offset pagination.
 */
function listMembers(context: ApiContext): HandlerResult {
  const role = requireRole(context.state, context.params.id!);
  const members = membersOf(context, role.id);
  const from = context.query.get("from");
  if (from !== null || context.query.has("take")) {
    const take = readInteger(context.query, "take", { min: 1, max: 100, fallback: 50 });
    const after = from === null || from === "" ? undefined : decodeCursor(from);
    const rest =
      after === undefined
        ? members
        : members.filter(
            (m) => m.at > after.at || (m.at === after.at && m.user.user_id > after.userId),
          );
    const page = rest.slice(0, take);
    const body: Record<string, unknown> = { users: page.map((m) => m.user) };
    if (rest.length > take) body.next = encodeCursor(page[page.length - 1]!);
    return { status: 200, body };
  }
  const page = readOffsetPage(context.query, 1);
  if (page.page * page.perPage + page.perPage > 1000) {
    throw apiError(
      400,
      `Requesting page ${page.page} exceeds the allowed maximum of 1000 records. To fetch results beyond 1000, use the checkpoint pagination method.`,
    );
  }
  const users = members.map((m) => m.user);
  if (page.includeTotals)
    return { status: 200, body: withTotals("users", users, page, "without-length") };
  return { status: 200, body: pageOf(users, page) };
}

/** `/roles` routes. */
export const roleHandlers = {
  get_roles: {
    handle(context) {
      const page = readOffsetPage(context.query, 1);
      const filter = context.query.get("name_filter")?.toLowerCase();
      const roles = [...context.state.roles.values()]
        .filter((role) => !filter || role.name.toLowerCase().includes(filter))
        .map(presentRole);
      if (page.includeTotals)
        return { status: 200, body: withTotals("roles", roles, page, "without-length") };
      return { status: 200, body: pageOf(roles, page) };
    },
  },
  post_roles: {
    audit: "Create a role",
    async handle(context) {
      const body = await context.input();
      if (nameTaken(context.state, body.name as string))
        throw apiError(409, "The role already exists.");
      const role: Role = { id: roleId(), name: body.name as string };
      if (typeof body.description === "string") role.description = body.description;
      context.state.roles.set(role.id, role);
      // Auth0 answers 200, not 201, to a created role (as recorded).
      return { status: 200, body: presentRole(role) };
    },
  },
  get_roles_by_id: {
    handle: (context) => ({
      status: 200,
      body: presentRole(requireRole(context.state, context.params.id!)),
    }),
  },
  patch_roles_by_id: {
    audit: "Update a role",
    async handle(context) {
      const role = requireRole(context.state, context.params.id!);
      const body = await context.input();
      if (typeof body.name === "string") {
        if (nameTaken(context.state, body.name, role.id))
          throw apiError(409, "The role already exists.");
        role.name = body.name;
      }
      if (typeof body.description === "string") role.description = body.description;
      return { status: 200, body: presentRole(role) };
    },
  },
  delete_roles_by_id: {
    audit: "Delete a role",
    handle(context) {
      const role = requireRole(context.state, context.params.id!);
      context.state.roles.delete(role.id);
      context.state.roleMembers.delete(role.id);
      // Auth0 answers 200 with `{}` here, unlike the 204 of a deleted user (as recorded).
      return { status: 200, body: {} };
    },
  },
  get_role_user: {
    handle: listMembers,
  },
  post_role_users: {
    audit: "Assign users to a role",
    async handle(context) {
      const role = requireRole(context.state, context.params.id!);
      const ids = readIdList(await context.input(), "users");
      for (const id of ids) requireUser(context.state, id);
      const members = context.state.roleMembers.get(role.id) ?? new Map<string, number>();
      for (const id of ids) if (!members.has(id)) members.set(id, context.now());
      context.state.roleMembers.set(role.id, members);
      return { status: 200, body: {} };
    },
  },
} satisfies Handlers;
