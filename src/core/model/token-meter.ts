/** The community's AI token use this month against its budget (null: no budget). */
export interface TokenMeterReading {
  readonly month: string;
  readonly used: number;
  readonly budget: number | null;
  /** When the meter starts again from zero. */
  readonly resetsAt: number;
}
