import { apiError, payloadError } from "../errors";
import type { Handlers } from "../router";
import type { Identity, User } from "../types";
import { buildUser } from "../user-model";
import { requireUser } from "./users";

/** The profile fields Auth0 copies into a linked identity's `profileData` (recorded order). */
const profileFields = [
  "email",
  "name",
  "given_name",
  "family_name",
  "username",
  "nickname",
  "picture",
  "email_verified",
  "phone_number",
  "phone_verified",
];

function profileOf(user: User): Record<string, unknown> {
  const profile: Record<string, unknown> = {};
  // `name` is left out when it is only the default (the email), as recorded.
  for (const field of profileFields) {
    if (user[field] !== undefined && !(field === "name" && user.name === user.email)) {
      profile[field] = user[field];
    }
  }
  return profile;
}

/** The identities as link and unlink answer them: every one with its `profileData`. */
function answered(user: User) {
  return user.identities.map((identity, index) => {
    const { profileData, ...rest } = identity;
    return { profileData: index === 0 ? profileOf(user) : profileData, ...rest };
  });
}

/** `/users/{id}/identities` routes: link another account to a user, and unlink it. */
export const userIdentityHandlers = {
  post_identities: {
    audit: "Link a user account",
    async handle(context) {
      const primary = requireUser(context.state, context.params.id!);
      const body = await context.input();
      if (body.link_with !== undefined) {
        throw apiError(400, "Invalid token (link_with).", "invalid_body");
      }
      if (body.provider === undefined) throw payloadError("Missing required property: provider");
      if (body.user_id === undefined) throw payloadError("Missing required property: user_id");
      const provider = body.provider as string;
      // The document allows a number (some providers' ids are numeric); Auth0 stores text.
      const given = String(body.user_id);
      const secondaryId = given.startsWith(`${provider}|`) ? given : `${provider}|${given}`;
      if (secondaryId === primary.user_id) {
        throw apiError(400, "Main identity and the new one are the same.", "invalid_body");
      }
      const secondary = context.state.users.get(secondaryId);
      if (secondary === undefined) {
        throw apiError(400, "Provided secondary account not found.", "invalid_body");
      }
      const [identity] = secondary.identities;
      if (identity === undefined) throw apiError(400, "Unable to link with the secondary account.");
      primary.identities.push({ profileData: profileOf(secondary), ...identity });
      context.state.users.delete(secondaryId);
      for (const members of context.state.roleMembers.values()) members.delete(secondaryId);
      primary.updated_at = new Date(context.now()).toISOString();
      return { status: 201, body: answered(primary) };
    },
  },
  delete_user_identity_by_user_id: {
    audit: "Unlink a user account",
    handle(context) {
      const primary = requireUser(context.state, context.params.id!);
      const { provider, user_id: userId } = context.params as { provider: string; user_id: string };
      const index = primary.identities.findIndex(
        (identity) => identity.provider === provider && identity.user_id === userId,
      );
      if (index === 0) throw apiError(400, "Main identity cannot be removed.", "invalid_uri");
      if (index > 0) {
        const [removed] = primary.identities.splice(index, 1) as [Identity];
        // The unlinked identity becomes a user of its own again.
        const { profileData, ...identity } = removed;
        const restored = buildUser({
          userId: `${provider}|${userId}`,
          connection: identity.connection,
          profile: (profileData ?? {}) as Record<string, unknown>,
          nowMs: context.now(),
        });
        restored.identities = [identity as Identity];
        context.state.users.set(restored.user_id, restored);
        primary.updated_at = new Date(context.now()).toISOString();
      }
      return { status: 200, body: answered(primary) };
    },
  },
} satisfies Handlers;
