import { apiError } from "../errors";
import { randomAlphanumeric } from "../ids";
import type { ApiContext, Handlers } from "../router";
import type { ClientGrant, TenantStores } from "../tenant-state";
import { listAnswer } from "./listing";

/** The grant or Auth0's 404 `inexistent_client_grant` (as recorded). */
function requireGrant(state: TenantStores, id: string): ClientGrant {
  const grant = state.clientGrants.get(id);
  if (grant === undefined) {
    throw apiError(404, "The grant does not exist.", "inexistent_client_grant");
  }
  return grant;
}

async function createGrant(context: ApiContext) {
  const body = await context.input();
  const { client_id, audience, scope, ...rest } = body;
  for (const grant of context.state.clientGrants.values()) {
    if (grant.client_id === client_id && grant.audience === audience) {
      throw apiError(409, "A client grant for this client and audience already exists.");
    }
  }
  const grant: ClientGrant = {
    id: `cgr_${randomAlphanumeric(16)}`,
    client_id: client_id as string,
    audience: audience as string,
    scope: (scope as string[] | undefined) ?? [],
    ...rest,
  };
  context.state.clientGrants.set(grant.id, grant);
  return { status: 201, body: grant };
}

/** `/client-grants` routes. */
export const clientGrantHandlers = {
  "get_client-grants": {
    handle(context) {
      const filters = ["audience", "client_id", "subject_type"].flatMap((name) => {
        const value = context.query.get(name);
        return value === null ? [] : [[name, value] as const];
      });
      const grants = [...context.state.clientGrants.values()].filter((grant) =>
        filters.every(([name, value]) => grant[name] === value),
      );
      return listAnswer(grants, context.query, { key: "client_grants" });
    },
  },
  "post_client-grants": {
    audit: "Create client grant",
    handle: createGrant,
  },
  "get_client-grant": {
    handle: (context) => ({ status: 200, body: requireGrant(context.state, context.params.id!) }),
  },
  "patch_client-grants_by_id": {
    audit: "Update client grant",
    async handle(context) {
      const grant = requireGrant(context.state, context.params.id!);
      const body = await context.input();
      Object.assign(grant, body);
      return { status: 200, body: grant };
    },
  },
  "delete_client-grants_by_id": {
    audit: "Delete client grant",
    handle(context) {
      // Deleting an unknown grant answers 204 again (as recorded).
      context.state.clientGrants.delete(context.params.id!);
      return { status: 204 };
    },
  },
} satisfies Handlers;
