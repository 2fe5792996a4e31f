import { InvalidInputError } from "../errors.js";
import { createJobUsersImport } from "../generated/jobs.js";
import type { UsersFile } from "../multipart.js";
import type { Input, Output } from "../operation-types.js";
import type { CallContext } from "./method-rows.js";
import type { CallHook } from "./steps.js";

/**
 * What `importUsers` and `importUsersJob` take. `users_json` is the content of the users
 * file (a string of JSON, or its bytes), as in the classic client. The classic's `users`
 * was a file path read with `fs`; there is no file system on the edge, so here `users`
 * is the file's content too (a Blob or File, bytes, a stream or a string of JSON).
 */
export interface ImportUsersData {
  connection_id?: string;
  /** The seed's documentation's name for `connection_id`. */
  connectionId?: string;
  users_json?: string | Uint8Array;
  users?: UsersFile;
  /** Sent as `"true"` only when `true`, as the classic did. */
  upsert?: boolean;
  /** Sent as `"false"` only when `false`, as the classic did. */
  send_completion_email?: boolean;
  external_id?: string;
}

/** What the deprecated `importUsers` resolves: the parts of the classic's HTTP response that carry over. */
export interface ImportUsersResponse<T> {
  data: T;
  status: number;
  statusText: string;
  headers: Record<string, string>;
}

function usersOf(data: ImportUsersData): UsersFile {
  if (data.users_json) return data.users_json;
  const { users } = data;
  if (typeof users === "string" && users !== "" && !/^\s*\[/.test(users)) {
    throw new InvalidInputError(
      "`users` looks like a file path, and this client reads no files: pass the file's content as `users_json`, e.g. `users_json: await readFile(path, 'utf8')`",
    );
  }
  if (users === undefined || users === "") {
    throw new InvalidInputError("`users_json` is required: the JSON content of the users file");
  }
  return users;
}

function send(context: CallContext, args: unknown[], hook?: CallHook) {
  const data = args[0] as ImportUsersData | undefined;
  if (typeof data !== "object" || data === null) {
    throw new InvalidInputError("the import needs an object with `connection_id` and `users_json`");
  }
  const body: Input<"post_users-imports">["body"] = {
    users: usersOf(data),
    connection_id: (data.connection_id ?? data.connectionId)!,
    upsert: data.upsert === true,
    send_completion_email: data.send_completion_email !== false,
    ...(data.external_id === undefined ? {} : { external_id: data.external_id }),
  };
  return context.send(createJobUsersImport, { body }, hook) as Promise<
    Output<"post_users-imports">
  >;
}

/** `jobs.importUsersJob`: starts a users import and resolves the job. */
export function importUsersJob(context: CallContext, args: unknown[]) {
  return send(context, args);
}

let warned = false;

/**
 * `jobs.importUsers`, deprecated in the classic client: resolves `{ data, status,
 * statusText, headers }` (the job as `data`), as the classic resolved its HTTP response.
 */
export async function importUsers(
  context: CallContext,
  args: unknown[],
): Promise<ImportUsersResponse<Output<"post_users-imports">>> {
  if (!warned) {
    warned = true;
    console.warn("auth0-edge compat: importUsers is deprecated, use importUsersJob");
  }
  const hook: CallHook = {};
  const data = await send(context, args, hook);
  return {
    data,
    status: hook.status ?? 0,
    statusText: hook.statusText ?? "",
    headers: hook.headers ?? {},
  };
}
