import { base, setup } from "./emulator";
import { type Interaction, loadCassette } from "./recordings";

const recordedHost = "https://go-auth0-dev.eu.auth0.com";

/** Ids the tenant generates, in the order they are swapped and normalized. */
const idPatterns: Array<[RegExp, string]> = [
  [/ticket=[A-Za-z0-9]{32}/g, "ticket=<ticket>"],
  [/auth0\|[0-9a-f]{24}/g, "auth0|<user>"],
  [/"user_id":"[0-9a-f]{24}"/g, '"user_id":"<user>"'],
  [/rol_[A-Za-z0-9]{16}/g, "rol_<id>"],
  [/con_[A-Za-z0-9]{16}/g, "con_<id>"],
  [/rul_[A-Za-z0-9]{16}/g, "rul_<id>"],
  [/cgr_[A-Za-z0-9]{16}/g, "cgr_<id>"],
  [/"id":"[0-9a-f]{24}"/g, '"id":"<hex>"'],
  [/"client_id":"[A-Za-z0-9]{32}"/g, '"client_id":"<client>"'],
];

/**
 * Replaces what legitimately differs between two tenants: generated ids, dates, secrets
 * (the recorder replaced them with `[REDACTED]`), certificates and the tenant's name.
 */
export function normalize(body: string): string {
  let out = body;
  for (const [pattern, placeholder] of idPatterns) out = out.replace(pattern, placeholder);
  return out
    .replace(/https:\/\/[^/"]+\/u\//g, "https://<host>/u/")
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, "<date>")
    .replace(/"client_secret":"[^"]*"/g, '"client_secret":"<secret>"')
    .replace(/"cert":"[^"]*"/g, '"cert":"<cert>"')
    .replace(/"tenant":"[^"]*"/g, '"tenant":"<tenant>"')
    .replace(/"aud":"[A-Za-z0-9]{32}"/g, '"aud":"<client>"')
    .replace(/"id":"(test_credential|dcr_[A-Za-z0-9]{16})"/g, '"id":"<credential>"');
}

/** Generated ids found in a body, in order of appearance. */
function idsIn(body: string): string[] {
  const found: Array<{ at: number; id: string }> = [];
  const patterns = [
    /auth0\|[0-9a-f]{24}/g,
    /rol_[A-Za-z0-9]{16}/g,
    /con_[A-Za-z0-9]{16}/g,
    /rul_[A-Za-z0-9]{16}/g,
    /cgr_[A-Za-z0-9]{16}/g,
    /(?<="id":")[0-9a-f]{24}(?=")/g,
    /(?<="client_id":")[A-Za-z0-9]{32}(?=")/g,
    // The recorded device credential ids are not Auth0's format.
    /(?<="id":")(?:test_credential|dcr_[A-Za-z0-9]{16})(?=")/g,
  ];
  for (const pattern of patterns) {
    for (const match of body.matchAll(pattern)) found.push({ at: match.index, id: match[0] });
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.id);
}

let shared: Promise<{ emulator: ReturnType<typeof setup>["emulator"]; authorization: string }>;

/** One emulator for every replay (its signing key is costly to make), reset before each. */
function sharedTenant() {
  shared ??= (async () => {
    const { emulator, token } = setup();
    // Tokens issued before a reset stay valid.
    return { emulator, authorization: `Bearer ${await token()}` };
  })();
  return shared;
}

export interface Outcome {
  interaction: Interaction;
  status: number;
  body: string;
}

/**
 * Sends every recorded request of a cassette to a freshly reset emulator, the recorded ids swapped
 * for the ones the emulator generated, and returns what it answered.
 */
export async function replayCassette(cassette: string): Promise<Outcome[]> {
  const { emulator, authorization } = await sharedTenant();
  emulator.reset();
  const ids = new Map<string, string>();
  const swap = (text: string) => {
    let out = text;
    for (const [recorded, emulated] of ids) {
      out = out
        .replaceAll(recorded, emulated)
        .replaceAll(encodeURIComponent(recorded), encodeURIComponent(emulated));
    }
    return out;
  };
  const outcomes: Outcome[] = [];
  for (const interaction of loadCassette(cassette)) {
    const { method, url, body } = interaction.request;
    const init: RequestInit = {
      method,
      headers: { authorization, "content-type": "application/json" },
    };
    // Go sends `null` with GETs: only real bodies go out (a DELETE of user roles has one).
    const sendsBody = method !== "GET" && body.trim() !== "" && body.trim() !== "null";
    if (sendsBody) init.body = swap(body);
    const response = await emulator.fetch(swap(url.replace(recordedHost, base)), init);
    const text = await response.text();
    const emulatedIds = idsIn(text);
    idsIn(interaction.response.body).forEach((recorded, i) => {
      const emulated = emulatedIds[i];
      if (emulated === undefined || ids.has(recorded)) return;
      ids.set(recorded, emulated);
      // Paths name a user's identity by the id without its provider.
      if (recorded.startsWith("auth0|")) ids.set(recorded.slice(6), emulated.slice(6));
    });
    // A checkpoint cursor names a record of the tenant that made it.
    const recordedNext = /"next":"([^"]+)"/.exec(interaction.response.body)?.[1];
    const emulatedNext = /"next":"([^"]+)"/.exec(text)?.[1];
    if (recordedNext !== undefined && emulatedNext !== undefined)
      ids.set(recordedNext, emulatedNext);
    outcomes.push({ interaction, status: response.status, body: text });
  }
  return outcomes;
}
