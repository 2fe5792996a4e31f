/**
 * `@auth0-edge/management/compat`: the classic `ManagementClient` of the Auth0 Node SDK
 * (v2), for switching by changing an import. Only code that imports this entry pays for it.
 *
 * @packageDocumentation
 */
export type { BlacklistedToken, BlacklistedTokensManager } from "./blacklisted-tokens-manager.js";
export type { Callbackified, LeadingArguments, NodeCallback } from "./callbackify.js";
export type { ClientGrantsManager } from "./client-grants-manager.js";
export type { ClientParams, ClientsManager } from "./clients-manager.js";
export type { ConnectionsManager } from "./connections-manager.js";
export type { DeviceCredentialsManager } from "./device-credentials-manager.js";
export type { EmailProviderManager } from "./email-provider-manager.js";
export type { FlatMethods, Managers } from "./flat-methods.js";
export type { ImportUsersData, JobsManager } from "./jobs-manager.js";
export type { LogsManager, LogsParams } from "./logs-manager.js";
export { type ClientInfo, ManagementClient } from "./management-client.js";
export type { CoreOverrides, ManagementClientOptions } from "./options.js";
export type { ResourceServersManager } from "./resource-servers-manager.js";
export type { RulesManager } from "./rules-manager.js";
export type { StatsManager } from "./stats-manager.js";
export type { TenantManager } from "./tenant-manager.js";
export type { TicketsManager } from "./tickets-manager.js";
export type { UsersManager } from "./users-manager.js";
