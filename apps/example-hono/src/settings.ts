/** What the app needs to reach Auth0, wherever it runs (Worker bindings or process env). */
export interface Settings {
  /** The tenant host name, `my-tenant.eu.auth0.com`. */
  AUTH0_DOMAIN?: string;
  /** A machine-to-machine application authorized for the Management API. */
  AUTH0_CLIENT_ID?: string;
  AUTH0_CLIENT_SECRET?: string;
  /** The bearer token callers of this API must send: 32 characters or more. */
  ADMIN_API_TOKEN?: string;
}

/** A setting that is missing or unusable: the app answers 500 and names it, never its value. */
export class MisconfiguredError extends Error {
  override readonly name = "MisconfiguredError";
}

/** The settings this app cannot run without, checked once per isolate. */
export function required(settings: Settings) {
  const missing = (
    ["AUTH0_DOMAIN", "AUTH0_CLIENT_ID", "AUTH0_CLIENT_SECRET", "ADMIN_API_TOKEN"] as const
  ).filter((name) => !settings[name]);
  if (missing.length > 0) throw new MisconfiguredError(`${missing.join(", ")} must be set`);
  if (settings.ADMIN_API_TOKEN!.length < 32) {
    throw new MisconfiguredError("ADMIN_API_TOKEN must be 32 characters or more");
  }
  return {
    domain: settings.AUTH0_DOMAIN!,
    clientId: settings.AUTH0_CLIENT_ID!,
    clientSecret: settings.AUTH0_CLIENT_SECRET!,
    adminToken: settings.ADMIN_API_TOKEN!,
  };
}
