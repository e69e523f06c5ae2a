// A status's language (docs/product.md §3): an ISO 639-1 code, given by the client or detected.
import { tokenize } from '../text/tokenize.ts';

// ISO 639-1: every two-letter code.
const ISO_639_1 = new Set(
  (
    'aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy ' +
    'da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy ' +
    'hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ' +
    'ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa ' +
    'pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ' +
    'ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu'
  ).split(' '),
);

// A primary language subtag, optionally with a region or script ("pt-BR", "zh_Hant").
const TAG = /^([A-Za-z]{2})(?:[-_][A-Za-z0-9]{2,8})*$/;

/** Why a client's language is not one we accept, or undefined. Blank means "not given". */
export function languageError(value: string | undefined): string | undefined {
  const v = value?.trim() ?? '';
  if (v === '') return undefined;
  const m = TAG.exec(v);
  return m && ISO_639_1.has(m[1]!.toLowerCase()) ? undefined : 'Language is not a valid ISO 639-1 code';
}

/**
 * The stored form of a valid language: its ISO 639-1 code in lower case ("pt-BR" is "pt"), or
 * null when blank.
 */
export function normalizeLanguage(value: string | undefined): string | null {
  const m = TAG.exec(value?.trim() ?? '');
  return m ? m[1]!.toLowerCase() : null;
}

// Detection: tinyld (pure JavaScript, no dependencies, ISO 639-1 answers; docs/api.md says why this
// one), limited to widely written languages and answering only when it is clearly sure — a wrong
// language hides a post from readers who filter by language, where none hides nothing.
const DETECTABLE = (
  'am ar az be bg bn ca cs da de el en es et eu fa fi fr gu he hi hr hu hy id is it ja ka kn ko ku ' +
  'lo lt lv ml mr ms nl no or pa pl pt ro ru sk sl sq sr sv ta te th tl tr uk ur vi yo zh'
).split(' ');
/** Fewer letters than this (after links, mentions and hashtags are left out) say too little. */
export const DETECT_MIN_LETTERS = 8;
/** The best guess must score this many times the second best. */
const DETECT_MARGIN = 1.5;

type DetectAll = (text: string, options?: { only?: string[] }) => Array<{ lang: string; accuracy: number }>;
let detector: Promise<DetectAll> | undefined;
// Loaded on first use (about 8 MB of language profiles): processes that never post never load it.
const loadDetector = () => (detector ??= import('tinyld').then((m) => m.detectAll as DetectAll));

/** The words of a status: its text without links, mentions and hashtags. */
function prose(text: string): string {
  return tokenize(text)
    .map((t) => (t.type === 'text' ? t.text : ' '))
    .join('');
}

/** The language the text is written in, as an ISO 639-1 code, or null when unsure. */
export async function detectLanguage(text: string): Promise<string | null> {
  const words = prose(text);
  if ((words.match(/\p{L}/gu)?.length ?? 0) < DETECT_MIN_LETTERS) return null;
  const ranked = (await loadDetector())(words, { only: DETECTABLE });
  const [best, second] = ranked;
  if (!best || (second && best.accuracy < DETECT_MARGIN * second.accuracy)) return null;
  return best.lang;
}
