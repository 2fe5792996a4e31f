// The Auth0 side of `pnpm demo`: the emulator with a small seeded tenant, or, when
// AUTH0_DOMAIN, AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET are set, that real tenant.
import { randomBytes } from "node:crypto";
import { createAuth0Emulator } from "@auth0-edge/testing/core";

/**
 * @typedef {object} DemoTenant
 * @property {Record<string, string>} bindings  AUTH0_DOMAIN, AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET
 * @property {import("@auth0-edge/testing/core").Auth0Emulator | undefined} emulator  unset for a real tenant
 * @property {(request: Request) => Promise<Response>} send  where the Worker's requests go
 */

/**
 * @param {NodeJS.ProcessEnv} env
 * @returns {DemoTenant}
 */
export function demoTenant(env) {
  const { AUTH0_DOMAIN, AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET } = env;
  if (AUTH0_DOMAIN && AUTH0_CLIENT_ID && AUTH0_CLIENT_SECRET) {
    return {
      bindings: { AUTH0_DOMAIN, AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET },
      emulator: undefined,
      send: (request) => fetch(request),
    };
  }
  // A fresh secret per run: nothing in the demo may depend on knowing it.
  const clientSecret = randomBytes(24).toString("base64url");
  const emulator = createAuth0Emulator({
    domain: "demo-tenant.eu.auth0.com",
    clientId: "demo-admin-worker",
    clientSecret,
    seed: {
      users: [
        ["ada", "Ada Lovelace"],
        ["grace", "Grace Hopper"],
        ["linus", "Linus Torvalds"],
        ["margaret", "Margaret Hamilton"],
        ["barbara", "Barbara Liskov"],
        ["edsger", "Edsger Dijkstra"],
      ].map(([login, name]) => ({ email: `${login}@example.com`, name })),
      roles: [
        { name: "admin", description: "Administrators" },
        { name: "support", description: "Support staff" },
      ],
      logs: 12,
    },
  });
  return {
    bindings: {
      AUTH0_DOMAIN: emulator.domain,
      AUTH0_CLIENT_ID: "demo-admin-worker",
      AUTH0_CLIENT_SECRET: clientSecret,
    },
    emulator,
    send: (request) => emulator.fetch(request),
  };
}

/**
 * The user and role the demo assigns: Ada and `admin` on the emulator; on a real tenant
 * only what `--write --user <id> --role <rol_id>` names.
 * @param {DemoTenant} tenant
 * @param {{ write?: boolean, user?: string, role?: string }} flags
 * @returns {{ user: string, role: string } | undefined}
 */
export function demoAssignment(tenant, flags) {
  if (tenant.emulator) {
    const users = [...tenant.emulator.state.users.values()];
    const roles = [...tenant.emulator.state.roles.values()];
    const user = users.find((u) => u.email === "ada@example.com");
    const role = roles.find((r) => r.name === "admin");
    return user && role ? { user: user.user_id, role: role.id } : undefined;
  }
  return flags.write && flags.user && flags.role
    ? { user: flags.user, role: flags.role }
    : undefined;
}
