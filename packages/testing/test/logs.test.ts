import { describe, expect, it } from "vitest";
import { base, setup } from "./support/emulator";

type Log = { log_id: string; _id: string; date: string; type: string; [key: string]: unknown };

describe("logs", () => {
  it("generates seed.logs: n events with 56-digit ids that sort like their dates", async () => {
    const { emulator, clock } = setup({ seed: { logs: 5 } });
    const logs = emulator.state.logs;
    expect(logs).toHaveLength(5);
    for (const log of logs) {
      expect(log.log_id).toMatch(/^900\d{53}$/);
      expect(log._id).toBe(log.log_id);
    }
    const ids = logs.map((log) => log.log_id);
    expect([...ids].sort()).toEqual(ids);
    expect(logs.at(-1)!.date).toBe(new Date(clock.now() - 1000).toISOString());
  });

  it("lists the newest first, 50 per page, and pages with page/per_page", async () => {
    const { api, emulator } = setup({ seed: { logs: 120 } });
    const first = (await (await api("GET", "/logs")).json()) as Log[];
    expect(first).toHaveLength(50);
    // The token grant behind the first call wrote a seccft event: it is the newest.
    expect(first[0]!.type).toBe("seccft");
    const newestFirst = [...emulator.state.logs].reverse().map((log) => log.log_id);
    const page = (await (await api("GET", "/logs?page=1&per_page=10")).json()) as Log[];
    expect(page.map((log) => log.log_id)).toEqual(newestFirst.slice(10, 20));
  });

  it("answers { start, limit, length, logs, total } with include_totals", async () => {
    const { api } = setup({ seed: { logs: 6 } });
    const body = await (await api("GET", "/logs?per_page=5&page=1&include_totals=true")).json();
    // Six seeded events plus the seccft of the token grant.
    expect(body).toMatchObject({ start: 5, limit: 5, length: 2, total: 7 });
    expect(Object.keys(body as object)).toEqual(["start", "limit", "length", "logs", "total"]);
  });

  it("filters with q and sorts with sort=date:1", async () => {
    const { api } = setup({ seed: { logs: 8 } });
    const sapi = (await (
      await api("GET", `/logs?q=${encodeURIComponent('type:"sapi"')}`)
    ).json()) as Log[];
    expect(sapi.length).toBe(2);
    expect(sapi.every((log) => log.type === "sapi")).toBe(true);
    const ascending = (await (await api("GET", "/logs?sort=date:1&per_page=100")).json()) as Log[];
    expect(ascending.map((log) => log.date)).toEqual([...ascending.map((log) => log.date)].sort());
  });

  it("returns the logs after `from` in ascending id order, at most `take`, with a Link to the next checkpoint", async () => {
    const { api, emulator } = setup({ seed: { logs: 10 } });
    const ids = emulator.state.logs.map((log) => log.log_id);
    const response = await api("GET", `/logs?from=${ids[3]}&take=2`);
    const logs = (await response.json()) as Log[];
    expect(logs.map((log) => log.log_id)).toEqual([ids[4], ids[5]]);
    expect(response.headers.get("link")).toBe(
      `<${base}/api/v2/logs?from=${ids[5]}&take=2>; rel="next"`,
    );
  });

  it("reads the whole stream by following checkpoints, including events written meanwhile", async () => {
    const { api, emulator } = setup({ seed: { logs: 7 } });
    const seen: string[] = [];
    let from = "";
    for (let round = 0; round < 10; round++) {
      const logs = (await (
        await api("GET", `/logs?take=3${from ? `&from=${from}` : ""}`)
      ).json()) as Log[];
      if (logs.length === 0) break;
      seen.push(...logs.map((log) => log.log_id));
      from = logs.at(-1)!.log_id;
      if (round === 0) await api("POST", "/roles", { name: "written-meanwhile" });
    }
    expect(seen).toEqual(emulator.state.logs.map((log) => log.log_id));
  });

  it("answers 400 for take above 100", async () => {
    const { api } = setup();
    const response = await api("GET", "/logs?from=1&take=101");
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errorCode: string }).errorCode).toBe(
      "invalid_query_string",
    );
  });

  it("reads one log by id and answers 404 for an unknown one", async () => {
    const { api, emulator } = setup({ seed: { logs: 2 } });
    const log = emulator.state.logs[1]!;
    expect(await (await api("GET", `/logs/${log.log_id}`)).json()).toEqual(log);
    const missing = await api("GET", "/logs/900000");
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: string }).error).toBe("Not Found");
  });

  it("keeps given fields of seeded logs and fills the others", async () => {
    const { emulator } = setup({
      seed: {
        logs: [
          {
            type: "s",
            description: "Successful login",
            user_id: "auth0|1",
            date: "2024-01-02T03:04:05.678Z",
          },
        ],
      },
    });
    const [log] = emulator.state.logs;
    expect(log).toMatchObject({
      type: "s",
      user_id: "auth0|1",
      date: "2024-01-02T03:04:05.678Z",
      client_id: null,
    });
    expect(log!.log_id.slice(0, 23)).toBe("90020240102030405678000");
  });

  it("lists a user's logs under /users/{id}/logs", async () => {
    const { api, createUser } = setup();
    const { user_id } = await createUser();
    const logs = (await (
      await api("GET", `/users/${encodeURIComponent(user_id)}/logs`)
    ).json()) as Log[];
    expect(logs.map((log) => log.type)).toEqual(["ss"]);
  });
});
