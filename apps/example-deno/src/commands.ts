import type { ManagementClient } from "@auth0-edge/management";
import { exportUsers } from "@auth0-edge/management/jobs";
import { integerOption, type ParsedArgs, stringOption, UsageError } from "./args.ts";
import { progressLine } from "./progress.ts";
import {
  assignUserRoles,
  findUsersByEmail,
  type LogEvent,
  listUsersPage,
  readLogs,
  type User,
} from "./tenant.ts";

/** What a command produced: data for `--json`, and lines for people. */
export interface CommandResult {
  data: unknown;
  lines: string[];
}

/** Where a command that streams writes as it goes: data lines, and a progress line. */
export interface CommandIo {
  out(line: string): void;
  progress(line: string): void;
}

/** A sub-command: its usage line and what it does. */
export interface Command {
  usage: string;
  summary: string;
  run(client: ManagementClient, args: ParsedArgs, io: CommandIo): Promise<CommandResult>;
}

// Auth0 lists at most the first 1,000 users of any listing; past that a page is empty.
const LISTING_LIMIT = 1000;
const EMAIL = /^[^\s@]+@[^\s@]+$/;
const ROLE_ID = /^[A-Za-z0-9_-]{1,100}$/;

function userLine(user: User): string {
  const login = user.last_login ? `last login ${user.last_login}` : "never logged in";
  const blocked = user.blocked ? "  BLOCKED" : "";
  return `${user.user_id}  ${user.email ?? "-"}  ${user.name ?? ""}  (${login})${blocked}`;
}

function logLine(log: LogEvent): string {
  const who = log.user_name ?? log.user_id ?? log.client_name ?? "";
  return `${log.date}  ${log.type.padEnd(6)}  ${log.description || "-"}${who ? `  [${who}]` : ""}`;
}

function only(args: ParsedArgs, count: number, usage: string): string[] {
  if (args.positional.length !== count) throw new UsageError(`usage: ${usage}`);
  return args.positional;
}

/** The jobs of this program, by command name. */
export const commands: Record<string, Command> = {
  "users:by-email": {
    usage: "users:by-email <email>",
    summary: "find the users with this email address",
    async run(client, args) {
      const [email] = only(args, 1, this.usage);
      if (!EMAIL.test(email!) || email!.length > 254) {
        throw new UsageError(`not an email address: ${email}`);
      }
      const users = await findUsersByEmail(client, email!);
      return {
        data: users,
        lines: users.length ? users.map(userLine) : [`no user with the email ${email}`],
      };
    },
  },
  "users:page": {
    usage: "users:page [--page N] [--per-page N]",
    summary: "list one page of users (50 a page by default) with the total",
    async run(client, args) {
      only(args, 0, this.usage);
      const page = integerOption(args, "page", { min: 0, max: 999, fallback: 0 });
      const perPage = integerOption(args, "per-page", { min: 1, max: 100, fallback: 50 });
      if ((page + 1) * perPage > LISTING_LIMIT) {
        throw new UsageError(`Auth0 lists only the first ${LISTING_LIMIT} users of a listing`);
      }
      const { users, total } = await listUsersPage(client, page, perPage);
      const first = page * perPage;
      const range = users.length ? `${first + 1}–${first + users.length}` : "none";
      return {
        data: { page, per_page: perPage, total, users },
        lines: [...users.map(userLine), `users ${range} of ${total} (page ${page})`],
      };
    },
  },
  "roles:assign": {
    usage: "roles:assign <user-id> <role-id>...",
    summary: "give a user one or more roles",
    async run(client, args) {
      const [userId, ...roles] = args.positional;
      if (userId === undefined || roles.length === 0) throw new UsageError(`usage: ${this.usage}`);
      const bad = roles.find((role) => !ROLE_ID.test(role));
      if (bad !== undefined) throw new UsageError(`not a role id: ${bad}`);
      const unique = [...new Set(roles)];
      await assignUserRoles(client, userId, unique);
      return {
        data: { user_id: userId, assigned: unique },
        lines: [`assigned ${unique.join(", ")} to ${userId}`],
      };
    },
  },
  "users:export": {
    usage: "users:export [--format json|csv]",
    summary:
      "export every user (past the 1,000 a listing shows), one per line, with a progress bar",
    async run(client, args, io) {
      only(args, 0, this.usage);
      const format = stringOption(args, "format") ?? "json";
      if (format !== "json" && format !== "csv") throw new UsageError(`not json or csv: ${format}`);
      const fields = ["user_id", "email", "name", "created_at", "last_login"].map((name) => ({
        name,
      }));
      let count = 0;
      for await (const user of exportUsers(
        client,
        { format, fields },
        { onProgress: (progress) => io.progress(progressLine(progress)) },
      )) {
        count++;
        io.out(JSON.stringify(user));
      }
      return { data: { exported: count }, lines: [`exported ${count} users`] };
    },
  },
  "logs:recent": {
    usage: "logs:recent [--take N] [--from <log-id>]",
    summary: "read the latest log events, or the events after a checkpoint",
    async run(client, args) {
      only(args, 0, this.usage);
      const take = integerOption(args, "take", { min: 1, max: 100, fallback: 20 });
      const from = stringOption(args, "from");
      if (from !== undefined && !/^[A-Za-z0-9_-]{1,100}$/.test(from)) {
        throw new UsageError(`not a log id: ${from}`);
      }
      const { logs, next } = await readLogs(client, from, take);
      const tail = next ? `next: --from ${next}` : "no events yet";
      return { data: { logs, next: next ?? null }, lines: [...logs.map(logLine), tail] };
    },
  },
};
