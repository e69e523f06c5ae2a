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

/**
 * Reports. Moderators read them with the accounts and statuses they name, whatever those accounts'
 * state: a suspended account's statuses are hidden everywhere else, but a moderator reviewing a
 * report about it must see them.
 */
export function reportRepository(db: Db): ReportRepository {
  const byId = (id: string) => db.selectFrom('reports').select(reportColumns).where('reports.id', '=', id);

  // The accounts and statuses a page of reports names, in two queries for the whole page.
  async function details(reports: Report[]): Promise<ReportDetails[]> {
    if (reports.length === 0) return [];
    const accountIds = new Set<string>();
    for (const r of reports) {
      accountIds.add(r.targetAccountId);
      if (r.reporterId) accountIds.add(r.reporterId);
      if (r.resolvedById) accountIds.add(r.resolvedById);
    }
    const statusIds = [...new Set(reports.flatMap((r) => r.statusIds))];
    const [accountRows, statusRows] = await Promise.all([
      accountsWithStats(db)
        .select(accountColumns)
        .where('accounts.id', 'in', [...accountIds])
        .execute(),
      statusIds.length
        ? db
            .selectFrom('statuses')
            .select(['id', 'account_id', 'text', 'html', 'visibility', 'created_at', 'edited_at'])
            .where('id', 'in', statusIds)
            .execute()
        : Promise.resolve([]),
    ]);
    const accounts = new Map<string, Account>(accountRows.map((r) => [r.id, toAccount(r)]));
    const statuses = new Map<string, ReportedStatus>(
      statusRows.map((s) => [
        s.id,
        {
          id: s.id,
          accountId: s.account_id,
          text: s.text,
          html: s.html,
          visibility: s.visibility,
          createdAt: s.created_at,
          editedAt: s.edited_at,
        },
      ]),
    );
    const shown = (id: string | null): PublicAccount | null => {
      const a = id ? accounts.get(id) : undefined;
      if (!a) return null;
      const { email: _e, emailConfirmedAt: _c, mentionEmails: _m, suspendedAt: _s, ...rest } = a;
      return rest;
    };
    return reports.flatMap((r) => {
      const target = accounts.get(r.targetAccountId);
      // The target's row goes with its reports (ON DELETE CASCADE); a report read in between is skipped.
      if (!target) return [];
      return [
        {
          ...r,
          target,
          reporter: shown(r.reporterId),
          resolvedBy: shown(r.resolvedById),
          statuses: r.statusIds.flatMap((id) => statuses.get(id) ?? []),
        },
      ];
    });
  }

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
      return row ? ((await details([toReport(row)]))[0] ?? null) : null;
    },
    async list({ resolved, excludeTargetId, page }) {
      const query = db
        .selectFrom('reports')
        .select(reportColumns)
        .where('reports.resolved_at', resolved ? 'is not' : 'is', null)
        .where('reports.target_account_id', '<>', excludeTargetId);
      const rows = await fetchPage(query, 'reports.id', page);
      return details(rows.map(toReport));
    },
    async countOpen(excludeTargetId) {
      const row = await db
        .selectFrom('reports')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('resolved_at', 'is', null)
        .where('target_account_id', '<>', excludeTargetId)
        .executeTakeFirstOrThrow();
      return Number(row.n);
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
