import { describe, expect, it } from "vitest";
import { setup } from "./support/emulator";
import { findInteractions, loadCassette } from "./support/recordings";
import { normalize, replayCassette } from "./support/replay";

const replayed = [
  "TestUserManager_Create.yaml",
  "TestUserManager_Read.yaml",
  "TestUserManager_Update.yaml",
  "TestUserManager_Delete.yaml",
  "TestUserManager_List.yaml",
  "TestUserManager_Search.yaml",
  "TestUserManager_ListByEmail.yaml",
  "TestUserManager_Roles.yaml",
  "TestRoleManager_Create.yaml",
  "TestRoleManager_Read.yaml",
  "TestRoleManager_Update.yaml",
  "TestRoleManager_Delete.yaml",
  "TestRoleManager_List.yaml",
  "TestRoleManager_Users.yaml",
];

describe("conformance with the go-auth0 recordings", () => {
  it.each(replayed)(
    "answers %s like the real tenant (status and body, key order included)",
    async (cassette) => {
      for (const { interaction, status, body } of await replayCassette(cassette)) {
        const what = `${interaction.request.method} ${interaction.request.url}`;
        expect(status, what).toBe(interaction.response.code);
        expect(normalize(body), what).toBe(normalize(interaction.response.body));
      }
    },
  );

  it("answers an unknown route with the recorded 404 body", async () => {
    const [recorded] = loadCassette("TestConnectionManager_DeleteSCIMConfiguration.yaml").filter(
      (interaction) =>
        interaction.response.body ===
        '{"statusCode":404,"error":"Not Found","message":"Not Found"}',
    );
    const { api } = setup();
    const response = await api("GET", "/no/such/route");
    expect(response.status).toBe(recorded!.response.code);
    expect(await response.text()).toBe(recorded!.response.body);
  });

  it("pages role members by checkpoint with the recorded shapes", async () => {
    const outcomes = await replayCassette("TestRoleManager_UsersCheckpointPagination.yaml");
    const pages = outcomes.filter(
      ({ interaction }) =>
        interaction.request.method === "GET" &&
        new URL(interaction.request.url).pathname.endsWith("/users"),
    );
    expect(pages).toHaveLength(2);
    for (const { interaction, status, body } of pages) {
      expect(status).toBe(interaction.response.code);
      const expected = JSON.parse(interaction.response.body) as Record<string, unknown[]>;
      const actual = JSON.parse(body) as Record<string, unknown[]>;
      expect(Object.keys(actual)).toEqual(Object.keys(expected));
      expect(actual.users).toHaveLength(expected.users!.length);
      expect(Object.keys(actual.users![0] as object)).toEqual(
        Object.keys(expected.users![0] as object),
      );
    }
    const next = JSON.parse(pages[0]!.body).next as string;
    const recordedNext = JSON.parse(pages[0]!.interaction.response.body).next as string;
    const shape = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}UTC,auth0\|[0-9a-f]{24}$/;
    expect(atob(recordedNext)).toMatch(shape);
    expect(atob(next)).toMatch(shape);
  });

  it("follows the recorded log checkpoint: ids after `from`, ascending, `take` of them", async () => {
    const [list] = findInteractions(
      "TestLogManager_CheckpointPagination.yaml",
      "GET",
      /\/logs$/,
    ).filter((interaction) => interaction.request.url.includes("per_page"));
    const [checkpoint] = findInteractions(
      "TestLogManager_CheckpointPagination.yaml",
      "GET",
      /\/logs$/,
    ).filter((interaction) => interaction.request.url.includes("from="));
    const recordedLogs = JSON.parse(list!.response.body) as Array<{ log_id: string }>;
    const { api, clock } = setup({ seed: { logs: [...recordedLogs].reverse() } });
    // The token grant writes a log event too; dated before the recording, it sorts first.
    clock.set(Date.UTC(2020, 0, 1));
    const listed = (await (await api("GET", "/logs?page=0&per_page=10")).json()) as unknown[];
    expect(listed).toEqual(recordedLogs);
    const query = new URL(checkpoint!.request.url).search;
    const response = await api("GET", `/logs${query}`);
    expect(response.status).toBe(checkpoint!.response.code);
    expect(await response.json()).toEqual(JSON.parse(checkpoint!.response.body));
  });

  it("reads a log by id as recorded", async () => {
    const [read] = findInteractions("TestLogManager.yaml", "GET", /\/logs\/\d+$/);
    const recorded = JSON.parse(read!.response.body) as { log_id: string };
    const { api } = setup({ seed: { logs: [recorded] } });
    const response = await api("GET", `/logs/${recorded.log_id}`);
    expect(await response.json()).toEqual(recorded);
  });

  it("grants tokens with every field of the recorded client-credentials answers", async () => {
    const recorded = loadCassette(
      "authentication/TestLoginWithClientCredentials/Should_return_tokens.yaml",
    )[0]!;
    const expected = JSON.parse(recorded.response.body) as Record<string, unknown>;
    const { grant } = setup();
    const response = await grant();
    expect(response.status).toBe(recorded.response.code);
    const actual = (await response.json()) as Record<string, unknown>;
    for (const [key, value] of Object.entries(expected)) {
      expect(typeof actual[key], key).toBe(typeof value);
    }
    expect(actual.token_type).toBe(expected.token_type);
    expect(actual.expires_in).toBe(expected.expires_in);
  });
});
