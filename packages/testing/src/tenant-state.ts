import type { EmulatorConfig } from "./config";
import { connectionIdOf } from "./connection-ids";
import type * as Document from "./generated/resources";
import { objectId, randomAlphanumeric } from "./ids";

/** A Management API object as stored: the fields Auth0 returns, in Auth0's key order. */
export type Resource = Record<string, unknown>;

/** An application (`/clients`). */
export interface Client extends Document.Client {
  client_id: string;
  name: string;
  [key: string]: unknown;
}

/** A connection (`/connections`). */
export interface Connection extends Document.Connection {
  id: string;
  name: string;
  strategy: string;
  [key: string]: unknown;
}

/** A client grant (`/client-grants`). */
export interface ClientGrant extends Document.ClientGrant {
  id: string;
  client_id: string;
  audience: string;
  [key: string]: unknown;
}

/** An API (`/resource-servers`). */
export interface ResourceServer extends Document.ResourceServer {
  id: string;
  identifier: string;
  [key: string]: unknown;
}

/** A rule (`/rules`). */
export interface Rule extends Document.Rule {
  id: string;
  name: string;
  order: number;
  [key: string]: unknown;
}

/** A device credential (`/device-credentials`); `value` is never returned. */
export interface DeviceCredential extends Document.DeviceCredential {
  id: string;
  [key: string]: unknown;
}

/** A denylisted token (`/blacklists/tokens`). */
export interface BlacklistedToken {
  aud: string;
  jti: string;
}

/** A Guardian enrollment as `GET /users/{id}/enrollments` lists it. */
export interface GuardianEnrollment extends Document.GuardianEnrollment {
  id: string;
  [key: string]: unknown;
}

/** Tenant-wide singletons. */
export interface TenantSingletons {
  /** `GET /tenants/settings`. */
  settings: Resource;
  /** `/emails/provider`, with its secrets (which answers leave out); `undefined` when none is configured. */
  emailProvider: Resource | undefined;
}

/** The stores behind the tenant configuration endpoints; part of `emulator.state`. */
export interface TenantStores {
  readonly clients: Map<string, Client>;
  readonly connections: Map<string, Connection>;
  readonly clientGrants: Map<string, ClientGrant>;
  readonly resourceServers: Map<string, ResourceServer>;
  readonly rules: Map<string, Rule>;
  readonly deviceCredentials: Map<string, DeviceCredential>;
  readonly blacklistedTokens: BlacklistedToken[];
  /** User id → that user's Guardian enrollments (none unless a test puts some here). */
  readonly guardianEnrollments: Map<string, GuardianEnrollment[]>;
  readonly tenant: TenantSingletons;
}

/** A `client_secret` as long as Auth0's: 64 characters. */
export const clientSecret = () => randomAlphanumeric(64);

/** A 32-character `client_id`. */
export const clientId = () => randomAlphanumeric(32);

/** Fields every new client has, in the recorded order, before the ones the request set. */
export function clientDefaults(): Resource {
  return {
    is_first_party: true,
    is_token_endpoint_ip_header_trusted: false,
    oidc_conformant: false,
    jwt_configuration: { secret_encoded: false, lifetime_in_seconds: 36000 },
    signing_keys: [
      {
        cert: `-----BEGIN CERTIFICATE-----\n${randomAlphanumeric(64)}\n-----END CERTIFICATE-----\n`,
      },
    ],
    sso_disabled: false,
    cross_origin_authentication: false,
    grant_types: ["authorization_code", "implicit", "refresh_token", "client_credentials"],
    custom_login_page_on: true,
    refresh_token: {
      rotation_type: "non-rotating",
      expiration_type: "non-expiring",
      leeway: 0,
      token_lifetime: 2592000,
      infinite_token_lifetime: true,
      infinite_idle_token_lifetime: true,
      idle_token_lifetime: 1296000,
    },
  };
}

/**
 * Options Auth0 gives a new database (`auth0`) connection, split around the ones the
 * request sets, in the recorded order.
 */
export const databaseOptions = {
  before: () => ({
    mfa: { active: true, return_enroll_settings: true },
    passwordPolicy: "good",
    strategy_version: 2,
  }),
  after: () => ({
    authentication_methods: { password: { enabled: true }, passkey: { enabled: false } },
    passkey_options: {
      challenge_ui: "both",
      progressive_enrollment_enabled: true,
      local_enrollment_enabled: true,
    },
    brute_force_protection: true,
  }),
};

function defaultSettings(config: EmulatorConfig): Resource {
  return {
    allowed_logout_urls: [],
    enabled_locales: ["en"],
    flags: { enable_sso: true, universal_login: true, revoke_refresh_token_grant: false },
    friendly_name: config.domain.split(".")[0],
    idle_session_lifetime: 72,
    sandbox_version: "18",
    session_lifetime: 168,
    sandbox_versions_available: ["22", "18"],
  };
}

/**
 * Fills empty tenant stores the way a new tenant is: the configured clients (each with a
 * grant for the Management API), the configured database connections (ids from
 * {@link connectionIdOf}), the Management API itself as a system resource server, and
 * default tenant settings.
 */
export function seedTenant(stores: TenantStores, config: EmulatorConfig): void {
  const now = config.now();
  for (const name of config.connections) {
    const id = connectionIdOf(name);
    stores.connections.set(id, {
      id,
      options: { ...databaseOptions.before(), ...databaseOptions.after() },
      strategy: "auth0",
      name,
      is_domain_connection: false,
      enabled_clients: [...config.clients.keys()],
      realms: [name],
    });
  }
  const apiId = objectId(now);
  stores.resourceServers.set(apiId, {
    id: apiId,
    name: "Auth0 Management API",
    identifier: config.audience,
    allow_offline_access: false,
    skip_consent_for_verifiable_first_party_clients: false,
    token_lifetime: 86400,
    token_lifetime_for_web: 7200,
    signing_alg: "RS256",
    is_system: true,
  });
  for (const client of config.clients.values()) {
    stores.clients.set(client.clientId, {
      name: client.name ?? client.clientId,
      client_id: client.clientId,
      ...(client.clientSecret === undefined ? {} : { client_secret: client.clientSecret }),
      ...clientDefaults(),
      app_type: "non_interactive",
      grant_types: ["client_credentials"],
    });
    const grant = `cgr_${randomAlphanumeric(16)}`;
    stores.clientGrants.set(grant, {
      id: grant,
      client_id: client.clientId,
      audience: config.audience,
      scope: [...(client.scopes ?? [])],
    });
  }
  stores.tenant.settings = defaultSettings(config);
}
