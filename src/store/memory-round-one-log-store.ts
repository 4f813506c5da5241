import { companyLookupKey, type RoundOneLog, RoundOneLogSchema } from "../core/model/round-one-log.ts";
import type { RoundOneLogStore } from "../core/ports/round-one-log-store.ts";

/** Logs by member key, then by company key: JSON-safe, so the file store can save it whole. */
export type RoundOneLogTable = Record<string, Record<string, RoundOneLog>>;

function memberKey(scope: string, memberId: string): string {
  return `${scope}\u0000${memberId}`;
}

/** Round-1 logs in this process (tests, and the basis of the file store). */
export class MemoryRoundOneLogStore implements RoundOneLogStore {
  protected table: RoundOneLogTable;

  constructor(table: RoundOneLogTable = {}) {
    this.table = table;
  }

  async put(scope: string, memberId: string, log: RoundOneLog): Promise<void> {
    const logs = { ...this.table[memberKey(scope, memberId)] };
    logs[companyLookupKey(log.company)] = RoundOneLogSchema.parse(log);
    this.table = { ...this.table, [memberKey(scope, memberId)]: logs };
    await this.changed();
  }

  async get(scope: string, memberId: string, company: string): Promise<RoundOneLog | null> {
    return this.table[memberKey(scope, memberId)]?.[companyLookupKey(company)] ?? null;
  }

  async list(scope: string, memberId: string): Promise<RoundOneLog[]> {
    const logs = Object.values(this.table[memberKey(scope, memberId)] ?? {});
    return logs.sort((a, b) => b.updatedAt - a.updatedAt);
  }

  async delete(scope: string, memberId: string, company: string): Promise<boolean> {
    const key = memberKey(scope, memberId);
    const logs = { ...this.table[key] };
    const company_ = companyLookupKey(company);
    if (!(company_ in logs)) return false;
    delete logs[company_];
    this.table = { ...this.table, [key]: logs };
    await this.changed();
    return true;
  }

  async deleteMember(scope: string, memberId: string): Promise<number> {
    const key = memberKey(scope, memberId);
    const count = Object.keys(this.table[key] ?? {}).length;
    if (!(key in this.table)) return 0;
    const { [key]: _erased, ...rest } = this.table;
    this.table = rest;
    await this.changed();
    return count;
  }

  /** Called after every change; the file store writes the table here. */
  protected async changed(): Promise<void> {}
}
