import { sql, type Selectable } from 'kysely';
import type {
  Account,
  PublicAccount,
  Report,
  ReportDetails,
  ReportRepository,
  ReportedStatus,
} from '@microposts/core';
import type { Db } from '../connection.ts';
import type { ReportsTable } from '../schema.ts';
import { noCache, type ReadCache } from '../cache/read-cache.ts';
import { accountColumns, accountsWithStats, toAccount } from './account-repository.ts';
import { fetchPage } from './pagination.ts';

type ReportRow = Selectable<ReportsTable>;

function toReport(row: ReportRow): Report {
  return {
    id: row.id,
    reporterId: row.account_id,
    targetAccountId: row.target_account_id,
    category: row.category,
    comment: row.comment,
    statusIds: row.status_ids,
    createdAt: row.created_at,
    resolvedAt: row.resolved_at,
    resolvedById: row.resolved_by_account_id,
    resolution: row.resolution,
  };
}

// The columns of a report, with its status ids as text (ids are strings outside SQL).
const reportColumns = [
  'reports.id',
  'reports.account_id',
  'reports.target_account_id',
  'reports.category',
  'reports.comment',
  sql<string[]>`reports.status_ids::text[]`.as('status_ids'),
  'reports.created_at',
  'reports.resolved_at',
  'reports.resolved_by_account_id',
  'reports.resolution',
] as const;

const statusColumns = [
  'statuses.id',
  'statuses.account_id',
  'statuses.text',
  'statuses.html',
  'statuses.visibility',
  'statuses.created_at',
  'statuses.edited_at',
] as const;

// The same objects for the same cached entries (as the status reader does), so the web edge can keep
// what it renders from them (WeakMaps keyed by the object) until what they show changes.
const shownAccounts = new WeakMap<Account, PublicAccount>();
const keptDetails = new WeakMap<Report, ReportDetails>();

function shown(account: Account | undefined): PublicAccount | null {
  if (!account) return null;
  let p = shownAccounts.get(account);
  if (!p) {
    const { email: _e, emailConfirmedAt: _c, mentionEmails: _m, suspendedAt: _s, ...rest } = account;
    shownAccounts.set(account, (p = rest));
  }
  return p;
}

/** The report with what it names: the object made last time when all of it is the same. */
function details(
  report: Report,
  parts: Pick<ReportDetails, 'target' | 'reporter' | 'resolvedBy' | 'statuses'>,
): ReportDetails {
  const kept = keptDetails.get(report);
  if (
    kept &&
    kept.target === parts.target &&
    kept.reporter === parts.reporter &&
    kept.resolvedBy === parts.resolvedBy &&
    kept.statuses.length === parts.statuses.length &&
    kept.statuses.every((s, i) => s === parts.statuses[i])
  )
    return kept;
  const made = { ...report, ...parts };
  keptDetails.set(report, made);
  return made;
}

// A report's attached status as the moderator reads it, cached under a variant of the status's own
// key: `s:<id>` is announced when the status is edited or deleted, which drops `s:<id>|report` too.
const statusKey = (id: string) => `s:${id}|report`;

/**
 * Reports. Moderators read them with the accounts and statuses they name, whatever those accounts'
 * state: a suspended account's statuses are hidden everywhere else, but a moderator reviewing a
 * report about it must see them. Through the read cache (outside transactions) a page of reports
 * costs no query while nothing changed: the page's report rows are kept under `r:reports` (announced
 * by migration 0023 on any change to the table), the accounts under `a:<id>` (the same entries every
 * other read uses) and the statuses under `s:<id>|report`.
 */
export function reportRepository(db: Db, cache: ReadCache = noCache): ReportRepository {
  const byId = (id: string) => db.selectFrom('reports').select(reportColumns).where('reports.id', '=', id);
  const accountsOf = async (keys: string[]) => {
    const ids = keys.map((k) => k.slice(2));
    const rows = await accountsWithStats(db).select(accountColumns).where('accounts.id', 'in', ids).execute();
    return new Map(rows.map((r) => [`a:${r.id}`, toAccount(r)]));
  };
  const statusesOf = async (keys: string[]) => {
    const ids = keys.map((k) => k.slice(2, k.indexOf('|')));
    const rows = await db
      .selectFrom('statuses')
      .select(statusColumns)
      .where('statuses.id', 'in', ids)
      .execute();
    return new Map(
      rows.map((r): [string, ReportedStatus] => [
        statusKey(r.id),
        {
          id: r.id,
          accountId: r.account_id,
          text: r.text,
          html: r.html,
          visibility: r.visibility,
          createdAt: r.created_at,
          editedAt: r.edited_at,
        },
      ]),
    );
  };
  /** The reports with what they name; a report whose target is gone (deleted in between) is skipped. */
  const withDetails = async (reports: Report[]): Promise<ReportDetails[]> => {
    const accountIds = new Set<string>();
    const statusIds = new Set<string>();
    for (const r of reports) {
      for (const id of [r.targetAccountId, r.reporterId, r.resolvedById]) if (id) accountIds.add(id);
      for (const id of r.statusIds) statusIds.add(id);
    }
    const [accounts, statuses] = await Promise.all([
      cache.getMany<Account>(
        [...accountIds].map((id) => `a:${id}`),
        accountsOf,
      ),
      statusIds.size
        ? cache.getMany<ReportedStatus>([...statusIds].map(statusKey), statusesOf)
        : new Map<string, ReportedStatus>(),
    ]);
    return reports.flatMap((report) => {
      const target = accounts.get(`a:${report.targetAccountId}`);
      if (!target) return [];
      return [
        details(report, {
          target,
          reporter: shown(accounts.get(`a:${report.reporterId}`)),
          resolvedBy: report.resolvedById ? shown(accounts.get(`a:${report.resolvedById}`)) : null,
          statuses: report.statusIds.flatMap((id) => statuses.get(statusKey(id)) ?? []),
        }),
      ];
    });
  };
  const countOpen = (excludeTargetId: string) =>
    sql<string>`(SELECT count(*) FROM reports o
      WHERE o.resolved_at IS NULL AND o.target_account_id <> ${excludeTargetId})`;
  /** A page of report rows and the open count, in one query (the count rides along on every row). */
  const page = async ({ resolved, excludeTargetId, page }: Parameters<ReportRepository['list']>[0]) => {
    const query = db
      .selectFrom('reports')
      .select(reportColumns)
      .select(countOpen(excludeTargetId).as('open_count'))
      .where('reports.resolved_at', resolved ? 'is not' : 'is', null)
      .where('reports.target_account_id', '<>', excludeTargetId);
    const rows = await fetchPage(query, 'reports.id', page);
    const openCount = rows.length
      ? Number(rows[0]!.open_count)
      : Number((await db.selectNoFrom(countOpen(excludeTargetId).as('n')).executeTakeFirstOrThrow()).n);
    return { reports: rows.map(toReport), openCount };
  };

  return {
    async create(input) {
      const row = await db
        .insertInto('reports')
        .values({
          account_id: input.reporterId,
          target_account_id: input.targetAccountId,
          category: input.category,
          comment: input.comment,
          status_ids: input.statusIds,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return toReport(await byId(row.id).executeTakeFirstOrThrow());
    },
    async findById(id, options = {}) {
      let query = byId(id);
      if (options.forUpdate) query = query.forUpdate();
      const row = await query.executeTakeFirst();
      return row ? toReport(row) : null;
    },
    async findDetails(id) {
      const row = await byId(id).executeTakeFirst();
      return row ? ((await withDetails([toReport(row)]))[0] ?? null) : null;
    },
    async list(request) {
      const { page: p } = request;
      const key = `r:reports|${request.resolved ? 'resolved' : 'open'} ${request.excludeTargetId} ${p.limit} ${p.maxId ?? ''} ${p.sinceId ?? ''} ${p.minId ?? ''}`;
      const { reports, openCount } = await cache.get(key, () => page(request));
      return { reports: await withDetails(reports), openCount };
    },
    async resolve(id, { resolution, resolvedById }) {
      const result = await db
        .updateTable('reports')
        .set({ resolved_at: sql`now()`, resolution, resolved_by_account_id: resolvedById })
        .where('id', '=', id)
        .where('resolved_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },
    async resolveOpenAbout(targetAccountId, { resolution, resolvedById }) {
      const result = await db
        .updateTable('reports')
        .set({ resolved_at: sql`now()`, resolution, resolved_by_account_id: resolvedById })
        .where('target_account_id', '=', targetAccountId)
        .where('resolved_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}
