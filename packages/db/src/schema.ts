// Kysely's view of the tables; migrations are the source of truth, this mirrors them.
import type { ColumnType, Generated } from 'kysely';

type Id = ColumnType<string, string | undefined, never>;
type CreatedAt = ColumnType<Date, Date | undefined, never>;

export interface AccountsTable {
  id: Id;
  username: string;
  email: string;
  password_hash: string;
  display_name: Generated<string>;
  bio: Generated<string>;
  bio_html: Generated<string>;
  email_confirmed_at: Date | null;
  mention_emails: Generated<boolean>;
  suspended_at: Date | null;
  created_at: CreatedAt;
}

export interface StatusesTable {
  id: Id;
  account_id: string;
  text: string;
  html: string;
  visibility: 'public' | 'unlisted';
  in_reply_to_id: string | null;
  in_reply_to_account_id: string | null;
  created_at: CreatedAt;
  edited_at: Date | null;
}

export interface MentionsTable {
  status_id: string;
  account_id: string;
}

export interface SessionsTable {
  id: string;
  account_id: string | null;
  data: ColumnType<Record<string, unknown>, string, string>;
  expires_at: Date;
}

export interface Database {
  accounts: AccountsTable;
  statuses: StatusesTable;
  mentions: MentionsTable;
  sessions: SessionsTable;
}
