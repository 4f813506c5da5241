import { readFileSync } from "node:fs";
import { join } from "node:path";

/** The version in package.json, read when asked for (the sources run from the package's own folder). */
export function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(join(import.meta.dirname, "../../package.json"), "utf8")) as {
    version?: unknown;
  };
  return typeof manifest.version === "string" ? manifest.version : "unknown";
}
