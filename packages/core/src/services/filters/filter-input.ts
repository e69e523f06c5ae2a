// What a filter form or request may say, checked once for both surfaces (Rails' messages, as
// Mastodon's CustomFilter validations word them).
import { ValidationError } from '../../errors.ts';
import {
  FILTER_EXPIRES_IN_MAX,
  FILTER_KEYWORD_MAX,
  FILTER_KEYWORDS_MAX,
  FILTER_TITLE_MAX,
  isFilterAction,
  isFilterContext,
} from '../../rules/filter-rules.ts';
import type { FilterAction, FilterContext } from '../../types/filters.ts';

/** A keyword row of `keywords_attributes`: with an id it changes (or, with `destroy`, removes) that keyword. */
export interface KeywordAttributes {
  id?: string | undefined;
  keyword?: string | undefined;
  wholeWord?: boolean | undefined;
  destroy?: boolean | undefined;
}

export interface FilterInput {
  title?: string | undefined;
  context?: string[] | undefined;
  /** `warn` or `hide`. */
  filterAction?: string | undefined;
  /** Seconds from now until it stops applying; '' or null: never. Absent: unchanged (none when made). */
  expiresIn?: string | number | null | undefined;
  keywords?: KeywordAttributes[] | undefined;
}

export interface CheckedFilter {
  title?: string;
  context?: FilterContext[];
  action?: FilterAction;
  expiresAt?: Date | null;
  keywords: KeywordAttributes[];
}

const blank = (v: unknown) => v === undefined || v === null || v === '' || v === false;

/** The filter's fields, checked; `creating` requires a title and contexts. Throws a ValidationError. */
export function checkFilterInput(input: FilterInput, creating: boolean): CheckedFilter {
  const errors: Record<string, string> = {};
  const out: CheckedFilter = { keywords: [] };
  if (input.title !== undefined || creating) {
    const title = (input.title ?? '').trim();
    if (!title) errors.title = "Title can't be blank";
    else if ([...title].length > FILTER_TITLE_MAX)
      errors.title = `Title is too long (maximum is ${FILTER_TITLE_MAX} characters)`;
    else out.title = title;
  }
  if (input.context !== undefined || creating) {
    const context = [...new Set((input.context ?? []).map((c) => c.trim()).filter((c) => c !== ''))];
    if (context.length === 0)
      errors.context = "Context can't be blank, Context None or invalid context supplied";
    else if (!context.every(isFilterContext)) errors.context = 'Context None or invalid context supplied';
    else out.context = context;
  }
  if (input.filterAction !== undefined && input.filterAction !== '') {
    if (isFilterAction(input.filterAction)) out.action = input.filterAction;
    else errors.filter_action = 'Filter action is not included in the list';
  }
  if (input.expiresIn !== undefined) {
    const value = input.expiresIn;
    if (value === null || value === '') out.expiresAt = null;
    else {
      const seconds = typeof value === 'number' ? value : /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
      if (!Number.isInteger(seconds) || seconds <= 0 || seconds > FILTER_EXPIRES_IN_MAX)
        errors.expires_in = `Expires in must be a whole number of seconds from 1 to ${FILTER_EXPIRES_IN_MAX}`;
      else out.expiresAt = new Date(Date.now() + seconds * 1000);
    }
  }
  // Rails' reject_if: :all_blank — a row with nothing in it (but _destroy) is ignored.
  const rows = (input.keywords ?? []).filter((k) => !(blank(k.id) && blank(k.keyword) && blank(k.wholeWord)));
  for (const row of rows) {
    if (row.destroy && row.id) {
      out.keywords.push({ id: row.id, destroy: true });
      continue;
    }
    if (row.destroy) continue; // a new row marked for removal is never made
    const keyword = row.keyword?.trim();
    const message = keywordProblem(keyword, !row.id || row.keyword !== undefined);
    if (message) errors.keywords = `Keywords ${message.charAt(0).toLowerCase()}${message.slice(1)}`;
    else out.keywords.push({ id: row.id, keyword, wholeWord: row.wholeWord });
  }
  if (rows.filter((r) => !r.id && !r.destroy).length > FILTER_KEYWORDS_MAX)
    errors.keywords = `Keywords are too many (maximum is ${FILTER_KEYWORDS_MAX})`;
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return out;
}

/** What is wrong with a keyword ("Keyword can't be blank"), or undefined. `required`: it must be given. */
export function keywordProblem(keyword: string | undefined, required: boolean): string | undefined {
  if (keyword === undefined) return required ? "Keyword can't be blank" : undefined;
  if (keyword === '') return "Keyword can't be blank";
  if ([...keyword].length > FILTER_KEYWORD_MAX)
    return `Keyword is too long (maximum is ${FILTER_KEYWORD_MAX} characters)`;
  return undefined;
}
