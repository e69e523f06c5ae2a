// axe-core (Deque's accessibility rules engine) run inside a real Chromium page.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, ImpactValue, Result } from 'axe-core';
import type { Page } from 'playwright-core';

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

/**
 * Runs axe on the page as it is now. The site's CSP has no 'unsafe-inline', so a <script> tag with axe's
 * source would be refused: it is evaluated through the DevTools protocol instead, which CSP does not see.
 */
export async function runAxe(page: Page): Promise<AxeFinding[]> {
  const loaded = await page.evaluate('typeof window.axe');
  if (loaded === 'undefined') await page.evaluate(axeSource);
  const results = (await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run: (c: Document, o: object) => Promise<AxeResults> } }).axe.run(
        document,
        { runOnly: { type: 'tag', values: [...tags, 'best-practice'] }, resultTypes: ['violations'] },
      ),
    WCAG_TAGS,
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
