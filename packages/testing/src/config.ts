import { apiRoutes } from "./handlers";
import type { Auth0EmulatorOptions, EmulatorClient } from "./types";

/**
 * Every scope the emulator's routes check (the document's security scopes of each emulated
 * operation, in route order); granted to every client by default.
 */
export const defaultScopes: readonly string[] = [
  ...new Set(apiRoutes.flatMap((route) => route.scopes)),
];

/** Options after defaults and checks. */
export interface EmulatorConfig {
  domain: string;
  audience: string;
  /** `iss` of issued tokens: `https://{domain}/`, as Auth0 sets it. */
  issuer: string;
  tokenLifetimeSeconds: number;
  clients: Map<string, EmulatorClient>;
  connections: string[];
  jobPollsToFinish: number;
  /** Where users-export files are served (`location`): `https://{domain}` unless set. */
  exportsOrigin: string;
  now: () => number;
}

// One DNS label: letters, digits and inner hyphens. Anything else (scheme, port, path,
// userinfo, whitespace) is refused so the emulator cannot be pointed at a URL by mistake.
const hostPattern =
  /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/** Checks the options and fills in defaults; throws `TypeError` on bad input. */
export function resolveConfig(options: Auth0EmulatorOptions): EmulatorConfig {
  if (typeof options.domain !== "string" || !hostPattern.test(options.domain)) {
    throw new TypeError("createAuth0Emulator: domain must be a bare host name");
  }
  if (typeof options.clientId !== "string" || options.clientId === "") {
    throw new TypeError("createAuth0Emulator: clientId is required");
  }
  const lifetime = options.tokenLifetimeSeconds ?? 86400;
  if (!Number.isInteger(lifetime) || lifetime <= 0) {
    throw new TypeError("createAuth0Emulator: tokenLifetimeSeconds must be a positive integer");
  }
  const jobPolls = options.jobPollsToFinish ?? 2;
  if (!Number.isInteger(jobPolls) || jobPolls <= 0) {
    throw new TypeError("createAuth0Emulator: jobPollsToFinish must be a positive integer");
  }
  const domain = options.domain.toLowerCase();
  const scopes = options.scopes ?? [...defaultScopes];
  const clients = new Map<string, EmulatorClient>();
  const all: EmulatorClient[] = [
    { clientId: options.clientId, clientSecret: options.clientSecret, name: "Default App" },
    ...(options.clients ?? []),
  ];
  for (const client of all) {
    if (clients.has(client.clientId)) {
      throw new TypeError("createAuth0Emulator: client ids must be unique");
    }
    clients.set(client.clientId, { ...client, scopes: client.scopes ?? scopes });
  }
  return {
    domain,
    audience: options.audience ?? `https://${domain}/api/v2/`,
    issuer: `https://${domain}/`,
    tokenLifetimeSeconds: lifetime,
    clients,
    connections: options.connections ?? ["Username-Password-Authentication"],
    jobPollsToFinish: jobPolls,
    exportsOrigin: new URL(options.exportsOrigin ?? `https://${domain}`).origin,
    now: options.now ?? Date.now,
  };
}
