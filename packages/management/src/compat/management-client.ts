import { createManagementClient } from "../client.js";
import { telemetryHeaderValue } from "../middleware/telemetry.js";
import { BlacklistedTokensManager } from "./blacklisted-tokens-manager.js";
import { ClientGrantsManager } from "./client-grants-manager.js";
import { ClientsManager } from "./clients-manager.js";
import { ConnectionsManager } from "./connections-manager.js";
import { DeviceCredentialsManager } from "./device-credentials-manager.js";
import { EmailProviderManager } from "./email-provider-manager.js";
import { attachFlatMethods, type FlatMethods } from "./flat-methods.js";
import { JobsManager } from "./jobs-manager.js";
import { LogsManager } from "./logs-manager.js";
import { type ManagementClientOptions, toCoreOptions } from "./options.js";
import { ResourceServersManager } from "./resource-servers-manager.js";
import { RulesManager } from "./rules-manager.js";
import { StatsManager } from "./stats-manager.js";
import { TenantManager } from "./tenant-manager.js";
import { TicketsManager } from "./tickets-manager.js";
import { UsersManager } from "./users-manager.js";

/** What `getClientInfo()` returns: the telemetry this client sends as `Auth0-Client`. */
export interface ClientInfo {
  name: string;
  version: string;
  env: Record<string, string>;
}

// The flat methods: the class's static block puts them on the prototype.
export interface ManagementClient extends FlatMethods {}

/**
 * The classic `ManagementClient` of the Auth0 Node SDK (v2): the same options, managers
 * and flat methods, each returning a promise or taking a node-style callback, built on
 * the typed functions of this package. Switch by changing the import.
 *
 * @example
 * ```ts
 * import { ManagementClient } from "@auth0-edge/management/compat";
 *
 * const management = new ManagementClient({
 *   domain: "my-tenant.eu.auth0.com",
 *   clientId: env.AUTH0_CLIENT_ID,
 *   clientSecret: env.AUTH0_CLIENT_SECRET,
 *   tokenProvider: { enableCache: true, cacheTTLInSeconds: 600 },
 * });
 * const user = await management.getUser({ id: "auth0|123" });
 * management.getUser({ id: "auth0|123" }, (err, user) => { … });
 * ```
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the static block below defines every member the interface adds.
export class ManagementClient {
  readonly blacklistedTokens: BlacklistedTokensManager;
  readonly clientGrants: ClientGrantsManager;
  readonly clients: ClientsManager;
  readonly connections: ConnectionsManager;
  readonly deviceCredentials: DeviceCredentialsManager;
  readonly emailProvider: EmailProviderManager;
  readonly jobs: JobsManager;
  readonly logs: LogsManager;
  readonly resourceServers: ResourceServersManager;
  readonly rules: RulesManager;
  readonly stats: StatsManager;
  readonly tenant: TenantManager;
  readonly tickets: TicketsManager;
  readonly users: UsersManager;

  static {
    attachFlatMethods(ManagementClient.prototype);
  }

  /** Checks the options at once: a mistake throws a `ConfigurationError` here, not on the first call. */
  constructor(options: ManagementClientOptions) {
    const client = createManagementClient(toCoreOptions(options));
    this.blacklistedTokens = new BlacklistedTokensManager(client);
    this.clientGrants = new ClientGrantsManager(client);
    this.clients = new ClientsManager(client);
    this.connections = new ConnectionsManager(client);
    this.deviceCredentials = new DeviceCredentialsManager(client);
    this.emailProvider = new EmailProviderManager(client);
    this.jobs = new JobsManager(client);
    this.logs = new LogsManager(client);
    this.resourceServers = new ResourceServersManager(client);
    this.rules = new RulesManager(client);
    this.stats = new StatsManager(client);
    this.tenant = new TenantManager(client);
    this.tickets = new TicketsManager(client);
    this.users = new UsersManager(client);
  }

  /**
   * Information about this client, as sent to Auth0 in the `Auth0-Client` header.
   *
   * @example
   * ```ts
   * management.getClientInfo(); // { name: "auth0-edge-management", version: "0.1.0", env: { runtime: "node/22.…" } }
   * ```
   */
  getClientInfo(): ClientInfo {
    return JSON.parse(atob(telemetryHeaderValue())) as ClientInfo;
  }
}
