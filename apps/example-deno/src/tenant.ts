// The Management API calls of this program, each in one place, through the generated
// operations of the users and logs subpaths.
import type { ManagementClient } from "@auth0-edge/management";
import { listLogs } from "@auth0-edge/management/logs";
import {
  assignUserRoles as assignRoles,
  listUsers,
  listUsersByEmail,
} from "@auth0-edge/management/users";

/** A user as this program shows it. */
export interface User {
  user_id: string;
  email?: string;
  name?: string;
  blocked?: boolean;
  created_at?: string;
  last_login?: string;
  logins_count?: number;
}

/** A log event as this program shows it. */
export interface LogEvent {
  log_id: string;
  date: string;
  type: string;
  description?: string | null;
  user_id?: string | null;
  user_name?: string | null;
  client_name?: string | null;
}

/** Every user with this email address (one per connection). */
export function findUsersByEmail(client: ManagementClient, email: string): Promise<User[]> {
  return listUsersByEmail(client, { email }) as Promise<User[]>;
}

/** One page of users with the tenant's total. */
export async function listUsersPage(
  client: ManagementClient,
  page: number,
  perPage: number,
): Promise<{ users: User[]; total: number }> {
  const result = await listUsers(client, { page, per_page: perPage, include_totals: true });
  // With include_totals Auth0 answers { users, total, … }; the plain array is the other form.
  if (Array.isArray(result)) throw new TypeError("expected a page with totals from GET /users");
  const users = (result.users ?? []) as User[];
  return { users, total: result.total ?? users.length };
}

/** Adds roles to a user; roles the user already has stay as they are. */
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
const byLogId = (a: LogEvent, b: LogEvent) =>
  a.log_id < b.log_id ? -1 : a.log_id > b.log_id ? 1 : 0;

/**
 * Log events in the order they were recorded (by log id), and the checkpoint to read
 * the ones after them. Without `from`: the `take` most recent events; with it: the
 * `take` events after that checkpoint (Auth0's checkpoint pagination).
 */
export async function readLogs(
  client: ManagementClient,
  from: string | undefined,
  take: number,
): Promise<{ logs: LogEvent[]; next: string | undefined }> {
  const answer =
    from === undefined
      ? await listLogs(client, { page: 0, per_page: take, sort: "date:-1" })
      : await listLogs(client, { from, take });
  // Without include_totals the list resolves to the array of logs (the types say so).
  const logs = [...answer] as LogEvent[];
  logs.sort(byLogId);
  return { logs, next: logs.at(-1)?.log_id ?? from };
}
