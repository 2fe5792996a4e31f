// The Management API calls this Worker makes, each in one place, through the generated
// operations of the users and logs subpaths.
import type { ManagementClient } from "@auth0-edge/management";
import { listLogs } from "@auth0-edge/management/logs";
import {
  assignUserRoles as assignRoles,
  listUsers,
  listUsersByEmail,
} from "@auth0-edge/management/users";

/** The fields of a user this Worker shows. */
export interface UserSummary {
  user_id: string;
  email: string | undefined;
  name: string | undefined;
  blocked: boolean;
  created_at: string | undefined;
  last_login: string | undefined;
  logins_count: number;
}

/** The fields of a log event this Worker shows. */
export interface LogSummary {
  log_id: string;
  date: string;
  type: string;
  description: string | null;
  user_id: string | null;
  client_name: string | null;
  ip: string | null;
}

type Auth0User = Partial<Omit<UserSummary, "user_id" | "blocked" | "logins_count">> & {
  user_id: string;
  blocked?: boolean;
  logins_count?: number;
};
type Auth0Log = Partial<LogSummary> & { log_id: string; date: string; type: string };

function summarizeUser(user: Auth0User): UserSummary {
  return {
    user_id: user.user_id,
    email: user.email,
    name: user.name,
    blocked: user.blocked === true,
    created_at: user.created_at,
    last_login: user.last_login,
    logins_count: user.logins_count ?? 0,
  };
}

function summarizeLog(log: Auth0Log): LogSummary {
  return {
    log_id: log.log_id,
    date: log.date,
    type: log.type,
    description: log.description ?? null,
    user_id: log.user_id ?? null,
    client_name: log.client_name ?? null,
    ip: log.ip ?? null,
  };
}

/** Every user with this email address (one per connection). */
export async function findUsersByEmail(
  client: ManagementClient,
  email: string,
): Promise<UserSummary[]> {
  const users = await listUsersByEmail(client, { email });
  return (users as Auth0User[]).map(summarizeUser);
}

/** One page of the tenant's users with the total count. */
export async function listUsersPage(
  client: ManagementClient,
  page: number,
  perPage: number,
): Promise<{ users: UserSummary[]; total: number }> {
  const result = await listUsers(client, { page, per_page: perPage, include_totals: true });
  // With include_totals Auth0 answers { users, total, … }; the plain array is the other form.
  if (Array.isArray(result)) throw new TypeError("expected a page with totals from GET /users");
  const users = (result.users ?? []) as Auth0User[];
  return { users: users.map(summarizeUser), total: result.total ?? users.length };
}

/** Adds roles to a user (roles the user already has stay as they are). */
export async function assignUserRoles(
  client: ManagementClient,
  userId: string,
  roles: string[],
): Promise<void> {
  await assignRoles(client, { id: userId, body: { roles } });
}

// A page of logs comes newest first, a checkpoint read in log id order (which Auth0 warns
// is not always date order). Sorting by id gives both the order Auth0 recorded the events
// in, and makes the last id the checkpoint for the next read.
const byLogId = (a: Auth0Log, b: Auth0Log) =>
  a.log_id < b.log_id ? -1 : a.log_id > b.log_id ? 1 : 0;

/**
 * Log events in the order they were recorded (by log id), with the checkpoint to read
 * the events after them. Without `from`: the `take` most recent events. With `from`:
 * the `take` events that follow that checkpoint (Auth0's checkpoint pagination).
 */
export async function readLogs(
  client: ManagementClient,
  options: { from: string | undefined; take: number },
): Promise<{ logs: LogSummary[]; next: string | undefined }> {
  const answer =
    options.from === undefined
      ? await listLogs(client, { page: 0, per_page: options.take, sort: "date:-1" })
      : await listLogs(client, { from: options.from, take: options.take });
  // Without include_totals the list resolves to the array of logs (the types say so).
  const logs = [...answer] as Auth0Log[];
  logs.sort(byLogId);
  return { logs: logs.map(summarizeLog), next: logs.at(-1)?.log_id ?? options.from };
}
