import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { ConfigError } from "../../src/core/model/errors.ts";

describe("HEALTH_PORT", () => {
  it("is 9464 by default, a port when given one, and off with 0 or off", () => {
    expect(loadConfig({}).healthPort).toBe(9464);
    expect(loadConfig({ HEALTH_PORT: "" }).healthPort).toBe(9464);
    expect(loadConfig({ HEALTH_PORT: "9100" }).healthPort).toBe(9100);
    expect(loadConfig({ HEALTH_PORT: "0" }).healthPort).toBeNull();
    expect(loadConfig({ HEALTH_PORT: "off" }).healthPort).toBeNull();
  });

  it("names the variable and what it accepts when it is wrong", () => {
    for (const wrong of ["nine", "70000", "-1"]) {
      expect(() => loadConfig({ HEALTH_PORT: wrong })).toThrow(ConfigError);
      expect(() => loadConfig({ HEALTH_PORT: wrong })).toThrow(/HEALTH_PORT/);
    }
    expect(() => loadConfig({ HEALTH_PORT: "nine" })).toThrow(/a port number \(0 to 65535\) or "off"/);
  });
});
