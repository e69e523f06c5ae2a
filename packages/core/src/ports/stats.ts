// Daily statistics (the daily_stats table) and the site's live usage counters.
import type { DailyStats, Usage } from '../types/stats.ts';

export interface StatsRepository {
  /** Computes every number of the UTC day [day, day+1) from the tables and upserts its row. */
  computeDay(day: string): Promise<DailyStats>;
  /** The stored rows for from..to (inclusive), oldest first; days never computed are absent. */
  list(from: string, to: string): Promise<DailyStats[]>;
  /** Counts the site's accounts and statuses now. */
  usage(): Promise<Usage>;
  /**
   * Recomputes every account and status counter from the rows (the repair for counters gone wrong);
   * returns how many rows it corrected. Writes wait for the moment it takes.
   */
  rebuildCounters(): Promise<{ accounts: number; statuses: number; polls: number }>;
}
