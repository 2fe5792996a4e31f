import type { ManagementClient as Client } from "../client.js";
import {
  createDeviceCredentialPublicKey,
  deleteDeviceCredential,
  listDeviceCredentials,
} from "../generated/device-credentials.js";
import type { Input } from "../operation.js";
import { callbackify } from "./callbackify.js";

/** The classic `DeviceCredentialsManager`. */
export class DeviceCredentialsManager {
  constructor(private readonly client: Client) {}

  /**
   * `GET /device-credentials` (`user_id`, `client_id`, `type`, `fields`, paging).
   * @example const credentials = await management.deviceCredentials.getAll({ user_id });
   */
  readonly getAll = callbackify((params?: Input<"get_device-credentials">) =>
    listDeviceCredentials(this.client, params),
  );

  /**
   * `POST /device-credentials`: registers a device's public key; answers `{ id }`.
   * @example await management.deviceCredentials.createPublicKey({ device_name, device_id, type: "public_key", value });
   */
  readonly createPublicKey = callbackify((data: Input<"post_device-credentials">["body"]) =>
    createDeviceCredentialPublicKey(this.client, { body: data }),
  );

  /**
   * `DELETE /device-credentials/{id}`.
   * @example await management.deviceCredentials.delete({ id });
   */
  readonly delete = callbackify((params: { id: string }) =>
    deleteDeviceCredential(this.client, { id: params.id }),
  );
}
