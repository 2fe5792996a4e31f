import { apiError } from "../errors";
import { projectFields } from "../pagination";
import type { ApiContext, Route } from "../router";
import {
  type Client,
  clientDefaults,
  clientId,
  clientSecret,
  type TenantStores,
} from "../tenant-state";
import { validateBody } from "../validate";
import { fieldTypes } from "./field-types";
import { listAnswer } from "./listing";

const createFields = fieldTypes({
  string: [
    "name",
    "description",
    "logo_uri",
    "token_endpoint_auth_method",
    "app_type",
    "cross_origin_loc",
    "custom_login_page",
    "custom_login_page_preview",
    "form_template",
    "initiate_login_uri",
    "organization_usage",
    "organization_require_behavior",
    "compliance_level",
    "resource_server_identifier",
    "third_party_security_mode",
    "redirection_policy",
  ],
  array: [
    "callbacks",
    "allowed_origins",
    "web_origins",
    "client_aliases",
    "allowed_clients",
    "allowed_logout_urls",
    "grant_types",
    "organization_discovery_methods",
    "async_approval_notification_channels",
  ],
  object: [
    "oidc_logout",
    "oidc_backchannel_logout",
    "session_transfer",
    "jwt_configuration",
    "encryption_key",
    "addons",
    "client_metadata",
    "mobile",
    "native_social_login",
    "fedcm_login",
    "refresh_token",
    "default_organization",
    "client_authentication_methods",
    "signed_request_object",
    "token_vault_privileged_access",
    "token_exchange",
    "token_quota",
    "express_configuration",
    "my_organization_configuration",
  ],
  boolean: [
    "is_token_endpoint_ip_header_trusted",
    "is_first_party",
    "oidc_conformant",
    "sso",
    "cross_origin_authentication",
    "sso_disabled",
    "custom_login_page_on",
    "require_pushed_authorization_requests",
    "require_proof_of_possession",
    "skip_non_verifiable_callback_uri_confirmation_prompt",
  ],
  integer: ["par_request_expiry"],
});

// The update body: the create fields less two, plus the secret.
const { resource_server_identifier: _, ...updatable } = createFields;
const updateFields = { ...updatable, client_secret: "string" as const };
const nullable = [
  "cross_origin_loc",
  "token_endpoint_auth_method",
  "organization_usage",
  "organization_require_behavior",
  "organization_discovery_methods",
  "compliance_level",
  "skip_non_verifiable_callback_uri_confirmation_prompt",
  "par_request_expiry",
  "async_approval_notification_channels",
];

/** Objects an update merges into (one level deep) instead of replacing. */
const mergedObjects = new Set(["jwt_configuration", "refresh_token"]);

// Not in the recordings (the recorder replaced the 404 body); worded like the connection's.
const clientNotFound = () => apiError(404, "The client does not exist", "inexistent_client");

/** The client or Auth0's 404. */
export function requireClient(state: TenantStores, id: string): Client {
  const client = state.clients.get(id);
  if (client === undefined) throw clientNotFound();
  return client;
}

async function createClient(context: ApiContext) {
  const body = validateBody(await context.body(), {
    fields: createFields,
    required: ["name"],
    nullable,
  });
  const { name, description, jwt_configuration, ...rest } = body;
  const client: Client = {
    name: name as string,
    ...(description === undefined ? {} : { description }),
    client_id: clientId(),
    client_secret: clientSecret(),
    ...clientDefaults(),
    ...rest,
  };
  // A given configuration replaces the default lifetime, as recorded.
  if (jwt_configuration !== undefined && jwt_configuration !== null) {
    client.jwt_configuration = { secret_encoded: false, ...jwt_configuration };
  }
  context.state.clients.set(client.client_id, client);
  return { status: 201, body: client };
}

async function updateClient(context: ApiContext) {
  const client = requireClient(context.state, context.params.id!);
  const body = validateBody(await context.body(), { fields: updateFields, nullable });
  for (const [key, value] of Object.entries(body)) {
    const current = client[key];
    if (
      mergedObjects.has(key) &&
      value !== null &&
      typeof current === "object" &&
      current !== null
    ) {
      client[key] = { ...current, ...(value as object) };
    } else if (value === null) {
      delete client[key];
    } else {
      client[key] = value;
    }
  }
  return { status: 200, body: client };
}

/** `/clients` routes. `client_secret` is returned (the token has `read:client_keys`). */
export const clientRoutes: Route[] = [
  {
    method: "GET",
    path: "/clients",
    scopes: ["read:clients", "read:client_keys", "read:client_credentials", "read:client_summary"],
    handle(context) {
      const appTypes = context.query.get("app_type")?.split(",");
      const firstParty = context.query.get("is_first_party");
      const clients = [...context.state.clients.values()].filter(
        (client) =>
          (appTypes === undefined || appTypes.includes(String(client.app_type))) &&
          (firstParty === null || String(client.is_first_party) === firstParty),
      );
      const tenant = context.config.domain.split(".")[0];
      return listAnswer(clients, context.query, { key: "clients", extra: () => ({ tenant }) });
    },
  },
  {
    method: "POST",
    path: "/clients",
    scopes: ["create:clients"],
    audit: "Create client",
    handle: createClient,
  },
  {
    method: "GET",
    path: "/clients/:id",
    scopes: ["read:clients", "read:client_keys", "read:client_credentials", "read:client_summary"],
    handle: (context) => ({
      status: 200,
      body: projectFields(requireClient(context.state, context.params.id!), context.query),
    }),
  },
  {
    method: "PATCH",
    path: "/clients/:id",
    scopes: ["update:clients", "update:client_keys", "update:client_credentials"],
    audit: "Update client",
    handle: updateClient,
  },
  {
    method: "DELETE",
    path: "/clients/:id",
    scopes: ["delete:clients"],
    audit: "Delete client",
    handle(context) {
      // An unknown client is not an error: 204 again, as recorded.
      const id = context.params.id!;
      context.state.clients.delete(id);
      for (const [grantId, grant] of context.state.clientGrants) {
        if (grant.client_id === id) context.state.clientGrants.delete(grantId);
      }
      return { status: 204 };
    },
  },
  {
    method: "POST",
    path: "/clients/:id/rotate-secret",
    scopes: ["update:client_keys"],
    audit: "Rotate client secret",
    handle(context) {
      const client = requireClient(context.state, context.params.id!);
      client.client_secret = clientSecret();
      return { status: 200, body: client };
    },
  },
];
