// Preloaded with `node --import` into a `secondround` child process: records every module the
// process loads and, at exit, writes them with the process's peak resident memory to the file
// named by SECONDROUND_TEST_LOADED_MODULES. Lets a test check what a command loads without
// timing anything.
import { writeFileSync } from "node:fs";
import { registerHooks } from "node:module";
import { resourceUsage } from "node:process";

const loaded = new Set<string>();
registerHooks({
  resolve(specifier, context, nextResolve) {
    const resolved = nextResolve(specifier, context);
    loaded.add(resolved.url);
    return resolved;
  },
});

process.on("exit", () => {
  const target = process.env.SECONDROUND_TEST_LOADED_MODULES;
  if (!target) return;
  // maxRSS is in kilobytes.
  const report = { modules: [...loaded], maxRssBytes: resourceUsage().maxRSS * 1024 };
  writeFileSync(target, JSON.stringify(report));
});
