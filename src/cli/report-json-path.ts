import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";

/**
 * Why the report could not be written to `path`, or null when it can: checked before the
 * interview starts, so a typo in `--report-json` is not found out only after the last answer.
 * Nothing is created.
 */
export async function reportPathProblem(path: string): Promise<string | null> {
  const target = resolve(path);
  const existing = await stat(target).catch(() => null);
  if (existing) {
    if (existing.isDirectory()) return `${path} is a folder`;
    return (await writable(target, constants.W_OK)) ? null : `${path} is not writable`;
  }
  const folder = dirname(target);
  const parent = await stat(folder).catch(() => null);
  if (!parent) return `the folder ${folder} does not exist`;
  if (!parent.isDirectory()) return `${folder} is not a folder`;
  return (await writable(folder, constants.W_OK | constants.X_OK))
    ? null
    : `the folder ${folder} is not writable`;
}

async function writable(path: string, mode: number): Promise<boolean> {
  return access(path, mode).then(
    () => true,
    () => false,
  );
}
