// Poll rules, as Mastodon's (PollValidator, VoteValidator) and with its limits, which the instance
// documents advertise (configuration.polls).

export const POLL_MAX_OPTIONS = 4;
/** Characters (grapheme clusters, as Mastodon counts them) per option. */
export const POLL_OPTION_MAX_CHARS = 50;
/** Seconds: five minutes. */
export const POLL_MIN_EXPIRATION = 300;
/** Seconds: Rails' 1.month (30.44 days), Mastodon's limit. */
export const POLL_MAX_EXPIRATION = 2629746;

/** A poll as a client or the compose form sends it. */
export interface PollInput {
  options: string[];
  /** Seconds from now; digits from a form, a number from JSON. */
  expiresIn: string | number | undefined;
  multiple?: boolean | undefined;
  hideTotals?: boolean | undefined;
}

/** A poll that passed the rules. */
export interface PollSpec {
  options: string[];
  expiresIn: number;
  multiple: boolean;
  hideTotals: boolean;
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });
const graphemeLength = (text: string) => {
  let n = 0;
  for (const _ of graphemes.segment(text)) n++;
  return n;
};

/**
 * The poll as it is stored (options trimmed, blank ones dropped, as Mastodon does), or the message
 * of everything wrong with it, in Mastodon's words ("Poll options must have more than one item").
 */
export function checkPoll(input: PollInput): { poll: PollSpec } | { error: string } {
  const options = input.options.map((o) => o.trim()).filter((o) => o !== '');
  const errors: string[] = [];
  if (options.length < 2) errors.push('Poll options must have more than one item');
  if (options.length > POLL_MAX_OPTIONS)
    errors.push(`Poll options can't contain more than ${POLL_MAX_OPTIONS} items`);
  if (options.some((o) => graphemeLength(o) > POLL_OPTION_MAX_CHARS))
    errors.push(`Poll options cannot be longer than ${POLL_OPTION_MAX_CHARS} characters each`);
  if (new Set(options).size !== options.length) errors.push('Poll options contain duplicate items');
  if (options.some((o) => o.includes('\0'))) errors.push('Poll options must not contain NUL characters');
  const raw = input.expiresIn;
  const expiresIn =
    typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(expiresIn)) errors.push('Poll expires in must be a whole number of seconds');
  else if (expiresIn > POLL_MAX_EXPIRATION) errors.push('Poll expires at is too far into the future');
  else if (expiresIn < POLL_MIN_EXPIRATION) errors.push('Poll expires at is too soon');
  if (errors.length > 0) return { error: errors.join(', ') };
  return {
    poll: { options, expiresIn, multiple: input.multiple === true, hideTotals: input.hideTotals === true },
  };
}

/** Mastodon's refusals of a vote (VoteValidator), by reason. */
export const VOTE_ERRORS = {
  expired: 'The poll has already ended',
  invalidChoice: 'The chosen vote option does not exist',
  selfVote: 'You cannot vote in your own polls',
  alreadyVoted: 'You have already voted on this poll',
  noChoice: 'Choose at least one option',
} as const;

/** The facts a vote is judged on. */
export interface VoteFacts {
  authorId: string;
  optionsCount: number;
  multiple: boolean;
  expiresAt: Date;
  /** Whether the voter has voted already. */
  voted: boolean;
}

/**
 * The distinct choices of a vote, in order, or the reason it is refused (in Mastodon's order:
 * ended, no such option, own poll, already voted — also several choices in a single-choice poll,
 * which Mastodon refuses with the same words).
 */
export function checkVote(
  voterId: string,
  poll: VoteFacts,
  choices: ReadonlyArray<string | number>,
  now = new Date(),
): { choices: number[] } | { error: string } {
  if (choices.length === 0) return { error: VOTE_ERRORS.noChoice };
  if (poll.expiresAt.getTime() <= now.getTime()) return { error: VOTE_ERRORS.expired };
  const picked = choices.map((c) => (typeof c === 'number' ? c : /^\s*\d+\s*$/.test(c) ? Number(c) : -1));
  if (picked.some((c) => !Number.isInteger(c) || c < 0 || c >= poll.optionsCount))
    return { error: VOTE_ERRORS.invalidChoice };
  if (voterId === poll.authorId) return { error: VOTE_ERRORS.selfVote };
  const distinct = [...new Set(picked)].sort((a, b) => a - b);
  if (poll.voted || (!poll.multiple && distinct.length > 1)) return { error: VOTE_ERRORS.alreadyVoted };
  return { choices: distinct };
}

/** Whether a poll has ended (its time is up). */
export function pollExpired(poll: { expiresAt: Date }, now = new Date()): boolean {
  return poll.expiresAt.getTime() <= now.getTime();
}
