import type { ManagementClient as Client } from "../client.js";
import { InvalidInputError } from "../errors.js";
import {
  createJobUsersImport,
  createJobVerificationEmail,
  getJob,
  getJobErrors,
} from "../generated/jobs.js";
import type { UsersFile } from "../multipart.js";
import type { Input } from "../operation.js";
import { callbackify } from "./callbackify.js";

/**
 * What `importUsers` takes. The classic client read `users` from a file path with `fs`;
 * this one runs where there is no file system, so `users` is the file's content (a string
 * of JSON, a Blob or File, bytes or a stream), or `users_json` a string of JSON as before.
 */
export interface ImportUsersData {
  connection_id?: string;
  /** The classic spelling of `connection_id`. */
  connectionId?: string;
  users?: UsersFile;
  users_json?: string;
  upsert?: boolean;
  send_completion_email?: boolean;
  external_id?: string;
}

function usersOf(data: ImportUsersData): UsersFile {
  const users = data.users ?? data.users_json;
  if (users === undefined)
    throw new InvalidInputError("`users` is required: the JSON of the users");
  if (typeof users === "string" && !users.trimStart().startsWith("[")) {
    throw new InvalidInputError(
      "`users` must be the content of the users file, not its path: read the file and pass its content",
    );
  }
  return users;
}

/** The classic `JobsManager`. */
export class JobsManager {
  constructor(private readonly client: Client) {}

  /**
   * `GET /jobs/{id}`.
   * @example const job = await management.jobs.get({ id });
   */
  readonly get = callbackify((params: Input<"get_jobs_by_id">) => getJob(this.client, params));

  /**
   * `GET /jobs/{id}/errors`: the users an import refused.
   * @example const errors = await management.jobs.errors({ id });
   */
  readonly errors = callbackify((params: Input<"get_errors">) => getJobErrors(this.client, params));

  /**
   * `POST /jobs/users-imports` (multipart): imports users into a database connection.
   * @example const job = await management.jobs.importUsers({ connection_id, users: JSON.stringify(users) });
   */
  readonly importUsers = callbackify(async (data: ImportUsersData) => {
    const { connectionId, users_json: _, users: __, ...fields } = data ?? {};
    const connection_id = data?.connection_id ?? connectionId;
    const body = { ...fields, connection_id, users: usersOf(data ?? {}) };
    return createJobUsersImport(this.client, { body } as Input<"post_users-imports">);
  });

  /**
   * `POST /jobs/verification-email`: emails the user a link to verify their address.
   * @example await management.jobs.verifyEmail({ user_id });
   */
  readonly verifyEmail = callbackify((data: Input<"post_verification-email">["body"]) =>
    createJobVerificationEmail(this.client, { body: data }),
  );
}
