import { apiError } from "../errors";
import { objectId } from "../ids";
import { projectFields } from "../pagination";
import type { ApiContext, Handlers } from "../router";
import type { ResourceServer, TenantStores } from "../tenant-state";
import { listAnswer } from "./listing";

// `token_lifetime_for_web` is not in the OpenAPI document, but Auth0 accepts it (as recorded).
const recordedFields = { fields: { token_lifetime_for_web: "integer" } } as const;

/** Key order of resource servers in Auth0's answers (as recorded); other keys follow. */
const keyOrder = [
  "id",
  "name",
  "identifier",
  "scopes",
  "signing_alg",
  "allow_offline_access",
  "token_lifetime",
  "token_lifetime_for_web",
  "skip_consent_for_verifiable_first_party_clients",
  "enforce_policies",
  "token_dialect",
  "consent_policy",
  "authorization_details",
  "token_encryption",
  "proof_of_possession",
  "subject_type_authorization",
];

/** The answer: recorded key order, and the encryption key's PEM left out (as recorded). */
function present(server: ResourceServer): ResourceServer {
  const out: Record<string, unknown> = {};
  for (const key of keyOrder) if (server[key] !== undefined) out[key] = server[key];
  for (const [key, value] of Object.entries(server)) {
    if (!(key in out) && value !== undefined) out[key] = value;
  }
  const encryption = out.token_encryption as { encryption_key?: Record<string, unknown> } | null;
  if (encryption?.encryption_key !== undefined) {
    const { pem: _, ...key } = encryption.encryption_key;
    out.token_encryption = { ...encryption, encryption_key: key };
  }
  return out as ResourceServer;
}

// Not in the recordings (the recorder replaced the 404 body with `{}`); worded like the others.
function requireServer(state: TenantStores, id: string): ResourceServer {
  const server = state.resourceServers.get(id);
  if (server === undefined) {
    throw apiError(404, "The resource server does not exist", "inexistent_resource_server");
  }
  return server;
}

async function createServer(context: ApiContext) {
  const body = await context.input();
  for (const server of context.state.resourceServers.values()) {
    if (server.identifier === body.identifier) {
      throw apiError(409, "A resource server with the same identifier already exists.");
    }
  }
  const server = present({
    id: objectId(context.now()),
    scopes: [],
    signing_alg: "RS256",
    allow_offline_access: false,
    token_lifetime: 86400,
    token_lifetime_for_web: 7200,
    skip_consent_for_verifiable_first_party_clients: false,
    ...body,
    identifier: body.identifier as string,
  });
  context.state.resourceServers.set(server.id, server);
  return { status: 201, body: server };
}

/** `/resource-servers` routes. The Management API itself is listed as a system API. */
export const resourceServerHandlers = {
  "get_resource-servers": {
    handle(context) {
      const identifiers = context.query.getAll("identifiers");
      const servers = [...context.state.resourceServers.values()]
        .filter((server) => identifiers.length === 0 || identifiers.includes(server.identifier))
        .map(present);
      return listAnswer(servers, context.query, { key: "resource_servers" });
    },
  },
  "post_resource-servers": {
    amend: recordedFields,
    audit: "Create a resource server",
    handle: createServer,
  },
  "get_resource-servers_by_id": {
    handle: (context) => ({
      status: 200,
      body: projectFields(present(requireServer(context.state, context.params.id!)), context.query),
    }),
  },
  "patch_resource-servers_by_id": {
    amend: recordedFields,
    audit: "Update a resource server",
    async handle(context) {
      const server = requireServer(context.state, context.params.id!);
      const body = await context.input();
      const updated = present({ ...server, ...body });
      context.state.resourceServers.set(server.id, updated);
      return { status: 200, body: updated };
    },
  },
  "delete_resource-servers_by_id": {
    audit: "Delete a resource server",
    handle(context) {
      // Deleting an unknown resource server answers 204 again (as recorded).
      context.state.resourceServers.delete(context.params.id!);
      return { status: 204 };
    },
  },
} satisfies Handlers;
