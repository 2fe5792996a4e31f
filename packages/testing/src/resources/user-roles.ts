import { pageOf, readOffsetPage, withTotals } from "../pagination";
import type { ApiContext, Route } from "../router";
import { presentRole, readIdList, requireRole } from "./roles";
import { requireUser } from "./users";

async function readRoleIds(context: ApiContext): Promise<string[]> {
  requireUser(context.state, context.params.id!);
  const ids = readIdList(await context.body(), "roles");
  for (const id of ids) requireRole(context.state, id);
  return ids;
}

/** `/users/{id}/roles` routes. Assigning and removing answer 204 (as recorded). */
export const userRoleRoutes: Route[] = [
  {
    method: "GET",
    path: "/users/:id/roles",
    scopes: ["read:users", "read:roles", "read:role_members"],
    handle(context) {
      const user = requireUser(context.state, context.params.id!);
      const page = readOffsetPage(context.query, 1);
      const roles = [...context.state.roles.values()]
        .filter((role) => context.state.roleMembers.get(role.id)?.has(user.user_id))
        .map(presentRole);
      if (page.includeTotals)
        return { status: 200, body: withTotals("roles", roles, page, "without-length") };
      return { status: 200, body: pageOf(roles, page) };
    },
  },
  {
    method: "POST",
    path: "/users/:id/roles",
    scopes: ["update:users", "create:role_members"],
    audit: "Assign roles to a user",
    async handle(context) {
      const userId = context.params.id!;
      for (const id of await readRoleIds(context)) {
        const members = context.state.roleMembers.get(id) ?? new Map<string, number>();
        if (!members.has(userId)) members.set(userId, context.now());
        context.state.roleMembers.set(id, members);
      }
      return { status: 204 };
    },
  },
  {
    method: "DELETE",
    path: "/users/:id/roles",
    scopes: ["update:users", "delete:role_members"],
    audit: "Removes roles from a user",
    async handle(context) {
      const userId = context.params.id!;
      for (const id of await readRoleIds(context))
        context.state.roleMembers.get(id)?.delete(userId);
      return { status: 204 };
    },
  },
];
