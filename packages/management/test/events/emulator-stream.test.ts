import { describe, expect, it } from "vitest";
import { subscribeEvents } from "../../src/entries/events.js";
import { request } from "../../src/index.js";
import { emulatedTenant } from "../support/emulator.js";

describe("subscribeEvents on the emulator's stream, which stays open", () => {
  it("yields user.created for a user created while the loop waits, with the CloudEvent and its offset", async () => {
    const tenant = emulatedTenant();
    const client = tenant.client();
    const stop = new AbortController();
    const seen: unknown[] = [];
    const loop = (async () => {
      for await (const { event, data } of subscribeEvents(client, {}, { signal: stop.signal })) {
        seen.push({ event, data });
        stop.abort(new Error("enough"));
      }
    })().catch((error: Error) => error.message);
    // The stream is open before the user exists: the event comes live, not from a replay of a finished body.
    await expect
      .poll(() => tenant.emulator.requests.some((r) => r.path === "/api/v2/events"))
      .toBe(true);
    await request(client, {
      method: "POST",
      path: "/users",
      body: {
        connection: "Username-Password-Authentication",
        email: "live@example.com",
        password: "Passw0rd!long",
      },
    });
    expect(await loop).toBe("enough");
    expect(seen).toEqual([
      {
        event: "user.created",
        data: {
          offset: "000000000001",
          event: expect.objectContaining({
            type: "user.created",
            data: { object: expect.objectContaining({ email: "live@example.com" }) },
          }),
        },
      },
    ]);
  });
});
