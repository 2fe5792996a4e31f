import type { ManagementClient as Client } from "../client.js";
import {
  createClientGrant,
  deleteClientGrant,
  getClientGrant,
  listClientGrants,
  updateClientGrant,
} from "../generated/client-grants.js";
import type { Input } from "../operation.js";
import { callbackify } from "./callbackify.js";

/** The classic `ClientGrantsManager`. */
export class ClientGrantsManager {
  constructor(private readonly client: Client) {}

  /**
   * `GET /client-grants` (`audience`, `client_id`, `page`, `per_page`, `include_totals`).
   * @example const grants = await management.clientGrants.getAll({ client_id });
   */
  readonly getAll = callbackify((params?: Input<"get_client-grants">) =>
    listClientGrants(this.client, params),
  );

  /**
   * `GET /client-grants/{id}`.
   * @example const grant = await management.clientGrants.get({ id });
   */
  readonly get = callbackify((params: Input<"get_client-grant">) =>
    getClientGrant(this.client, params),
  );

  /**
   * `POST /client-grants`.
   * @example await management.clientGrants.create({ client_id, audience, scope: ["read:orders"] });
   */
  readonly create = callbackify((data: Input<"post_client-grants">["body"]) =>
    createClientGrant(this.client, { body: data }),
  );

  /**
   * `PATCH /client-grants/{id}`.
   * @example await management.clientGrants.update({ id }, { scope: ["read:orders"] });
   */
  readonly update = callbackify(
    (params: { id: string }, data: Input<"patch_client-grants_by_id">["body"]) =>
      updateClientGrant(this.client, { id: params.id, body: data }),
  );

  /**
   * `DELETE /client-grants/{id}`.
   * @example await management.clientGrants.delete({ id });
   */
  readonly delete = callbackify((params: { id: string }) =>
    deleteClientGrant(this.client, { id: params.id }),
  );
}
