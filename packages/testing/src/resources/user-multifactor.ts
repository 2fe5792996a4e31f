import { apiError } from "../errors";
import type { Handlers } from "../router";
import { requireUser } from "./users";

const providers = ["duo", "google-authenticator"];

/** `/users/{id}/multifactor/{provider}` and `/users/{id}/enrollments`. */
export const userMultifactorHandlers = {
  delete_multifactor_by_provider: {
    audit: "Delete a user's multifactor provider",
    handle(context) {
      const provider = context.params.provider!;
      if (!providers.includes(provider)) {
        throw apiError(
          400,
          `Path validation error: 'No enum match for: "${provider}"' on property provider (The multi-factor provider. Supported values 'duo' or 'google-authenticator').`,
          "invalid_uri",
        );
      }
      const user = requireUser(context.state, context.params.id!);
      // Auth0 lists a user's multifactor providers in `multifactor`.
      if (Array.isArray(user.multifactor)) {
        const rest = user.multifactor.filter((name) => name !== provider);
        if (rest.length > 0) user.multifactor = rest;
        else delete user.multifactor;
      }
      return { status: 204 };
    },
  },
  get_enrollments: {
    handle(context) {
      const user = requireUser(context.state, context.params.id!);
      const enrollments = context.state.guardianEnrollments.get(user.user_id) ?? [];
      return { status: 200, body: enrollments.map((enrollment) => ({ ...enrollment })) };
    },
  },
} satisfies Handlers;
