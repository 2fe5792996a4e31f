import { describe, expect, it } from "vitest";
import { setup } from "./support/emulator";

async function readUntil(reader: ReadableStreamDefaultReader<string>, marker: string) {
  let text = "";
  while (!text.includes(marker)) {
    const { done, value } = await reader.read();
    if (done) throw new Error(`the stream ended before ${marker}: ${text}`);
    text += value;
  }
  return text;
}

describe("the emulator's event stream", () => {
  it("stays open and sends user.created for a user created while it is open, then resumes after its offset", async () => {
    const env = setup();
    const response = await env.api("GET", "/events");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    expect(await readUntil(reader, ": connected")).toContain(": connected");

    await env.api("POST", "/users", {
      connection: "Username-Password-Authentication",
      email: "live@example.com",
      password: "Passw0rd!long",
    });
    const text = await readUntil(reader, "\n\n");
    expect(text).toMatch(/^id: 000000000001\nevent: user.created\ndata: /m);
    const data = JSON.parse(/data: (.*)\n/.exec(text)![1]!);
    expect(data.offset).toBe("000000000001");
    expect(data.event).toMatchObject({
      type: "user.created",
      data: { object: { email: "live@example.com" } },
    });
    await reader.cancel();

    await env.api("POST", "/users", {
      connection: "Username-Password-Authentication",
      email: "second@example.com",
      password: "Passw0rd!long",
    });
    const resumed = await env.api("GET", "/events?from=000000000001");
    const next = resumed.body!.pipeThrough(new TextDecoderStream()).getReader();
    const rest = await readUntil(next, "id: 000000000002");
    expect(rest).not.toContain("id: 000000000001");
    await next.cancel();
  });
});
