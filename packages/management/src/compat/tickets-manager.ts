import type { ManagementClient as Client } from "../client.js";
import { changeTicketPassword, verifyTicketEmail } from "../generated/tickets.js";
import type { Input } from "../operation.js";
import { callbackify } from "./callbackify.js";

/** The classic `TicketsManager`: links a user follows to verify an email or set a password. */
export class TicketsManager {
  constructor(private readonly client: Client) {}

  /**
   * `POST /tickets/email-verification`: `{ ticket }`, a URL.
   * @example const { ticket } = await management.tickets.verifyEmail({ user_id });
   */
  readonly verifyEmail = callbackify((data: Input<"post_email-verification">["body"]) =>
    verifyTicketEmail(this.client, { body: data }),
  );

  /**
   * `POST /tickets/password-change`: `{ ticket }`, a URL.
   * @example const { ticket } = await management.tickets.changePassword({ user_id, result_url });
   */
  readonly changePassword = callbackify((data: Input<"post_password-change">["body"]) =>
    changeTicketPassword(this.client, { body: data }),
  );
}
