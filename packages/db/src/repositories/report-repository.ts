import { sql, type RawBuilder, type Selectable } from 'kysely';
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
import { toAccount } from './account-repository.ts';
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

// An account or a status as JSON, in the column names of its row; ids and counters as text (JSON
// numbers would round a bigint id), times as ISO strings.
type Json<T> = {
  [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K];
};
type AccountJson = Json<Parameters<typeof toAccount>[0]>;
type StatusJson = Json<{
  id: string;
  account_id: string;
  text: string;
  html: string;
  visibility: string;
  created_at: Date;
  edited_at: Date | null;
}>;

/** The account whose id is in `column`, with its counters, as one JSON object (or null). */
function accountJson(column: string): RawBuilder<AccountJson | null> {
  return sql<AccountJson | null>`(SELECT json_build_object(
      'id', a.id::text, 'username', a.username, 'display_name', a.display_name, 'bio', a.bio,
      'bio_html', a.bio_html, 'created_at', a.created_at, 'role', a.role, 'email', a.email,
      'email_confirmed_at', a.email_confirmed_at, 'mention_emails', a.mention_emails,
      'suspended_at', a.suspended_at, 'statuses_count', st.statuses_count::text,
      'followers_count', st.followers_count::text, 'following_count', st.following_count::text,
      'last_status_at', st.last_status_at)
    FROM accounts a JOIN account_stats st ON st.account_id = a.id WHERE a.id = ${sql.ref(column)})`;
}

// The attached statuses that still exist, in the order they were attached.
const statusesJson = sql<StatusJson[]>`(SELECT coalesce(json_agg(json_build_object(
      'id', s.id::text, 'account_id', s.account_id::text, 'text', s.text, 'html', s.html,
      'visibility', s.visibility, 'created_at', s.created_at, 'edited_at', s.edited_at)
      ORDER BY array_position(reports.status_ids, s.id)), '[]')
    FROM statuses s WHERE s.id = ANY (reports.status_ids))`;

const date = (value: string) => new Date(value);
const maybeDate = (value: string | null) => (value === null ? null : new Date(value));

function accountOf(json: AccountJson): Account {
  return toAccount({
    ...json,
    created_at: date(json.created_at),
    email_confirmed_at: maybeDate(json.email_confirmed_at),
    suspended_at: maybeDate(json.suspended_at),
    last_status_at: maybeDate(json.last_status_at),
  });
}

function shown(json: AccountJson | null): PublicAccount | null {
  if (!json) return null;
  const { email: _e, emailConfirmedAt: _c, mentionEmails: _m, suspendedAt: _s, ...rest } = accountOf(json);
  return rest;
}

function statusOf(json: StatusJson): ReportedStatus {
  return {
    id: json.id,
    accountId: json.account_id,
    text: json.text,
    html: json.html,
    visibility: json.visibility,
    createdAt: date(json.created_at),
    editedAt: maybeDate(json.edited_at),
  };
}

/**
 * Reports. Moderators read them with the accounts and statuses they name, whatever those accounts'
 * state: a suspended account's statuses are hidden everywhere else, but a moderator reviewing a
 * report about it must see them. A page of them is one query (its accounts and statuses as JSON):
 * the moderation page makes one round trip.
 */
export function reportRepository(db: Db): ReportRepository {
  const byId = (id: string) => db.selectFrom('reports').select(reportColumns).where('reports.id', '=', id);
  const withDetails = () =>
    db
      .selectFrom('reports')
      .select(reportColumns)
      .select([
        accountJson('reports.target_account_id').as('target'),
        accountJson('reports.account_id').as('reporter'),
        accountJson('reports.resolved_by_account_id').as('resolved_by'),
        statusesJson.as('statuses'),
      ]);
  type DetailsRow = Awaited<ReturnType<ReturnType<typeof withDetails>['executeTakeFirstOrThrow']>>;
  const toDetails = (rows: DetailsRow[]): ReportDetails[] =>
    rows.flatMap((row) =>
      // The target's row goes with its reports (ON DELETE CASCADE); a report read in between is skipped.
      row.target
        ? [
            {
              ...toReport(row),
              target: accountOf(row.target),
              reporter: shown(row.reporter),
              resolvedBy: shown(row.resolved_by),
              statuses: row.statuses.map(statusOf),
            },
          ]
        : [],
    );
  const countOpen = (excludeTargetId: string) =>
    sql<string>`(SELECT count(*) FROM reports o
      WHERE o.resolved_at IS NULL AND o.target_account_id <> ${excludeTargetId})`;

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
      const rows = await withDetails().where('reports.id', '=', id).execute();
      return toDetails(rows)[0] ?? null;
    },
    async list({ resolved, excludeTargetId, page }) {
      // The open count rides along on every row (computed once: it does not depend on the row).
      const query = withDetails()
        .select(countOpen(excludeTargetId).as('open_count'))
        .where('reports.resolved_at', resolved ? 'is not' : 'is', null)
        .where('reports.target_account_id', '<>', excludeTargetId);
      const rows = await fetchPage(query, 'reports.id', page);
      const openCount = rows.length
        ? Number(rows[0]!.open_count)
        : Number((await db.selectNoFrom(countOpen(excludeTargetId).as('n')).executeTakeFirstOrThrow()).n);
      return { reports: toDetails(rows), openCount };
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
