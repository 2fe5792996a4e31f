import { pageOf, readOffsetPage, withTotals } from "../pagination";
import type { ApiContext, Handlers } from "../router";
import { presentRole, readIdList, requireRole } from "./roles";
import { requireUser } from "./users";

async function readRoleIds(context: ApiContext): Promise<string[]> {
  requireUser(context.state, context.params.id!);
  const ids = readIdList(await context.input(), "roles");
  for (const id of ids) requireRole(context.state, id);
  return ids;
}

/** `/users/{id}/roles` routes. Assigning and removing answer 204 (as recorded). */
export const userRoleHandlers = {
  get_user_roles: {
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
  post_user_roles: {
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
  delete_user_roles: {
    audit: "Removes roles from a user",
    async handle(context) {
      const userId = context.params.id!;
      for (const id of await readRoleIds(context))
        context.state.roleMembers.get(id)?.delete(userId);
      return { status: 204 };
    },
  },
} satisfies Handlers;
