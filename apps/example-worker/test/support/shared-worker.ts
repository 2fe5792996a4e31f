import { afterAll, beforeAll, beforeEach } from "vitest";
import type { RunningWorker } from "../../scripts/worker-runtime.mjs";
import { admin, createTenant, type Emulator, expectNoSecretsIn, startAgainst } from "./harness.js";

/**
 * One Worker in workerd for the whole test file, against one emulator that is reset
 * before each test (its tokens stay valid, so the Worker's cached token keeps working).
 * After the file, nothing the Worker logged may hold a secret or a token.
 */
export function sharedWorker() {
  const session = {} as { emulator: Emulator; worker: RunningWorker };
  beforeAll(async () => {
    session.emulator = createTenant();
    session.worker = await startAgainst(session.emulator);
  });
  beforeEach(() => session.emulator.reset());
  afterAll(async () => {
    await session.worker?.dispose();
    expectNoSecretsIn(session.worker?.logs ?? []);
  });
  return {
    get emulator() {
      return session.emulator;
    },
    get worker() {
      return session.worker;
    },
    get: (path: string) => session.worker.fetch(path, { headers: admin }),
    postRoles: (userId: string, body: string, contentType = "application/json") =>
      session.worker.fetch(`/users/${encodeURIComponent(userId)}/roles`, {
        method: "POST",
        headers: { ...admin, "content-type": contentType },
        body,
      }),
    userByEmail: (email: string) =>
      [...session.emulator.state.users.values()].find((u) => u.email === email)!,
    roleNamed: (name: string) =>
      [...session.emulator.state.roles.values()].find((r) => r.name === name)!,
  };
}
