import type { BlacklistedTokensManager } from "./blacklisted-tokens-manager.js";
import type { ClientGrantsManager } from "./client-grants-manager.js";
import type { ClientsManager } from "./clients-manager.js";
import type { ConnectionsManager } from "./connections-manager.js";
import type { DeviceCredentialsManager } from "./device-credentials-manager.js";
import type { EmailProviderManager } from "./email-provider-manager.js";
import type { JobsManager } from "./jobs-manager.js";
import type { LogsManager } from "./logs-manager.js";
import type { ResourceServersManager } from "./resource-servers-manager.js";
import type { RulesManager } from "./rules-manager.js";
import type { StatsManager } from "./stats-manager.js";
import type { TenantManager } from "./tenant-manager.js";
import type { TicketsManager } from "./tickets-manager.js";
import type { UsersManager } from "./users-manager.js";

/** The managers of the classic client, by property name. */
export interface Managers {
  blacklistedTokens: BlacklistedTokensManager;
  clientGrants: ClientGrantsManager;
  clients: ClientsManager;
  connections: ConnectionsManager;
  deviceCredentials: DeviceCredentialsManager;
  emailProvider: EmailProviderManager;
  jobs: JobsManager;
  logs: LogsManager;
  resourceServers: ResourceServersManager;
  rules: RulesManager;
  stats: StatsManager;
  tenant: TenantManager;
  tickets: TicketsManager;
  users: UsersManager;
}

/**
 * The classic client's flat methods and the manager method each one calls, with the same
 * parameters (and the same node-style callback). Every flat method of the v2 reference is
 * here; `createRule` is the spelling its own example used for `createRules`.
 */
export const flatMethods = {
  /** Denylist a token. @example `await management.blacklistToken({ aud: client_id, jti });` */
  blacklistToken: ["blacklistedTokens", "add"],
  /** Configure the email provider. @example `await management.configureEmailProvider({ name: "sendgrid", credentials: { api_key } });` */
  configureEmailProvider: ["emailProvider", "configure"],
  /** Create an application. @example `const app = await management.createClient({ name: "My app" });` */
  createClient: ["clients", "create"],
  /** Create a connection. @example `await management.createConnection({ name: "db", strategy: "auth0" });` */
  createConnection: ["connections", "create"],
  /** Register a device's public key. @example `await management.createDevicePublicKey({ device_name, device_id, type: "public_key", value });` */
  createDevicePublicKey: ["deviceCredentials", "createPublicKey"],
  /** Create an email verification ticket. @example `const { ticket } = await management.createEmailVerificationTicket({ user_id });` */
  createEmailVerificationTicket: ["tickets", "verifyEmail"],
  /** Create a password change ticket. @example `const { ticket } = await management.createPasswordChangeTicket({ user_id });` */
  createPasswordChangeTicket: ["tickets", "changePassword"],
  /** Create an API (resource server). @example `await management.createResourceServer({ identifier: "https://api.example.com/" });` */
  createResourceServer: ["resourceServers", "create"],
  /** Create a rule. @example `await management.createRules({ name: "add-claims", script });` */
  createRules: ["rules", "create"],
  /** Create a rule (the name the classic documentation's example uses). @example `await management.createRule({ name: "add-claims", script });` */
  createRule: ["rules", "create"],
  /** Create a user. @example `await management.createUser({ connection: "Username-Password-Authentication", email, password });` */
  createUser: ["users", "create"],
  /** Delete every user, a page at a time (the API no longer has `DELETE /users`). @example `await management.deleteAllUsers();` */
  deleteAllUsers: ["users", "deleteAll"],
  /** Delete an application. @example `await management.deleteClient({ client_id });` */
  deleteClient: ["clients", "delete"],
  /** Delete a connection. @example `await management.deleteConnection({ id });` */
  deleteConnection: ["connections", "delete"],
  /** Delete a device credential. @example `await management.deleteDeviceCredential({ id });` */
  deleteDeviceCredential: ["deviceCredentials", "delete"],
  /** Delete the email provider. @example `await management.deleteEmailProvider();` */
  deleteEmailProvider: ["emailProvider", "delete"],
  /** Delete an API (resource server). @example `await management.deleteResourceServer({ id });` */
  deleteResourceServer: ["resourceServers", "delete"],
  /** Delete a rule. @example `await management.deleteRule({ id });` */
  deleteRule: ["rules", "delete"],
  /** Delete a user. @example `await management.deleteUser({ id });` */
  deleteUser: ["users", "delete"],
  /** Remove a multifactor provider from a user. @example `await management.deleteUserMultifactor({ id, provider: "duo" });` */
  deleteUserMultifactor: ["users", "deleteMultifactorProvider"],
  /** The number of users who logged in during the last 30 days. @example `const count = await management.getActiveUsersCount();` */
  getActiveUsersCount: ["stats", "getActiveUsersCount"],
  /** The denylisted tokens. @example `const tokens = await management.getBlacklistedTokens();` */
  getBlacklistedTokens: ["blacklistedTokens", "getAll"],
  /** An application. @example `const app = await management.getClient({ client_id });` */
  getClient: ["clients", "get"],
  /** The applications. @example `const apps = await management.getClients();` */
  getClients: ["clients", "getAll"],
  /** A connection. @example `const connection = await management.getConnection({ id });` */
  getConnection: ["connections", "get"],
  /** The connections. @example `const connections = await management.getConnections({ strategy: "auth0" });` */
  getConnections: ["connections", "getAll"],
  /** Logins and signups per day. @example `const days = await management.getDailyStats({ from: "20250101", to: "20250131" });` */
  getDailyStats: ["stats", "getDaily"],
  /** The device credentials. @example `const credentials = await management.getDeviceCredentials({ user_id });` */
  getDeviceCredentials: ["deviceCredentials", "getAll"],
  /** The email provider. @example `const provider = await management.getEmailProvider();` */
  getEmailProvider: ["emailProvider", "get"],
  /** A user's Guardian enrollments. @example `const enrollments = await management.getGuardianEnrollments({ id });` */
  getGuardianEnrollments: ["users", "getGuardianEnrollments"],
  /** A job. @example `const job = await management.getJob({ id });` */
  getJob: ["jobs", "get"],
  /** A log event. @example `const event = await management.getLog({ id });` */
  getLog: ["logs", "get"],
  /** Log events. @example `const events = await management.getLogs({ q: "type:s" });` */
  getLogs: ["logs", "getAll"],
  /** An API (resource server). @example `const api = await management.getResourceServer({ id });` */
  getResourceServer: ["resourceServers", "get"],
  /** The APIs (resource servers). @example `const apis = await management.getResourceServers();` */
  getResourceServers: ["resourceServers", "getAll"],
  /** A rule. @example `const rule = await management.getRule({ id });` */
  getRule: ["rules", "get"],
  /** The rules. @example `const rules = await management.getRules();` */
  getRules: ["rules", "getAll"],
  /** The tenant settings. @example `const settings = await management.getTenantSettings();` */
  getTenantSettings: ["tenant", "getSettings"],
  /** A user. @example `const user = await management.getUser({ id });` */
  getUser: ["users", "get"],
  /** A user's log events. @example `const events = await management.getUserLogs({ id, per_page: 10 });` */
  getUserLogs: ["users", "logs"],
  /** A page of users, or a search. @example `const users = await management.getUsers({ per_page: 10, page: 0 });` */
  getUsers: ["users", "getAll"],
  /** The users with an email address. @example `const users = await management.getUsersByEmail("ada@example.com");` */
  getUsersByEmail: ["users", "getByEmail"],
  /** Import users from the content of a JSON file (not from a path, as the classic client did). @example `const job = await management.importUsers({ connection_id, users: JSON.stringify(users) });` */
  importUsers: ["jobs", "importUsers"],
  /** Link another account into a user. @example `await management.linkUsers(primaryId, { provider: "auth0", user_id: secondaryId });` */
  linkUsers: ["users", "link"],
  /** Send a user a verification email. @example `await management.sendEmailVerification({ user_id });` */
  sendEmailVerification: ["jobs", "verifyEmail"],
  /** Unlink an account from a user. @example `await management.unlinkUsers({ id, provider: "auth0", user_id });` */
  unlinkUsers: ["users", "unlink"],
  /** Merge keys into a user's `app_metadata`. @example `await management.updateAppMetadata({ id }, { plan: "pro" });` */
  updateAppMetadata: ["users", "updateAppMetadata"],
  /** Update an application. @example `await management.updateClient({ client_id }, { name: "Renamed" });` */
  updateClient: ["clients", "update"],
  /** Update a connection. @example `await management.updateConnection({ id }, { display_name: "Staff" });` */
  updateConnection: ["connections", "update"],
  /** Update the email provider. @example `await management.updateEmailProvider({}, { enabled: false });` */
  updateEmailProvider: ["emailProvider", "update"],
  /** Update an API (resource server). @example `await management.updateResourceServer({ id }, { name: "Orders" });` */
  updateResourceServer: ["resourceServers", "update"],
  /** Update a rule. @example `await management.updateRule({ id }, { enabled: false });` */
  updateRule: ["rules", "update"],
  /** Update the tenant settings. @example `await management.updateTenantSettings({ friendly_name: "Acme" });` */
  updateTenantSettings: ["tenant", "updateSettings"],
  /** Update a user. @example `await management.updateUser({ id }, { blocked: true });` */
  updateUser: ["users", "update"],
  /** Merge keys into a user's `user_metadata`. @example `await management.updateUserMetadata({ id }, { theme: "dark" });` */
  updateUserMetadata: ["users", "updateUserMetadata"],
} as const satisfies Record<string, readonly [keyof Managers, string]>;

type MethodOf<E> = E extends readonly [infer M extends keyof Managers, infer N]
  ? N extends keyof Managers[M]
    ? Managers[M][N]
    : never
  : never;

/** The flat methods, typed as the manager methods they call. */
export type FlatMethods = { [K in keyof typeof flatMethods]: MethodOf<(typeof flatMethods)[K]> };

/** @internal Adds the flat methods to the client's prototype, each calling its manager. */
export function attachFlatMethods(prototype: object): void {
  for (const [name, [manager, method]] of Object.entries(flatMethods)) {
    Object.defineProperty(prototype, name, {
      configurable: true,
      writable: true,
      value(this: Managers, ...args: unknown[]) {
        const target = this[manager] as unknown as Record<string, (...a: unknown[]) => unknown>;
        return target[method]!(...args);
      },
    });
  }
}
