// axe-core (Deque's accessibility rules engine) run inside a real Chromium page.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, ImpactValue, Result } from 'axe-core';
import type { BrowserContext, Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The WCAG 2.0 and 2.1 level A and AA rules; best-practice rules are run too, but only reported. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface AxeFinding {
  rule: string;
  impact: ImpactValue | null | undefined;
  wcag: boolean;
  help: string;
  /** Each offending element: its selector and axe's summary of what to fix. */
  nodes: string[];
}

/** The rules whose outcome depends on colours alone: all that changes between light and dark schemes. */
export const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

/** Which rules to run: WCAG A/AA and best practice (the default), WCAG A/AA only, or the named rules. */
export type AxeRules = 'all' | 'wcag' | string[];

/**
 * Makes every page the context loads from now on carry axe, evaluated before the page's own scripts
 * (through the DevTools protocol, which the CSP does not see). Cheaper than injecting it per page.
 */
export async function preloadAxe(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: axeSource });
}

/**
 * Runs axe on the page as it is now. The site's CSP has no 'unsafe-inline', so a <script> tag with axe's
 * source would be refused: unless preloaded, it is evaluated through the DevTools protocol here.
 */
export async function runAxe(page: Page, rules: AxeRules = 'all'): Promise<AxeFinding[]> {
  const loaded = await page.evaluate('typeof window.axe');
  if (loaded === 'undefined') await page.evaluate(axeSource);
  const runOnly = Array.isArray(rules)
    ? { type: 'rule', values: rules }
    : { type: 'tag', values: rules === 'all' ? [...WCAG_TAGS, 'best-practice'] : WCAG_TAGS };
  const results = (await page.evaluate(
    (options) =>
      (window as unknown as { axe: { run: (c: Document, o: object) => Promise<AxeResults> } }).axe.run(
        document,
        options,
      ),
    { runOnly, resultTypes: ['violations'] },
  )) as AxeResults;
  return results.violations.map((v: Result) => ({
    rule: v.id,
    impact: v.impact,
    wcag: v.tags.some((t) => WCAG_TAGS.includes(t)),
    help: v.help,
    nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ') ?? ''}`),
  }));
}

/** The findings that fail a page: WCAG A/AA rules of impact serious or critical. */
export function blocking(findings: AxeFinding[]): AxeFinding[] {
  return findings.filter((f) => f.wcag && (f.impact === 'serious' || f.impact === 'critical'));
}

/** One line per finding and offending element, for the test output. */
export function describeFindings(findings: AxeFinding[]): string {
  return findings
    .map((f) => `  [${f.impact}] ${f.rule} (${f.help})\n${f.nodes.map((n) => `      ${n}`).join('\n')}`)
    .join('\n');
}
