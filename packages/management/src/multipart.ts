import { InvalidInputError } from "./errors.js";

/** What `users` of a users import may be: the content of a JSON file of users. */
export type UsersFile = Blob | string | Uint8Array | ArrayBuffer | ReadableStream<Uint8Array>;

/** The fields of `POST /jobs/users-imports`, by their API names. */
export interface UsersImportFields {
  /** A JSON array of users in Auth0's bulk import format. */
  users: UsersFile;
  /** The database connection to import into: `con_…`. */
  connection_id: string;
  /** Update users that already exist (matched by email) instead of reporting them. */
  upsert?: boolean;
  /** Your own id for the job, echoed in its answers. */
  external_id?: string;
  /** Email the tenant owners when the job finishes. Auth0's default is `true`. */
  send_completion_email?: boolean;
}

const FILE_NAME = "users.json";
const FILE_TYPE = "application/json";

async function usersBlob(users: unknown): Promise<Blob> {
  if (users instanceof Blob) {
    // Auth0 only imports JSON; the part says so whatever type the Blob or File carried.
    return users.slice(0, users.size, FILE_TYPE);
  }
  if (typeof users === "string" || users instanceof ArrayBuffer || ArrayBuffer.isView(users)) {
    return new Blob([users as BlobPart], { type: FILE_TYPE });
  }
  if (users instanceof ReadableStream) {
    if (users.locked) throw new InvalidInputError("`users` is a stream that is already locked");
    // FormData holds strings and Blobs only, and a streamed request body would need
    // `duplex: "half"` (not on every runtime) and could not be sent twice on a retry.
    // Auth0 caps an import at 500 KB, so reading the stream into memory is cheap.
    return new Blob([await new Response(users).arrayBuffer()], { type: FILE_TYPE });
  }
  throw new InvalidInputError(
    "`users` must be a Blob, File, string, Uint8Array, ArrayBuffer or ReadableStream<Uint8Array>",
  );
}

function textValue(name: string, value: unknown): string {
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  throw new InvalidInputError(`\`${name}\` must be a string, a number or a boolean`);
}

function checkType(fields: Record<string, unknown>, name: string, type: "string" | "boolean") {
  const value = fields[name];
  if (value !== undefined && typeof value !== type) {
    throw new InvalidInputError(`\`${name}\` must be a ${type}`);
  }
}

/**
 * Builds the multipart body of `POST /jobs/users-imports` with the standard
 * `FormData`: the text fields first and the users file last (as Auth0's own SDKs
 * send it), the file as a part named `users`, file name `users.json`, type
 * `application/json`; booleans as `"true"`/`"false"`. Checks the input first, so a
 * mistake throws an {@link InvalidInputError} and nothing is sent. Used by the
 * generated users-import function of `@auth0-edge/management/jobs`.
 *
 * @example
 * ```ts
 * import { multipartBody } from "./multipart.js";
 * const body = await multipartBody({
 *   users: JSON.stringify([{ email: "ada@example.com", email_verified: true }]),
 *   connection_id: "con_0123456789abcdef",
 *   upsert: true,
 * });
 * await request(client, { method: "POST", path: "/jobs/users-imports", body });
 * ```
 */
export async function multipartBody(fields: Record<string, unknown>): Promise<FormData> {
  if (typeof fields !== "object" || fields === null || Array.isArray(fields)) {
    throw new InvalidInputError(
      "the users import needs an object with `users` and `connection_id`",
    );
  }
  if (fields.users === undefined || fields.users === null) {
    throw new InvalidInputError("`users` is required: the JSON file of users to import");
  }
  if (typeof fields.connection_id !== "string" || fields.connection_id === "") {
    throw new InvalidInputError(
      "`connection_id` is required: the id (con_…) of a database connection",
    );
  }
  checkType(fields, "upsert", "boolean");
  checkType(fields, "send_completion_email", "boolean");
  checkType(fields, "external_id", "string");
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (name === "users" || value === undefined) continue;
    form.append(name, textValue(name, value));
  }
  form.append("users", await usersBlob(fields.users), FILE_NAME);
  return form;
}
