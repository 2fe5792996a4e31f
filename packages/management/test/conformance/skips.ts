import { matchRoute, routesOf } from "./match.js";

/** An interaction whose recording is unusable (see the recordings' README): not replayed. */
export interface BrokenRecording {
  kind: "broken recording";
  cassette: string;
  /** The interaction's index in its cassette. */
  interaction: number;
  reason: string;
}

/**
 * An endpoint go-auth0 calls that the API document, and so the operations table,
 * does not describe. The replay checks that no operation of the table matches it.
 */
export interface UndocumentedEndpoint {
  kind: "undocumented endpoint";
  method: string;
  /** A path template relative to `/api/v2`; `{name}` matches one segment. */
  path: string;
  reason: string;
}

/**
 * An operation whose replay fails until the SDK is fixed. It is still replayed, and
 * the test fails once it passes, so that the entry is removed with the fix.
 */
export interface KnownIssue {
  kind: "known issue";
  operationId: string;
  /** What each of its problems says: any other difference still fails the replay. */
  symptom: string;
  reason: string;
}

export type Skip = BrokenRecording | UndocumentedEndpoint | KnownIssue;

/** Folders of the recordings that are not Management API traffic: not loaded at all. */
export const SKIPPED_FOLDERS: readonly { folder: string; reason: string }[] = [
  {
    folder: "authentication",
    reason:
      "Authentication API traffic (/oauth/token, /mfa, /passwordless, …), not the Management API",
  },
];

function notInDocument(method: string, path: string, what: string): UndocumentedEndpoint {
  return {
    kind: "undocumented endpoint",
    method,
    path,
    reason: `${what}: not in the API document, so no operation of the table`,
  };
}

export const SKIPS: readonly Skip[] = [
  {
    kind: "broken recording",
    cassette: "TestClient_MyOrganizationConfiguration.yaml",
    interaction: 2,
    reason:
      "the recorder re-encoded the body of this 400 as a client (`client_secret`, `signing_keys`): its error fields are lost",
  },
  {
    kind: "broken recording",
    cassette: "TestResourceServer_ExpressConfiguration.yaml",
    interaction: 6,
    reason: "the recorder re-encoded the body of this 400 as `{}`: its error fields are lost",
  },
  notInDocument("GET", "/blacklists/tokens", "token blacklist"),
  notInDocument("POST", "/blacklists/tokens", "token blacklist"),
  notInDocument("GET", "/event-streams/{id}/stats", "event stream statistics"),
  notInDocument("GET", "/prompts/mfa-push", "MFA push prompt settings"),
  notInDocument("PATCH", "/prompts/mfa-push", "MFA push prompt settings"),
  ...["webauthn-platform", "webauthn-roaming"].flatMap((factor) =>
    ["GET", "PUT"].map((method) =>
      notInDocument(method, `/guardian/factors/${factor}/settings`, `${factor} factor settings`),
    ),
  ),
];

const undocumented = SKIPS.filter(
  (skip): skip is UndocumentedEndpoint => skip.kind === "undocumented endpoint",
);
const undocumentedRoutes = routesOf(Object.fromEntries(undocumented.entries()));

/** The broken-recording skip of one interaction, if any. */
export function brokenRecording(cassette: string, interaction: number): Skip | undefined {
  return SKIPS.find(
    (skip) =>
      skip.kind === "broken recording" &&
      skip.cassette === cassette &&
      skip.interaction === interaction,
  );
}

/** The undocumented-endpoint skip a request falls under, if any. */
export function undocumentedEndpoint(method: string, url: URL): Skip | undefined {
  const match = matchRoute(undocumentedRoutes, method, url);
  return match === undefined ? undefined : undocumented[Number(match.route.operationId)];
}

/** The known issue of an operation, if any. */
export function knownIssue(operationId: string): KnownIssue | undefined {
  return SKIPS.find(
    (skip): skip is KnownIssue => skip.kind === "known issue" && skip.operationId === operationId,
  );
}

/** What a skip covers, for the summary: `TestX.yaml #2`, `GET /blacklists/tokens`, an operationId. */
export function skipTarget(skip: Skip): string {
  if (skip.kind === "broken recording") return `${skip.cassette} #${skip.interaction}`;
  if (skip.kind === "undocumented endpoint") return `${skip.method} ${skip.path}`;
  return skip.operationId;
}
