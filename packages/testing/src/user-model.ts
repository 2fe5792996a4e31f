import { md5Hex } from "./md5";
import type { User } from "./types";

/**
 * Key order of user objects in Auth0's answers: alphabetical profile fields, then the
 * fields Auth0 appends (`last_password_reset`, login data, `app_metadata`), as recorded.
 */
const keyOrder = [
  "blocked",
  "created_at",
  "email",
  "email_verified",
  "family_name",
  "given_name",
  "identities",
  "name",
  "nickname",
  "phone_number",
  "phone_verified",
  "picture",
  "updated_at",
  "user_id",
  "user_metadata",
  "username",
  "last_password_reset",
  "last_ip",
  "last_login",
  "logins_count",
  "app_metadata",
];

/** A user with its keys in Auth0's order; unknown keys keep their order at the end. */
export function presentUser(user: User): User {
  const out: Record<string, unknown> = {};
  for (const key of keyOrder) if (user[key] !== undefined) out[key] = user[key];
  for (const [key, value] of Object.entries(user)) {
    if (!(key in out) && value !== undefined) out[key] = value;
  }
  return out as User;
}

function initials(name: string): string {
  const words = name.trim().toLowerCase().split(/\s+/);
  const letters =
    words.length > 1 ? `${words[0]![0] ?? ""}${words[1]![0] ?? ""}` : (words[0] ?? "").slice(0, 2);
  return letters.replace(/[^a-z0-9]/g, "") || "un";
}

/** Auth0's default picture: Gravatar of the email, falling back to an initials avatar. */
export function defaultPicture(email: string | undefined, name: string): string {
  const fallback = `https://cdn.auth0.com/avatars/${initials(name)}.png`;
  if (email === undefined) return fallback;
  return `https://s.gravatar.com/avatar/${md5Hex(email)}?s=480&r=pg&d=${encodeURIComponent(fallback)}`;
}

/** What a new user is made of. */
export interface NewUser {
  userId: string;
  connection: string;
  profile: Record<string, unknown>;
  nowMs: number;
}

const profileFields = [
  "email",
  "email_verified",
  "username",
  "phone_number",
  "phone_verified",
  "given_name",
  "family_name",
  "name",
  "nickname",
  "picture",
  "blocked",
  "app_metadata",
  "user_metadata",
] as const;

/**
 * A user as Auth0 creates it: email lowercased, `name` defaulting to the email (or
 * username, or phone), `nickname` to the email's local part, `email_verified` to false,
 * one `auth0` identity for the connection. Passwords are never stored.
 */
export function buildUser({ userId, connection, profile, nowMs }: NewUser): User {
  const email = typeof profile.email === "string" ? profile.email.toLowerCase() : undefined;
  const username = profile.username as string | undefined;
  const phone = profile.phone_number as string | undefined;
  const localId = userId.includes("|") ? userId.slice(userId.indexOf("|") + 1) : userId;
  const name = (profile.name as string | undefined) ?? email ?? username ?? phone ?? localId;
  const at = new Date(nowMs).toISOString();
  const user: User = {
    user_id: userId,
    name,
    nickname: (profile.nickname as string | undefined) ?? email?.split("@")[0] ?? username ?? name,
    picture: (profile.picture as string | undefined) ?? defaultPicture(email, name),
    created_at: at,
    updated_at: at,
    identities: [{ connection, user_id: localId, provider: "auth0", isSocial: false }],
  };
  const fields: Record<string, unknown> = user;
  for (const field of profileFields) {
    if (profile[field] !== undefined && !(field in user)) fields[field] = profile[field];
  }
  if (email !== undefined) {
    user.email = email;
    user.email_verified = profile.email_verified === true;
  }
  return user;
}

/** Top-level merge of metadata as Auth0 does it: keys set to `null` are removed. */
export function mergeMetadata(
  current: Record<string, unknown> | undefined,
  patch: Record<string, unknown>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}
