import type { Route } from "../router";
import { blacklistRoutes } from "./blacklists";
import { clientGrantRoutes } from "./client-grants";
import { clientRoutes } from "./clients";
import { connectionRoutes } from "./connections";
import { deviceCredentialRoutes } from "./device-credentials";
import { emailProviderRoutes } from "./email-provider";
import { resourceServerRoutes } from "./resource-servers";
import { ruleRoutes } from "./rules";
import { statRoutes } from "./stats";
import { tenantSettingsRoutes } from "./tenant-settings";
import { ticketRoutes } from "./tickets";
import { userIdentityRoutes } from "./user-identities";
import { userMultifactorRoutes } from "./user-multifactor";

/** The tenant configuration endpoints (and the user extras the classic client calls). */
export const tenantRoutes: Route[] = [
  ...clientRoutes,
  ...clientGrantRoutes,
  ...connectionRoutes,
  ...resourceServerRoutes,
  ...ruleRoutes,
  ...deviceCredentialRoutes,
  ...emailProviderRoutes,
  ...tenantSettingsRoutes,
  ...blacklistRoutes,
  ...statRoutes,
  ...ticketRoutes,
  ...userIdentityRoutes,
  ...userMultifactorRoutes,
];
