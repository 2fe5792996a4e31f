import type { ManagementClient as Client } from "../client.js";
import {
  createResourceServer,
  deleteResourceServer,
  getResourceServer,
  listResourceServers,
  updateResourceServer,
} from "../generated/resource-servers.js";
import type { Input } from "../operation.js";
import { callbackify } from "./callbackify.js";

/** The classic `ResourceServersManager`: the tenant's APIs. */
export class ResourceServersManager {
  constructor(private readonly client: Client) {}

  /**
   * `GET /resource-servers` (`identifiers`, `page`, `per_page`, `include_totals`).
   * @example const apis = await management.resourceServers.getAll();
   */
  readonly getAll = callbackify((params?: Input<"get_resource-servers">) =>
    listResourceServers(this.client, params),
  );

  /**
   * `GET /resource-servers/{id}`.
   * @example const api = await management.resourceServers.get({ id });
   */
  readonly get = callbackify((params: Input<"get_resource-servers_by_id">) =>
    getResourceServer(this.client, params),
  );

  /**
   * `POST /resource-servers`.
   * @example await management.resourceServers.create({ identifier: "https://api.example.com/" });
   */
  readonly create = callbackify((data: Input<"post_resource-servers">["body"]) =>
    createResourceServer(this.client, { body: data }),
  );

  /**
   * `PATCH /resource-servers/{id}`.
   * @example await management.resourceServers.update({ id }, { name: "Orders" });
   */
  readonly update = callbackify(
    (params: { id: string }, data: Input<"patch_resource-servers_by_id">["body"]) =>
      updateResourceServer(this.client, { id: params.id, body: data }),
  );

  /**
   * `DELETE /resource-servers/{id}`.
   * @example await management.resourceServers.delete({ id });
   */
  readonly delete = callbackify((params: { id: string }) =>
    deleteResourceServer(this.client, { id: params.id }),
  );
}
