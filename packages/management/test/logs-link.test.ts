import { describe, expect, it } from "vitest";
import { listLogs } from "../src/generated/logs.js";
import { createManagementClient } from "../src/index.js";

const domain = "links.example.auth0.com";

/**
 * A logs endpoint that answers the pages it is given, each with the `Link` header it is given,
 * and records the `from` of every request. Its log ids are not the cursors its links name, so
 * a test can tell which one the walk followed.
 */
function logsServer(pages: { ids: string[]; link?: string }[]) {
  const froms: (string | null)[] = [];
  const fetch = async (input: Request | string | URL) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    froms.push(url.searchParams.get("from"));
    const page = pages[froms.length - 1] ?? { ids: [] };
    return new Response(JSON.stringify(page.ids.map((log_id) => ({ log_id }))), {
      headers: { "content-type": "application/json", ...(page.link ? { link: page.link } : {}) },
    });
  };
  const client = createManagementClient({ domain, token: "a-static-token", fetch });
  return { client, froms };
}

const all = async (client: ReturnType<typeof createManagementClient>) => {
  const ids: string[] = [];
  for await (const log of listLogs.all(client, { take: 2 })) ids.push(String(log.log_id));
  return ids;
};

describe("logs checkpoint pagination and the Link header", () => {
  it("follows rel=next when it stays on the tenant and under /api/v2/logs", async () => {
    const { client, froms } = logsServer([
      { ids: ["a", "b"], link: `<https://${domain}/api/v2/logs?from=cursor-1&take=2>; rel="next"` },
      { ids: ["c", "d"], link: `<https://${domain}/api/v2/logs?from=cursor-2&take=2>; rel="next"` },
      { ids: ["e"] },
    ]);
    expect(await all(client)).toEqual(["a", "b", "c", "d", "e"]);
    expect(froms).toEqual([null, "cursor-1", "cursor-2"]);
  });

  it.each([
    ["another host", `<https://evil.example.com/api/v2/logs?from=stolen>; rel="next"`],
    ["another path of the tenant", `<https://${domain}/api/v2/users?from=elsewhere>; rel="next"`],
    ["plain http", `<http://${domain}/api/v2/logs?from=downgraded>; rel="next"`],
    ["a link that is not next", `<https://${domain}/api/v2/logs?from=prev>; rel="prev"`],
  ])("ignores a link to %s and goes on from the last log_id", async (_what, link) => {
    const { client, froms } = logsServer([{ ids: ["a", "b"], link }, { ids: ["c"] }]);
    expect(await all(client)).toEqual(["a", "b", "c"]);
    expect(froms).toEqual([null, "b"]);
  });

  it("still ends on an empty page, whatever the link says", async () => {
    const { client, froms } = logsServer([
      { ids: ["a", "b"], link: `<https://${domain}/api/v2/logs?from=cursor-1>; rel="next"` },
      { ids: [], link: `<https://${domain}/api/v2/logs?from=cursor-1>; rel="next"` },
    ]);
    expect(await all(client)).toEqual(["a", "b"]);
    expect(froms).toEqual([null, "cursor-1"]);
  });

  it("ends with a typed error when the links come back to a cursor seen before", async () => {
    const link = `<https://${domain}/api/v2/logs?from=cursor-1>; rel="next"`;
    const { client } = logsServer([
      { ids: ["a", "b"], link },
      { ids: ["c", "d"], link },
      { ids: ["e", "f"], link },
    ]);
    await expect(all(client)).rejects.toMatchObject({ code: "ERR_INVALID_RESPONSE" });
  });
});
