import type { ManagementClient as Client } from "../client.js";
import {
  createConnection,
  deleteConnection,
  getConnection,
  listConnections,
  updateConnection,
} from "../generated/connections.js";
import type { Input } from "../operation.js";
import { callbackify } from "./callbackify.js";

/** The classic `ConnectionsManager`. */
export class ConnectionsManager {
  constructor(private readonly client: Client) {}

  /**
   * `GET /connections` (`strategy`, `name`, `fields`, `page`, `per_page`, `include_totals`).
   * @example const databases = await management.connections.getAll({ strategy: "auth0" });
   */
  readonly getAll = callbackify((params?: Input<"get_connections">) =>
    listConnections(this.client, params),
  );

  /**
   * `GET /connections/{id}`.
   * @example const connection = await management.connections.get({ id });
   */
  readonly get = callbackify((params: Input<"get_connections_by_id">) =>
    getConnection(this.client, params),
  );

  /**
   * `POST /connections`.
   * @example await management.connections.create({ name: "db", strategy: "auth0" });
   */
  readonly create = callbackify((data: Input<"post_connections">["body"]) =>
    createConnection(this.client, { body: data }),
  );

  /**
   * `PATCH /connections/{id}`.
   * @example await management.connections.update({ id }, { display_name: "Staff" });
   */
  readonly update = callbackify(
    (params: { id: string }, data: Input<"patch_connections_by_id">["body"]) =>
      updateConnection(this.client, { id: params.id, body: data }),
  );

  /**
   * `DELETE /connections/{id}` (Auth0 deletes the connection's users too).
   * @example await management.connections.delete({ id });
   */
  readonly delete = callbackify((params: { id: string }) =>
    deleteConnection(this.client, { id: params.id }),
  );
}
