import { type EmulatedOperationId, routeSpecs } from "./generated/routes";
import { blacklistRoutes } from "./resources/blacklists";
import { clientGrantHandlers } from "./resources/client-grants";
import { clientHandlers } from "./resources/clients";
import { connectionHandlers } from "./resources/connections";
import { deviceCredentialHandlers } from "./resources/device-credentials";
import { emailProviderHandlers } from "./resources/email-provider";
import { eventHandlers } from "./resources/events";
import { jobHandlers } from "./resources/jobs";
import { logHandlers } from "./resources/logs";
import { resourceServerHandlers } from "./resources/resource-servers";
import { roleHandlers } from "./resources/roles";
import { ruleHandlers } from "./resources/rules";
import { statHandlers } from "./resources/stats";
import { tenantSettingsHandlers } from "./resources/tenant-settings";
import { ticketHandlers } from "./resources/tickets";
import { userIdentityHandlers } from "./resources/user-identities";
import { userMultifactorHandlers } from "./resources/user-multifactor";
import { userRoleHandlers } from "./resources/user-roles";
import { userHandlers } from "./resources/users";
import { usersExportHandlers } from "./resources/users-exports";
import { expandBody, type RouteSpec } from "./route-spec";
import type { Handler, Route } from "./router";
import type { BodySchema } from "./validate";

/** One handler for every operation of src/generated/routes.ts: the compiler checks both ways. */
const handlers = {
  ...userHandlers,
  ...userRoleHandlers,
  ...roleHandlers,
  ...logHandlers,
  ...jobHandlers,
  ...usersExportHandlers,
  ...eventHandlers,
  ...clientHandlers,
  ...clientGrantHandlers,
  ...connectionHandlers,
  ...resourceServerHandlers,
  ...ruleHandlers,
  ...deviceCredentialHandlers,
  ...emailProviderHandlers,
  ...tenantSettingsHandlers,
  ...statHandlers,
  ...ticketHandlers,
  ...userIdentityHandlers,
  ...userMultifactorHandlers,
} satisfies Record<EmulatedOperationId, Handler>;

function amended(schema: BodySchema, amend: Partial<BodySchema> | undefined): BodySchema {
  if (amend === undefined) return schema;
  return { ...schema, ...amend, fields: { ...schema.fields, ...amend.fields } };
}

/**
 * Every Management API route of the emulator: each handler joined with its operation's
 * method, path, scopes and body schema from the document, then the routes the document
 * does not describe.
 *
 * @example
 * ```ts
 * const router = createRouter(apiRoutes);
 * ```
 */
export const apiRoutes: readonly Route[] = [
  ...(Object.entries(handlers) as [EmulatedOperationId, Handler][]).map(
    ([operationId, handler]): Route => {
      const { body, ...spec }: RouteSpec = routeSpecs[operationId];
      const route: Route = { operationId, ...spec, ...handler };
      if (body !== undefined) route.body = amended(expandBody(body), handler.amend);
      return route;
    },
  ),
  ...blacklistRoutes,
];
