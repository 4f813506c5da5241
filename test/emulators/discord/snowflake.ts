// Discord ids are snowflakes: discord.js calls `BigInt(id)` (e.g. for `createdAt` and to sort messages), so the
// emulator mints real ones instead of readable strings like "user-1".
// Layout (discord-api-docs developers/reference.mdx): ms since the Discord epoch << 22 | worker << 17 | process << 12
// | increment.

export const DISCORD_EPOCH_MS = 1_420_070_400_000n;

/** Mints strictly increasing snowflakes, so later messages sort after earlier ones even within one millisecond. */
export class SnowflakeMinter {
  #lastMs = 0n;
  #increment = 0n;

  next(now: number = Date.now()): string {
    let ms = BigInt(now) - DISCORD_EPOCH_MS;
    if (ms <= this.#lastMs) {
      ms = this.#lastMs;
      this.#increment += 1n;
      // 12 bits of increment per millisecond; borrow the next millisecond rather than wrap and repeat an id.
      if (this.#increment > 4095n) {
        ms += 1n;
        this.#increment = 0n;
      }
    } else {
      this.#increment = 0n;
    }
    this.#lastMs = ms;
    return ((ms << 22n) | (1n << 17n) | (1n << 12n) | this.#increment).toString();
  }
}

/** The Unix time in ms a snowflake was minted at; used to check the nonce window and interaction deadlines. */
export function snowflakeTime(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH_MS);
}
