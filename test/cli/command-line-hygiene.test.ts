import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { childProcessTestTimeout, runCli } from "../support/cli-process.ts";

// The real `secondround` entry point in a child process. What a command loads is read from the
// process itself (a preload records every module it resolves, and its peak resident memory), so
// nothing here depends on how fast this machine is.

const ROOT = join(import.meta.dirname, "../..");
const RECORDER = join(ROOT, "test/support/record-loaded-modules.ts");
const PACKAGE = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  version: string;
  engines: { node: string };
};
/** A Redis nobody listens on and platform credentials: a command that started anything would show it. */
const CONFIGURED = {
  REDIS_URL: "redis://127.0.0.1:9",
  DISCORD_BOT_TOKEN: "not-a-token",
  DISCORD_APPLICATION_ID: "1",
  SLACK_BOT_TOKEN: "xoxb-not-a-token",
  SLACK_SIGNING_SECRET: "secret",
};

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "sr-modules-"));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

interface LoadReport {
  readonly modules: string[];
  readonly maxRssBytes: number;
}

let runs = 0;
/** Runs the command with the module recorder preloaded; resolves with its result and what it loaded. */
async function runRecorded(args: string[], env: Record<string, string> = {}) {
  runs += 1;
  const report = join(folder, `run-${runs}.json`);
  const result = await runCli(args, "", {
    ...env,
    NODE_OPTIONS: `--import=${RECORDER}`,
    SECONDROUND_TEST_LOADED_MODULES: report,
  });
  const loaded = JSON.parse(await readFile(report, "utf8")) as LoadReport;
  const files = loaded.modules.filter((url) => url.startsWith("file:"));
  const packages = new Set(
    files.flatMap((url) => {
      const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
      return match?.[1] ? [match[1]] : [];
    }),
  );
  return { ...result, files, packages, maxRssBytes: loaded.maxRssBytes };
}

describe("secondround help, version and --help", { timeout: childProcessTestTimeout(2) }, () => {
  it("help loads only the command line's own small files: no package, no configuration", async () => {
    const result = await runRecorded(["help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^SecondRound: mock interviews/);
    expect(result.stdout).toMatch(/worker/);
    expect([...result.packages]).toEqual([]);
    // bin, main and the usage texts it needs: before commands were loaded lazily, help loaded
    // over two thousand modules (the platform SDKs, the AI client, the NLP model).
    expect(result.files.length).toBeLessThanOrEqual(8);
    expect(result.files.some((url) => url.endsWith("/src/config.ts"))).toBe(false);
  });

  it("help stays under 80 MB of peak resident memory", async () => {
    // Measured without the module recorder (its hooks cost a few megabytes): a preload in plain
    // JavaScript that only writes the peak at exit.
    runs += 1;
    const report = join(folder, `rss-${runs}.txt`);
    const writePeak = `import { writeFileSync } from "node:fs"; process.on("exit", () => writeFileSync(process.env.SECONDROUND_TEST_PEAK_RSS, String(process.resourceUsage().maxRSS * 1024)));`;
    const result = await runCli(["help"], "", {
      NODE_OPTIONS: `--import=data:text/javascript,${encodeURIComponent(writePeak)}`,
      SECONDROUND_TEST_PEAK_RSS: report,
    });
    expect(result.code).toBe(0);
    // About 70 MB measured (Node alone, running an empty TypeScript file: about 60 MB).
    expect(Number(await readFile(report, "utf8"))).toBeLessThan(80 * 1024 * 1024);
  });

  it.each([["--version"], ["-v"], ["version"]])("%s prints the package's version", async (flag) => {
    const result = await runCli([flag], "");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${PACKAGE.version}\n`);
  });

  it.each([
    ["serve", "--help", /^Usage: secondround serve \[--no-worker\]/],
    ["serve", "-h", /^Usage: secondround serve/],
    ["worker", "--help", /^Usage: secondround worker/],
    ["discord:register", "--help", /^Usage: secondround discord:register/],
    ["practice", "--help", /^Usage: secondround practice/],
    ["evaluate", "-h", /^Usage: secondround evaluate/],
  ] as const)(
    "%s %s prints that command's usage, starts nothing and exits 0",
    async (command, flag, usage) => {
      const result = await runRecorded([command, flag], CONFIGURED);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(usage);
      expect(result.stdout).not.toMatch(/is running/);
      expect(result.stderr).toBe("");
      for (const heavy of ["discord.js", "@slack/bolt", "bullmq", "ioredis", "openai"])
        expect(result.packages.has(heavy)).toBe(false);
    },
  );

  it("an option serve does not know is refused with exit code 2", async () => {
    const result = await runCli(["serve", "--no-workers"], "", CONFIGURED);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--no-workers/);
    expect(result.stderr).toMatch(/secondround serve --help/);
  });
});

describe("the Node.js version", () => {
  it("package.json's engines, the README, the Docker image and this Node agree: Node 24", () => {
    expect(PACKAGE.engines.node).toBe(">=24");
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    expect(readme).toMatch(/You need Node\.js 24 or later/);
    expect(readFileSync(join(ROOT, "Dockerfile"), "utf8")).toMatch(/^FROM node:24-/m);
    expect(Number(process.versions.node.split(".")[0])).toBeGreaterThanOrEqual(24);
  });
});
