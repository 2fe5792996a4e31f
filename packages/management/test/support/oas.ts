import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const repoRoot = resolve(packageDir, "../..");
/** The Management API document the generator reads, vendored in `spec/`. */
export const oasPath = resolve(repoRoot, "spec/management-api-oas.json");
/** The recorded go-auth0 traffic the conformance replay reads, vendored in `recordings/`. */
export const recordingsDir = resolve(repoRoot, "recordings/go-auth0");

/** `operationId`s of the document, in document order. */
export function documentOperationIds(): string[] {
  const document = JSON.parse(readFileSync(oasPath, "utf8")) as {
    paths: Record<string, Record<string, { operationId?: string }>>;
  };
  return Object.values(document.paths).flatMap((item) =>
    Object.values(item).flatMap((op) =>
      typeof op?.operationId === "string" ? [op.operationId] : [],
    ),
  );
}
