import type { ManagementClient as Client } from "../client.js";
import {
  createClient,
  deleteClient,
  getClient,
  listClients,
  rotateClientSecret,
  updateClient,
} from "../generated/clients.js";
import type { Input } from "../operation.js";
import { callbackify } from "./callbackify.js";

/** Names an application the classic way: by `client_id`. */
export interface ClientParams {
  client_id: string;
}

/** The classic `ClientsManager`: applications, named by `{ client_id }`. */
export class ClientsManager {
  constructor(private readonly client: Client) {}

  /**
   * `GET /clients` (`fields`, `page`, `per_page`, `include_totals`, `app_type`, …).
   * @example const clients = await management.clients.getAll();
   */
  readonly getAll = callbackify((params?: Input<"get_clients">) =>
    listClients(this.client, params),
  );

  /**
   * `GET /clients/{id}`.
   * @example const app = await management.clients.get({ client_id });
   */
  readonly get = callbackify((params: ClientParams & Omit<Input<"get_clients_by_id">, "id">) => {
    const { client_id, ...query } = params;
    return getClient(this.client, { ...query, id: client_id });
  });

  /**
   * `POST /clients`.
   * @example const app = await management.clients.create({ name: "My app" });
   */
  readonly create = callbackify((data: Input<"post_clients">["body"]) =>
    createClient(this.client, { body: data }),
  );

  /**
   * `PATCH /clients/{id}`.
   * @example await management.clients.update({ client_id }, { name: "Renamed" });
   */
  readonly update = callbackify(
    (params: ClientParams, data: Input<"patch_clients_by_id">["body"]) =>
      updateClient(this.client, { id: params.client_id, body: data }),
  );

  /**
   * `DELETE /clients/{id}`.
   * @example await management.clients.delete({ client_id });
   */
  readonly delete = callbackify((params: ClientParams) =>
    deleteClient(this.client, { id: params.client_id }),
  );

  /**
   * `POST /clients/{id}/rotate-secret`: a new `client_secret`.
   * @example const { client_secret } = await management.clients.rotateClientSecret({ client_id });
   */
  readonly rotateClientSecret = callbackify((params: ClientParams) =>
    rotateClientSecret(this.client, { id: params.client_id }),
  );
}
