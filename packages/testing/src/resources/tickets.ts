import { apiError, userNotFound } from "../errors";
import { randomAlphanumeric } from "../ids";
import type { ApiContext, Handlers } from "../router";
import { requireUser } from "./users";

/** A ticket URL on the tenant's Universal Login, shaped like the recorded ones. */
function ticketUrl(context: ApiContext, page: string): string {
  return `https://${context.config.domain}/u/${page}?ticket=${randomAlphanumeric(32)}#`;
}

/** `/tickets` routes: email verification and password change tickets (201 `{ ticket }`). */
export const ticketHandlers = {
  "post_email-verification": {
    audit: "Create an email verification ticket",
    async handle(context) {
      const body = await context.input();
      const user = requireUser(context.state, body.user_id as string);
      if (user.email === undefined) {
        throw apiError(400, "The user does not have an email address.", "invalid_body");
      }
      return { status: 201, body: { ticket: ticketUrl(context, "email-verification") } };
    },
  },
  "post_password-change": {
    audit: "Create a password change ticket",
    async handle(context) {
      const body = await context.input();
      if (typeof body.user_id === "string") {
        requireUser(context.state, body.user_id);
      } else {
        // Without a user id, the user is found by email in a database connection.
        const connection = context.state.connections.get(String(body.connection_id));
        if (body.email === undefined || connection === undefined) {
          throw apiError(
            400,
            "Missing required property: user_id or email and connection_id",
            "invalid_body",
          );
        }
        const email = String(body.email).toLowerCase();
        const found = [...context.state.users.values()].some(
          (user) => user.email === email && user.identities[0]?.connection === connection.name,
        );
        if (!found) throw userNotFound();
      }
      return { status: 201, body: { ticket: ticketUrl(context, "reset-password") } };
    },
  },
} satisfies Handlers;
