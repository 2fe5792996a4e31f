import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const repoRoot = resolve(packageDir, "../..");
/** The Management API document, read in place from `<repo root>/../shared`. */
export const oasPath = resolve(repoRoot, "../shared/auth0-api/management-api-oas.json");

/**
 * Whether the tests that read the document can run: on CI a missing document is a
 * failure, elsewhere those tests are skipped.
 */
export function hasDocument(): boolean {
  if (existsSync(oasPath)) return true;
  if (process.env.CI === "true")
    throw new Error(`the Management API document is missing: ${oasPath}`);
  return false;
}

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
