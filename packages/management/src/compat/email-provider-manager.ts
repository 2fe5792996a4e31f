import type { ManagementClient as Client } from "../client.js";
import {
  createEmailProvider,
  deleteEmailProvider,
  getEmailProvider,
  updateEmailProvider,
} from "../generated/emails.js";
import type { Input } from "../operation.js";
import { callbackify } from "./callbackify.js";

/** The classic `EmailProviderManager`: the tenant's one email provider. */
export class EmailProviderManager {
  constructor(private readonly client: Client) {}

  /**
   * `GET /emails/provider` (`fields`, `include_fields`).
   * @example const provider = await management.emailProvider.get();
   */
  readonly get = callbackify((params?: Input<"get_provider">) =>
    getEmailProvider(this.client, params),
  );

  /**
   * `POST /emails/provider`.
   * @example await management.emailProvider.configure({ name: "sendgrid", credentials: { api_key } });
   */
  readonly configure = callbackify((data: Input<"post_provider">["body"]) =>
    createEmailProvider(this.client, { body: data }),
  );

  /**
   * `PATCH /emails/provider`. `params` is there for the classic signature; nothing in it is sent.
   * @example await management.emailProvider.update({}, { enabled: false });
   */
  readonly update = callbackify((_params: object, data: Input<"patch_provider">["body"]) =>
    updateEmailProvider(this.client, { body: data }),
  );

  /**
   * `DELETE /emails/provider`.
   * @example await management.emailProvider.delete();
   */
  readonly delete = callbackify(() => deleteEmailProvider(this.client));
}
