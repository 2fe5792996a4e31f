/**
 * What the emulator emulates: the generator's only input besides the Management API document.
 * Everything else about these operations (method, path, scopes, body schema, resource fields)
 * is read from the document.
 */

/**
 * The operations the emulator answers, by the document's `operationId`. The handler table
 * (src/handlers.ts) must have exactly these keys: the compiler checks it against the
 * generated `EmulatedOperationId`.
 */
export const emulatedOperations = [
  // users
  "get_users",
  "post_users",
  "get_users_by_id",
  "patch_users_by_id",
  "delete_users_by_id",
  "get_users-by-email",
  "get_user_roles",
  "post_user_roles",
  "delete_user_roles",
  "get_logs_by_user",
  "post_identities",
  "delete_user_identity_by_user_id",
  "delete_multifactor_by_provider",
  "get_enrollments",
  // roles
  "get_roles",
  "post_roles",
  "get_roles_by_id",
  "patch_roles_by_id",
  "delete_roles_by_id",
  "get_role_user",
  "post_role_users",
  // logs
  "get_logs",
  "get_logs_by_id",
  // events
  "subscribe_events",
  // jobs
  "post_users-imports",
  "post_users-exports",
  "post_verification-email",
  "get_jobs_by_id",
  "get_errors",
  // tenant configuration
  "get_clients",
  "post_clients",
  "get_clients_by_id",
  "patch_clients_by_id",
  "delete_clients_by_id",
  "post_rotate-secret",
  "get_client-grants",
  "post_client-grants",
  "get_client-grant",
  "patch_client-grants_by_id",
  "delete_client-grants_by_id",
  "get_connections",
  "post_connections",
  "get_connections_by_id",
  "patch_connections_by_id",
  "delete_connections_by_id",
  "get_resource-servers",
  "post_resource-servers",
  "get_resource-servers_by_id",
  "patch_resource-servers_by_id",
  "delete_resource-servers_by_id",
  "get_rules",
  "post_rules",
  "get_rules_by_id",
  "patch_rules_by_id",
  "delete_rules_by_id",
  "get_device-credentials",
  "post_device-credentials",
  "delete_device-credentials_by_id",
  "get_provider",
  "post_provider",
  "patch_provider",
  "delete_provider",
  "tenant_settings_route",
  "patch_settings",
  "get_active-users",
  "get_daily",
  "post_email-verification",
  "post_password-change",
] as const;

/**
 * The resource types the emulator stores, each named for the document's schema of one
 * operation's answer: `[name, operationId, where in the answer]`. `item` takes the element
 * type of an array answer (or of an array property, `item:identities`).
 */
export const emulatedResources: ReadonlyArray<readonly [string, string, string?]> = [
  ["Client", "get_clients_by_id"],
  ["ClientGrant", "get_client-grant"],
  ["Connection", "get_connections_by_id"],
  ["DeviceCredential", "get_device-credentials", "item"],
  ["GuardianEnrollment", "get_enrollments", "item"],
  ["Identity", "get_users_by_id", "item:identities"],
  ["Job", "get_jobs_by_id"],
  ["Log", "get_logs_by_id"],
  ["ResourceServer", "get_resource-servers_by_id"],
  ["Role", "get_roles_by_id"],
  ["Rule", "get_rules_by_id"],
  ["User", "get_users_by_id"],
];
