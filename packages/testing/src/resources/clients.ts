import { apiError } from "../errors";
import { projectFields } from "../pagination";
import type { ApiContext, Handlers } from "../router";
import {
  type Client,
  clientDefaults,
  clientId,
  clientSecret,
  type TenantStores,
} from "../tenant-state";
import { listAnswer } from "./listing";

/** Objects an update merges into (one level deep) instead of replacing. */
const mergedObjects = new Set(["jwt_configuration", "refresh_token"]);

// Not in the recordings (the recorder replaced the 404 body); worded like the connection's.
const clientNotFound = () => apiError(404, "The client does not exist", "inexistent_client");

/** The client or Auth0's 404. */
export function requireClient(state: TenantStores, id: string): Client {
  const client = state.clients.get(id);
  if (client === undefined) throw clientNotFound();
  return client;
}

async function createClient(context: ApiContext) {
  const body = await context.input();
  const { name, description, jwt_configuration, ...rest } = body;
  const client: Client = {
    name: name as string,
    ...(description === undefined ? {} : { description: description as string }),
    client_id: clientId(),
    client_secret: clientSecret(),
    ...clientDefaults(),
    ...rest,
  };
  // A given configuration replaces the default lifetime, as recorded.
  if (jwt_configuration !== undefined && jwt_configuration !== null) {
    client.jwt_configuration = { secret_encoded: false, ...jwt_configuration };
  }
  context.state.clients.set(client.client_id, client);
  return { status: 201, body: client };
}

async function updateClient(context: ApiContext) {
  const client = requireClient(context.state, context.params.id!);
  const body = await context.input();
  for (const [key, value] of Object.entries(body)) {
    const current = client[key];
    if (
      mergedObjects.has(key) &&
      value !== null &&
      typeof current === "object" &&
      current !== null
    ) {
      client[key] = { ...current, ...(value as object) };
    } else if (value === null) {
      delete client[key];
    } else {
      client[key] = value;
    }
  }
  return { status: 200, body: client };
}

/** `/clients` routes. `client_secret` is returned (the token has `read:client_keys`). */
export const clientHandlers = {
  get_clients: {
    handle(context) {
      const appTypes = context.query.get("app_type")?.split(",");
      const firstParty = context.query.get("is_first_party");
      const clients = [...context.state.clients.values()].filter(
        (client) =>
          (appTypes === undefined || appTypes.includes(String(client.app_type))) &&
          (firstParty === null || String(client.is_first_party) === firstParty),
      );
      const tenant = context.config.domain.split(".")[0];
      return listAnswer(clients, context.query, { key: "clients", extra: () => ({ tenant }) });
    },
  },
  post_clients: {
    audit: "Create client",
    handle: createClient,
  },
  get_clients_by_id: {
    handle: (context) => ({
      status: 200,
      body: projectFields(requireClient(context.state, context.params.id!), context.query),
    }),
  },
  patch_clients_by_id: {
    audit: "Update client",
    handle: updateClient,
  },
  delete_clients_by_id: {
    audit: "Delete client",
    handle(context) {
      // An unknown client is not an error: 204 again, as recorded.
      const id = context.params.id!;
      context.state.clients.delete(id);
      for (const [grantId, grant] of context.state.clientGrants) {
        if (grant.client_id === id) context.state.clientGrants.delete(grantId);
      }
      return { status: 204 };
    },
  },
  "post_rotate-secret": {
    audit: "Rotate client secret",
    handle(context) {
      const client = requireClient(context.state, context.params.id!);
      client.client_secret = clientSecret();
      return { status: 200, body: client };
    },
  },
} satisfies Handlers;
