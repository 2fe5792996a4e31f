import { randomBytes } from "node:crypto";
import { createAuth0Emulator } from "@auth0-edge/testing/core";
import { expect } from "vitest";
import { bundleWorker, type RunningWorker, startWorker } from "../../scripts/worker-runtime.mjs";

export const DOMAIN = "admin-tool.example.auth0.com";
export const CLIENT_ID = "example-worker-client";
/** No answer, log line or KV value of the Worker may ever contain these. */
export const CLIENT_SECRET = "s3cr3t-example-worker-DO-NOT-LEAK";
export const ADMIN_API_TOKEN = randomBytes(24).toString("base64url");

export const admin = { authorization: `Bearer ${ADMIN_API_TOKEN}` };

export type Emulator = ReturnType<typeof createAuth0Emulator>;

/** A tenant with a few users, two roles and some log events. */
export function createTenant(): Emulator {
  return createAuth0Emulator({
    domain: DOMAIN,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    seed: {
      users: ["ada", "grace", "linus", "margaret", "barbara"].map((name) => ({
        email: `${name}@example.com`,
        name: name[0]!.toUpperCase() + name.slice(1),
      })),
      roles: [
        { name: "admin", description: "Administrators" },
        { name: "support", description: "Support staff" },
      ],
      logs: 8,
    },
  });
}

export function bindings(overrides: Record<string, string | undefined> = {}) {
  const all: Record<string, string | undefined> = {
    AUTH0_DOMAIN: DOMAIN,
    AUTH0_CLIENT_ID: CLIENT_ID,
    AUTH0_CLIENT_SECRET: CLIENT_SECRET,
    ADMIN_API_TOKEN,
    ...overrides,
  };
  return Object.fromEntries(
    Object.entries(all).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

let bundled: Promise<string> | undefined;

/** The Worker in workerd, its outbound requests answered by `emulator`. */
export async function startAgainst(
  emulator: Emulator,
  options: {
    bindings?: Record<string, string | undefined>;
    kvPersist?: string;
    durableObjectsPersist?: string;
  } = {},
): Promise<RunningWorker> {
  bundled ??= bundleWorker();
  return startWorker({
    script: await bundled,
    bindings: bindings(options.bindings),
    outbound: (request) => emulator.fetch(request),
    kvPersist: options.kvPersist,
    durableObjectsPersist: options.durableObjectsPersist,
  });
}

/** Fails when a line the Worker logged holds the client secret, the admin token or a JWT. */
export function expectNoSecretsIn(lines: readonly string[]): void {
  const text = lines.join("\n");
  for (const secret of [CLIENT_SECRET, ADMIN_API_TOKEN, "eyJ"]) expect(text).not.toContain(secret);
}

/** The API requests the emulator served since `from` (an index into `emulator.requests`). */
export function apiRequestsSince(emulator: Emulator, from: number) {
  return emulator.requests.slice(from).filter((r) => r.kind === "api");
}
