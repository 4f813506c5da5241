import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { CONFIG_VARIABLES } from "../src/config.ts";

// Where an admin learns the configuration: .env.example, the README's table, the Dockerfile and
// compose.yaml. Each is checked against the schema both ways, so a variable cannot be added
// without documenting it, nor documented after it is gone.

const root = join(import.meta.dirname, "..");
const read = (path: string) => readFileSync(join(root, path), "utf8");
const schema = new Set(CONFIG_VARIABLES);
/** Node's own variables, set by the image for Node rather than read by the configuration. */
const NODE_VARIABLES = new Set(["NODE_ENV", "NODE_OPTIONS"]);

function exampleVariables(): string[] {
  return [...read(".env.example").matchAll(/^(?:# ?)?([A-Z][A-Z0-9_]+)=/gm)].map(
    (match) => match[1] as string,
  );
}

/** Variable names in the first column of the README's configuration table. */
function readmeTableVariables(): string[] {
  const readme = read("README.md");
  const section = readme.slice(readme.indexOf("\n## Configuration\n"));
  const table = section.slice(0, section.indexOf("\n\n", section.indexOf("\n|")));
  const firstColumns = table
    .split("\n")
    .filter((line) => line.startsWith("|"))
    .map((line) => line.split("|")[1] ?? "");
  return firstColumns.flatMap((cell) =>
    [...cell.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((match) => match[1] as string),
  );
}

describe("configuration documentation", () => {
  it("reads a schema with the variables admins set", () => {
    expect(CONFIG_VARIABLES).toContain("REDIS_URL");
    expect(CONFIG_VARIABLES.length).toBeGreaterThan(20);
  });

  it(".env.example lists every variable, and only those", () => {
    const example = exampleVariables();
    expect(CONFIG_VARIABLES.filter((name) => !example.includes(name))).toEqual([]);
    expect(example.filter((name) => !schema.has(name))).toEqual([]);
  });

  it("the README's configuration table lists every variable, and only those", () => {
    const documented = readmeTableVariables();
    expect(CONFIG_VARIABLES.filter((name) => !documented.includes(name))).toEqual([]);
    expect(documented.filter((name) => !schema.has(name))).toEqual([]);
  });
});

describe("container", () => {
  const dockerfile = read("Dockerfile");
  const instructions = dockerfile
    .replace(/\\\n/g, " ")
    .split("\n")
    .filter((line) => !line.trimStart().startsWith("#"));

  it("copies only paths that exist", () => {
    const copies = instructions.filter((line) => /^COPY\s/.test(line) && !line.includes("--from="));
    expect(copies.length).toBeGreaterThan(3);
    for (const copy of copies) {
      const sources = copy.split(/\s+/).slice(1, -1);
      for (const source of sources) expect(existsSync(join(root, source)), copy).toBe(true);
    }
  });

  it("sets only variables the configuration reads (or Node's own)", () => {
    const set = instructions
      .filter((line) => /^ENV\s/.test(line))
      .flatMap((line) => [...line.matchAll(/([A-Z][A-Z0-9_]+)=/g)].map((match) => match[1] as string));
    expect(set.filter((name) => !schema.has(name) && !NODE_VARIABLES.has(name))).toEqual([]);
  });

  it("has a health check against the health server", () => {
    const healthcheck = instructions.find((line) => /^HEALTHCHECK\s/.test(line));
    expect(healthcheck).toMatch(/healthz/);
  });

  it("compose runs the transports and the workers as separate services on a bounded, non-evicting Redis", () => {
    const compose = parse(read("compose.yaml")) as {
      services: Record<string, { command?: string[] | string; environment?: Record<string, string> }>;
    };
    const redis = compose.services.redis;
    const redisCommand = [redis?.command ?? []].flat().join(" ");
    expect(redisCommand).toMatch(/--maxmemory \S+/);
    expect(redisCommand).toMatch(/--maxmemory-policy noeviction/);
    const commands = Object.values(compose.services).map((service) =>
      [service.command ?? []].flat().join(" "),
    );
    expect(commands.some((command) => /^serve\b/.test(command))).toBe(true);
    expect(commands.some((command) => /^worker\b/.test(command))).toBe(true);
    for (const [name, service] of Object.entries(compose.services)) {
      if (name === "redis") continue;
      const unknown = Object.keys(service.environment ?? {}).filter((key) => !schema.has(key));
      expect(unknown, name).toEqual([]);
    }
  });
});
