import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");

function sourceFiles(directory: string): string[] {
  return readdirSync(join(root, directory), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

function importsOf(file: string): string[] {
  const source = readFileSync(join(root, file), "utf8");
  return [...source.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+["']([^"']+)["']/gm)].map(
    (match) => match[1] ?? "",
  );
}

describe("dependency boundaries", () => {
  const coreFiles = sourceFiles("src/core");

  it("finds the core's files", () => {
    expect(coreFiles.length).toBeGreaterThan(10);
  });

  // zod for the model's schemas, immer for the state machine's copy-on-write updates: pure
  // libraries with no I/O, so the core stays free of platforms and storage.
  const coreLibraries = new Set(["zod", "immer"]);
  it.each(coreFiles)("%s imports only zod, immer and other core modules", (file) => {
    for (const specifier of importsOf(file)) {
      const target = normalize(join(dirname(file), specifier));
      const allowed =
        coreLibraries.has(specifier) || (specifier.startsWith(".") && target.startsWith("src/core/"));
      expect(allowed, `${file} imports ${specifier}`).toBe(true);
    }
  });

  it("gives the core its rooms: model, interview (the state machine), engine, ports", () => {
    const rooms = new Set(coreFiles.map((file) => file.split("/")[2]));
    expect(rooms).toEqual(new Set(["model", "interview", "engine", "ports"]));
  });

  it.each(coreFiles.filter((file) => /^src\/core\/(model|ports)\//.test(file)))(
    "%s (model or port) never depends on the state machine or the engine",
    (file) => {
      for (const specifier of importsOf(file)) {
        const target = normalize(join(dirname(file), specifier));
        expect(target, `${file} imports ${specifier}`).not.toMatch(/^src\/core\/(interview|engine)\//);
      }
    },
  );

  it.each(coreFiles.filter((file) => file.startsWith("src/core/interview/")))(
    "%s (the state machine) never depends on the engine",
    (file) => {
      for (const specifier of importsOf(file)) {
        const target = normalize(join(dirname(file), specifier));
        expect(target, `${file} imports ${specifier}`).not.toMatch(/^src\/core\/engine\//);
      }
    },
  );

  it.each(coreFiles)("%s never reads the environment or does I/O", (file) => {
    const source = readFileSync(join(root, file), "utf8");
    expect(source).not.toMatch(/process\.env|node:fs|node:net|node:http|fetch\(/);
  });

  it.each([...sourceFiles("src/store"), ...sourceFiles("src/coach")])(
    "%s does not depend on an adapter",
    (file) => {
      for (const specifier of importsOf(file))
        expect(specifier, `${file} imports ${specifier}`).not.toMatch(/adapters\//);
    },
  );

  it.each(sourceFiles("adapters"))("%s reaches the core only, never the store or a coach", (file) => {
    for (const specifier of importsOf(file)) {
      expect(specifier, `${file} imports ${specifier}`).not.toMatch(/src\/(store|coach)\//);
    }
  });

  it("has no import cycles in src or adapters (type-only imports included)", () => {
    const files = [...sourceFiles("src"), ...sourceFiles("adapters")];
    const known = new Set(files);
    const edges = new Map(
      files.map((file) => [
        file,
        importsOf(file)
          .filter((specifier) => specifier.startsWith("."))
          .map((specifier) => normalize(join(dirname(file), specifier)))
          .filter((target) => known.has(target)),
      ]),
    );
    const cycles: string[] = [];
    const state = new Map<string, "visiting" | "done">();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === "done") return;
      if (state.get(file) === "visiting") {
        cycles.push([...path.slice(path.indexOf(file)), file].join(" → "));
        return;
      }
      state.set(file, "visiting");
      for (const target of edges.get(file) ?? []) visit(target, [...path, file]);
      state.set(file, "done");
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it("reads process.env only in src/config.ts", () => {
    const readers = [...sourceFiles("src"), ...sourceFiles("adapters")].filter((file) =>
      readFileSync(join(root, file), "utf8").includes("process.env"),
    );
    expect(readers).toEqual(["src/config.ts"]);
  });
});
