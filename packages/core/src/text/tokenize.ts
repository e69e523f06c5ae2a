// Splits status text into plain text, links, @mentions and #hashtags. URL detection is linkify-it's;
// mentions and hashtags follow Mastodon's rules closely enough that clients render them alike.
import { LinkifyIt } from 'linkify-it';

export type Token =
  | { type: 'text'; text: string }
  | { type: 'link'; text: string; url: string }
  | { type: 'mention'; text: string; username: string }
  | { type: 'hashtag'; text: string; tag: string };

// Only explicit http(s) links: "example.com" alone stays text, as on Mastodon.
const linkify = new LinkifyIt({ fuzzyLink: false, fuzzyEmail: false, maxLength: 2000 })
  .add('ftp:', null)
  .add('mailto:', null)
  .add('//', null);

// A mention starts after a non-word character (not inside an e-mail address or a URL path).
const MENTION = /(?<![\p{L}\p{N}_@/.])@([A-Za-z0-9_]{1,30})(?![A-Za-z0-9_@])/gu;
// A hashtag has at least one non-digit, like Mastodon's.
// Marks (\p{M}) belong to words, as in Ruby's [[:word:]]: Devanagari or decomposed accents stay in the tag.
const HASHTAG = /(?<![\p{L}\p{M}\p{N}_&#/])#([\p{L}\p{M}\p{N}_]*[\p{L}\p{M}_][\p{L}\p{M}\p{N}_]*)/gu;
export const HASHTAG_MAX = 100;

/** Splits text into tokens, in order; concatenating their `text` gives the input back. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  for (const m of linkify.match(text) ?? []) {
    tokens.push(...tokenizeWords(text, last, m.index));
    tokens.push({ type: 'link', text: m.raw, url: m.url });
    last = m.lastIndex;
  }
  tokens.push(...tokenizeWords(text, last, text.length));
  return tokens;
}

// Tokenizes text[start, end). The patterns run on the whole text so that their look-behinds see what
// precedes the segment: in "http://alice@example.com" linkify stops at "http://alice", and "@example"
// must not become a mention.
function tokenizeWords(full: string, start: number, end: number): Token[] {
  if (start >= end) return [];
  const found: { index: number; token: Token }[] = [];
  const inside = (m: RegExpMatchArray) => m.index! >= start && m.index! + m[0].length <= end;
  for (const m of full.matchAll(MENTION)) {
    if (inside(m)) found.push({ index: m.index, token: { type: 'mention', text: m[0], username: m[1]! } });
  }
  for (const m of full.matchAll(HASHTAG)) {
    if (inside(m) && m[1]!.length <= HASHTAG_MAX)
      found.push({ index: m.index, token: { type: 'hashtag', text: m[0], tag: m[1]! } });
  }
  found.sort((a, b) => a.index - b.index);
  const tokens: Token[] = [];
  let last = start;
  for (const { index, token } of found) {
    if (index < last) continue;
    if (index > last) tokens.push({ type: 'text', text: full.slice(last, index) });
    tokens.push(token);
    last = index + token.text.length;
  }
  if (last < end) tokens.push({ type: 'text', text: full.slice(last, end) });
  return tokens;
}

/** The distinct usernames mentioned in a text, in first-seen order, compared ignoring case. */
export function extractMentions(text: string): string[] {
  return distinct(tokenize(text).flatMap((t) => (t.type === 'mention' ? [t.username] : [])));
}

/** The distinct hashtags of a text, in first-seen order, compared ignoring case. */
export function extractHashtags(text: string): string[] {
  return distinct(tokenize(text).flatMap((t) => (t.type === 'hashtag' ? [t.tag] : [])));
}

/** Normalizes a hashtag for storage and lookup: lower case, NFKC. */
export function normalizeTag(tag: string): string {
  return tag.normalize('NFKC').toLowerCase();
}

function distinct(names: string[]): string[] {
  const seen = new Set<string>();
  return names.filter((n) => {
    const key = n.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
