import { apiError } from "../errors";
import { randomAlphanumeric } from "../ids";
import type { Handlers } from "../router";
import type { DeviceCredential } from "../tenant-state";
import { listAnswer, without } from "./listing";

/** `/device-credentials` routes: list, create a public key, delete. */
export const deviceCredentialHandlers = {
  "get_device-credentials": {
    handle(context) {
      const filters = ["user_id", "client_id", "type"].flatMap((name) => {
        const value = context.query.get(name);
        return value === null ? [] : [[name, value] as const];
      });
      const credentials = [...context.state.deviceCredentials.values()]
        .filter((credential) => filters.every(([name, value]) => credential[name] === value))
        .map((credential) => without(credential, ["value"]));
      return listAnswer(credentials, context.query, { key: "device_credentials" });
    },
  },
  "post_device-credentials": {
    audit: "Create a device credential",
    async handle(context) {
      // Strings all, as the document's schema has checked.
      const body = (await context.input()) as Record<string, string | undefined>;
      for (const existing of context.state.deviceCredentials.values()) {
        if (existing.device_id === body.device_id && existing.type === body.type) {
          throw apiError(409, "A public key already exists for the device.");
        }
      }
      const credential: DeviceCredential = {
        id: `dcr_${randomAlphanumeric(16)}`,
        device_name: body.device_name,
        device_id: body.device_id,
        type: body.type as DeviceCredential["type"],
        client_id: body.client_id ?? context.token.azp,
        value: body.value,
      };
      context.state.deviceCredentials.set(credential.id, credential);
      // Auth0 answers with the id only (as recorded).
      return { status: 201, body: { id: credential.id } };
    },
  },
  "delete_device-credentials_by_id": {
    audit: "Delete a device credential",
    handle(context) {
      // Deleting an unknown credential answers 204 again (as recorded).
      context.state.deviceCredentials.delete(context.params.id!);
      return { status: 204 };
    },
  },
} satisfies Handlers;
