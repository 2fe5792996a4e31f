import { objectId } from "./ids";
import type { JobSummary, JobUserError } from "./job-model";
import type { EmulatorState, User } from "./types";
import { buildUser } from "./user-model";

/** The fields of Auth0's bulk import schema the emulator reads, with their JSON types. */
const fieldTypes: Record<string, "string" | "boolean" | "object" | "array"> = {
  email: "string",
  email_verified: "boolean",
  user_id: "string",
  username: "string",
  given_name: "string",
  family_name: "string",
  name: "string",
  nickname: "string",
  picture: "string",
  blocked: "boolean",
  app_metadata: "object",
  user_metadata: "object",
  password_hash: "string",
  custom_password_hash: "object",
  mfa_factors: "array",
};

/** What an upsert may change on an existing user (Auth0's "upsertable" profile fields). */
const upsertable = [
  "email_verified",
  "given_name",
  "family_name",
  "name",
  "nickname",
  "picture",
  "blocked",
  "app_metadata",
  "user_metadata",
];

/** Imported but never stored: the emulator keeps no credentials. */
const notStored = new Set(["user_id", "password_hash", "custom_password_hash", "mfa_factors"]);

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Auth0's wording when a whole file cannot be read (the job ends `failed`). */
export const unreadableFile =
  "Failed to parse users file JSON when importing users. Make sure it is valid JSON.";

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

/** The problems of one entry in the bulk import error format (code, message, path). */
function entryProblems(entry: unknown): JobUserError["errors"] {
  const type = jsonType(entry);
  if (type !== "object") {
    return [{ code: "INVALID_TYPE", message: `Expected type object but found type ${type}` }];
  }
  const fields = entry as Record<string, unknown>;
  const problems: JobUserError["errors"] = [];
  if (fields.email === undefined) {
    problems.push({ code: "OBJECT_REQUIRED", message: "Missing required property: email" });
  }
  for (const [name, expected] of Object.entries(fieldTypes)) {
    const actual = fields[name] === undefined ? expected : jsonType(fields[name]);
    if (actual !== expected) {
      const message = `Error in ${name} property - Expected type ${expected} but found type ${actual}`;
      problems.push({ code: "INVALID_TYPE", message, path: name });
    }
  }
  if (typeof fields.email === "string" && !emailPattern.test(fields.email)) {
    const message = `Error in email property - Object didn't pass validation for format email: ${fields.email}`;
    problems.push({ code: "FORMAT", message, path: "email" });
  }
  return problems;
}

function findExisting(state: EmulatorState, connection: string, email: string, userId?: string) {
  for (const user of state.users.values()) {
    if (user.identities[0]?.connection !== connection) continue;
    if (user.email === email || (userId !== undefined && user.user_id === `auth0|${userId}`)) {
      return user;
    }
  }
  return undefined;
}

function profileOf(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).filter(([key]) => key in fieldTypes && !notStored.has(key)),
  );
}

/** What running an import produced. */
export type ImportResult =
  | { ok: true; summary: JobSummary; errors: JobUserError[] }
  | { ok: false; statusDetails: string };

/**
 * Runs a users import against the user store, entry by entry as Auth0 does: an invalid
 * entry, a second entry with the same email, or an existing user without `upsert` is
 * refused (`DUPLICATED_USER` with the recorded wording); with `upsert`, an existing user
 * (same email, or same `user_id`, in the connection) gets the upsertable fields of its entry.
 */
export function runImport(
  state: EmulatorState,
  input: { users: string; upsert: boolean; connection: string },
  nowMs: number,
): ImportResult {
  let entries: unknown;
  try {
    entries = JSON.parse(input.users);
  } catch {
    return { ok: false, statusDetails: unreadableFile };
  }
  if (!Array.isArray(entries)) return { ok: false, statusDetails: unreadableFile };
  const summary: JobSummary = { failed: 0, updated: 0, inserted: 0, total: entries.length };
  const errors: JobUserError[] = [];
  const seen = new Set<string>();
  const refuse = (user: unknown, problems: JobUserError["errors"]) => {
    summary.failed++;
    errors.push({ user, errors: problems });
  };
  for (const entry of entries) {
    const problems = entryProblems(entry);
    if (problems.length > 0) {
      refuse(entry, problems);
      continue;
    }
    const fields = entry as Record<string, unknown>;
    const email = (fields.email as string).toLowerCase();
    if (seen.has(email)) {
      const message = "A user with this email was already provided.";
      refuse(entry, [{ code: "DUPLICATED_USER", message }]);
      continue;
    }
    seen.add(email);
    const existing = findExisting(state, input.connection, email, fields.user_id as string);
    if (existing !== undefined && !input.upsert) {
      const message = "The user already exist and upsert parameter is false";
      refuse(entry, [{ code: "DUPLICATED_USER", message }]);
    } else if (existing !== undefined) {
      for (const key of upsertable) if (fields[key] !== undefined) existing[key] = fields[key];
      existing.updated_at = new Date(nowMs).toISOString();
      summary.updated++;
    } else {
      const userId = `auth0|${(fields.user_id as string | undefined) ?? objectId(nowMs)}`;
      const profile = { ...profileOf(fields), email };
      const user: User = buildUser({ userId, connection: input.connection, profile, nowMs });
      state.users.set(userId, user);
      summary.inserted++;
    }
  }
  return { ok: true, summary, errors };
}
