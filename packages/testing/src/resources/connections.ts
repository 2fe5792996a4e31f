import { apiError } from "../errors";
import { randomAlphanumeric } from "../ids";
import { projectFields } from "../pagination";
import type { ApiContext, Handlers } from "../router";
import { type Connection, databaseOptions, type TenantStores } from "../tenant-state";
import { listAnswer } from "./listing";

/** Key order of connections in Auth0's answers (as recorded); other keys follow. */
const keyOrder = [
  "id",
  "options",
  "strategy",
  "name",
  "provisioning_ticket_url",
  "is_domain_connection",
  "show_as_button",
  "display_name",
  "metadata",
  "authentication",
  "connected_accounts",
  "enabled_clients",
  "realms",
];

function ordered(connection: Record<string, unknown>): Connection {
  const out: Record<string, unknown> = {};
  for (const key of keyOrder) if (connection[key] !== undefined) out[key] = connection[key];
  for (const [key, value] of Object.entries(connection)) if (!(key in out)) out[key] = value;
  return out as Connection;
}

export const connectionNotFound = () =>
  apiError(404, "The connection does not exist", "inexistent_connection");

/** The connection or Auth0's 404 `inexistent_connection` (as recorded). */
export function requireConnection(state: TenantStores, id: string): Connection {
  const connection = state.connections.get(id);
  if (connection === undefined) throw connectionNotFound();
  return connection;
}

/** The connection with this name, if any. */
export function connectionByName(state: TenantStores, name: string): Connection | undefined {
  for (const connection of state.connections.values())
    if (connection.name === name) return connection;
  return undefined;
}

/** A database connection's options: Auth0's defaults around the given ones (as recorded). */
function optionsFor(
  strategy: string,
  given: Record<string, unknown> | undefined,
  creating: boolean,
) {
  if (strategy !== "auth0") return given ?? {};
  // On update Auth0 replaces the options but keeps the authentication method settings.
  const before = creating ? databaseOptions.before() : {};
  // `given` twice: first for its keys' position, then so its values win over the defaults.
  return { ...before, ...given, ...databaseOptions.after(), ...given };
}

async function createConnection(context: ApiContext) {
  const body = await context.input();
  const name = body.name as string;
  if (connectionByName(context.state, name) !== undefined) {
    throw apiError(409, "A connection with the same name already exists");
  }
  const strategy = body.strategy as string;
  const connection = ordered({
    is_domain_connection: false,
    enabled_clients: [],
    realms: [name],
    ...body,
    id: `con_${randomAlphanumeric(16)}`,
    options: optionsFor(strategy, body.options as Record<string, unknown> | undefined, true),
  });
  context.state.connections.set(connection.id, connection);
  return { status: 201, body: connection };
}

async function updateConnection(context: ApiContext) {
  const connection = requireConnection(context.state, context.params.id!);
  const body = await context.input();
  const updated: Record<string, unknown> = { ...connection };
  for (const [key, value] of Object.entries(body)) {
    if (key === "options") {
      updated.options = optionsFor(
        connection.strategy,
        (value ?? {}) as Record<string, unknown>,
        false,
      );
    } else {
      updated[key] = value ?? [];
    }
  }
  const result = ordered(updated);
  context.state.connections.set(connection.id, result);
  return { status: 200, body: result };
}

/** `/connections` routes. */
export const connectionHandlers = {
  get_connections: {
    handle(context) {
      const strategies = context.query.getAll("strategy");
      const name = context.query.get("name");
      const connections = [...context.state.connections.values()].filter(
        (connection) =>
          (strategies.length === 0 || strategies.includes(connection.strategy)) &&
          (name === null || connection.name === name),
      );
      return listAnswer(connections, context.query, {
        key: "connections",
        alwaysKept: ["is_domain_connection"],
      });
    },
  },
  post_connections: {
    audit: "Create a connection",
    handle: createConnection,
  },
  get_connections_by_id: {
    handle: (context) => ({
      status: 200,
      body: projectFields(requireConnection(context.state, context.params.id!), context.query),
    }),
  },
  patch_connections_by_id: {
    audit: "Update a connection",
    handle: updateConnection,
  },
  delete_connections_by_id: {
    audit: "Delete a connection",
    handle(context) {
      // 202 with `deleted_at` while the deletion runs; 204 once the connection is gone (as recorded).
      const connection = context.state.connections.get(context.params.id!);
      if (connection === undefined) return { status: 204 };
      context.state.connections.delete(connection.id);
      // Deleting a connection deletes its users.
      for (const [id, user] of context.state.users) {
        if (user.identities[0]?.connection === connection.name) context.state.users.delete(id);
      }
      return { status: 202, body: { deleted_at: new Date(context.now()).toISOString() } };
    },
  },
} satisfies Handlers;
