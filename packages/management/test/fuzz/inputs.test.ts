import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getUser } from "../../src/generated/users.js";
import {
  ConfigurationError,
  createManagementClient,
  InvalidInputError,
  request,
} from "../../src/index.js";

/** Runs per property; the seed is printed by fast-check on failure, and here too. */
const RUNS = 500;
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const settings = { numRuns: RUNS, seed };
console.log(`fuzz: ${RUNS} runs per property, seed ${seed} (rerun with FUZZ_SEED=${seed})`);

const DOMAIN = "tenant.example.auth0.com";

/** A fetch that records what it is asked to send and answers `{}`. */
function recorder() {
  const sent: { url: URL; headers: Headers; body: unknown }[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    sent.push({
      url: new URL(String(input)),
      headers: new Headers(init?.headers),
      body: init?.body,
    });
    return new Response("{}", { headers: { "content-type": "application/json" } });
  }) as typeof globalThis.fetch;
  return { fetch, sent };
}

/** The known-bad families mixed into every string generator. */
const nasty = fc.constantFrom(
  "\r",
  "\n",
  "\r\n",
  "\u0000",
  "%2e",
  "%2E",
  ".",
  "..",
  "/",
  "\\",
  "?",
  "#",
  "@",
  ":",
  "%",
  "%00",
  "%2f",
  " ",
  "\t",
  "\ud800",
  "\udfff",
  "\u4e2d",
  "ä",
  "0x7f",
  "127.0.0.1",
  "0177",
  "[::1]",
  "localhost",
  "xn--",
);
const fragment = fc.oneof(
  { weight: 3, arbitrary: nasty },
  { weight: 3, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 4 }) },
  { weight: 2, arbitrary: fc.stringMatching(/^[a-z0-9-]{1,8}$/) },
);
const mixed = fc.array(fragment, { maxLength: 8 }).map((parts) => parts.join(""));

/** Either a typed error and nothing sent, or exactly one request to the host under /api/v2/. */
async function oneRequestOrTypedError(
  run: (fetch: typeof globalThis.fetch) => Promise<unknown>,
  check: (sent: { url: URL; headers: Headers; body: unknown }) => void = () => {},
): Promise<void> {
  const { fetch, sent } = recorder();
  try {
    await run(fetch);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(sent).toHaveLength(0);
    outcomes.refused++;
    return;
  }
  outcomes.sent++;
  expect(sent).toHaveLength(1);
  expect(sent[0]!.url.host).toBe(DOMAIN);
  expect(sent[0]!.url.protocol).toBe("https:");
  expect(sent[0]!.url.pathname.startsWith("/api/v2/")).toBe(true);
  check(sent[0]!);
}

/** How the runs of the current property ended: both kinds must occur, or the generator is too narrow. */
const outcomes = { sent: 0, refused: 0 };
beforeEach(() => {
  outcomes.sent = 0;
  outcomes.refused = 0;
});
afterEach(() => {
  expect(outcomes.sent).toBeGreaterThan(0);
  expect(outcomes.refused).toBeGreaterThan(0);
});

const client = (fetch: typeof globalThis.fetch) =>
  createManagementClient({ domain: DOMAIN, token: "fuzz-token", fetch });

describe(`property-based fuzzing of every input a caller controls (${RUNS} runs each)`, () => {
  it("domain: a ConfigurationError, or a client whose one request goes to that very host", async () => {
    const labels = fc.array(fc.oneof(fc.stringMatching(/^[a-z0-9-]{1,6}$/), mixed), {
      minLength: 1,
      maxLength: 4,
    });
    const domains = fc.oneof(
      labels.map((l) => l.join(".")),
      fc.ipV4().map((ip) => ip),
      fc.ipV4Extended(),
      fc.ipV6(),
      fc.domain(),
      mixed,
    );
    await fc.assert(
      fc.asyncProperty(domains, async (domain) => {
        const { fetch, sent } = recorder();
        let made: ReturnType<typeof createManagementClient>;
        try {
          made = createManagementClient({ domain, token: "fuzz-token", fetch });
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigurationError);
          outcomes.refused++;
          return;
        }
        outcomes.sent++;
        expect(made.domain).toBe(domain.toLowerCase());
        expect(made.domain).toMatch(/^(?:[a-z0-9-]+\.)+[a-z][a-z0-9-]*$/);
        await request(made, { method: "GET", path: "/users" });
        expect(sent).toHaveLength(1);
        expect(sent[0]!.url.host).toBe(made.domain);
        expect(sent[0]!.url.pathname).toBe("/api/v2/users");
      }),
      settings,
    );
  });

  it("path parameters: one segment under /api/v2/users/ that decodes to the value, or InvalidInputError", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(mixed, fc.string(), fc.string({ unit: "binary" })), async (id) => {
        await oneRequestOrTypedError(
          (fetch) => getUser(client(fetch), { id }),
          ({ url }) => {
            const segment = url.pathname.slice("/api/v2/users/".length);
            expect(segment).not.toContain("/");
            expect(decodeURIComponent(segment)).toBe(id);
          },
        );
      }),
      settings,
    );
  });

  it("request() paths: exactly the path asked for under /api/v2, or InvalidInputError", async () => {
    const paths = fc
      .array(fc.oneof(mixed, fc.constantFrom("users", "..", ".", "%2e%2e", "oauth", "token")), {
        maxLength: 6,
      })
      .chain((segments) =>
        fc.constantFrom(`/${segments.join("/")}`, segments.join("/"), `/${segments.join("\\")}`),
      );
    await fc.assert(
      fc.asyncProperty(paths, async (path) => {
        await oneRequestOrTypedError(
          (fetch) => request(client(fetch), { method: "GET", path }),
          ({ url }) => expect(url.pathname).toBe(`/api/v2${path}`),
        );
      }),
      settings,
    );
  });

  it("query values: sent as given under their key, or InvalidInputError", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(mixed, fc.string()),
        fc.oneof(mixed, fc.string()),
        async (key, value) => {
          await oneRequestOrTypedError(
            (fetch) =>
              request(client(fetch), { method: "GET", path: "/users", query: { [key]: value } }),
            ({ url }) => expect(url.searchParams.get(key)).toBe(value),
          );
        },
      ),
      settings,
    );
  });

  it("header values: sent, or InvalidInputError and nothing sent", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(mixed, fc.string({ unit: "binary" })), async (value) => {
        await oneRequestOrTypedError(
          (fetch) =>
            request(client(fetch), { method: "GET", path: "/users", headers: { "x-fuzz": value } }),
          ({ headers }) => {
            expect(headers.get("x-fuzz")).toBe(value.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, ""));
            expect(headers.get("authorization")).toBe("Bearer fuzz-token");
          },
        );
      }),
      settings,
    );
  });

  it("bodies: JSON that parses back to the value, or InvalidInputError", async () => {
    const cyclic = fc.object().map((o) => {
      (o as Record<string, unknown>).self = o;
      return o;
    });
    const bodies = fc.oneof(
      fc.jsonValue(),
      fc.anything({ withBigInt: true, withMap: true, withSet: true, withDate: true }),
      fc.bigInt().map((n) => ({ n })),
      cyclic,
      fc.string({ unit: "binary" }),
    );
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        await oneRequestOrTypedError(
          (fetch) => request(client(fetch), { method: "POST", path: "/users", body }),
          ({ body: sent }) => {
            // No body given: none sent (fetch reads an undefined body as none, as it does null).
            if (body === undefined) return expect(sent ?? null).toBeNull();
            expect(typeof sent).toBe("string");
            if (typeof body === "string") expect(sent).toBe(body);
            else expect(JSON.parse(sent as string)).toEqual(JSON.parse(JSON.stringify(body)));
          },
        );
      }),
      settings,
    );
  });
});
