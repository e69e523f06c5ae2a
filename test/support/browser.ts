// Real Chromium (Debian's /usr/bin/chromium) for browser tests, with what every such test wants to check:
// console errors, uncaught exceptions and Content-Security-Policy violations, plus screenshots.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';
import { onTeardown } from './teardown.ts';
import { DEADLINE_MS } from './wait.ts';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/**
 * Why browser tests are skipped on this machine, or false when Debian's Chromium is there.
 * Chromium does not come from npm, so a machine with only Node.js skips these tests with this message.
 */
export const NO_CHROMIUM: string | false = existsSync('/usr/bin/chromium')
  ? false
  : '/usr/bin/chromium is missing (apt-get install chromium); browser tests skipped';

/** Launches Chromium for the test file (call it at the top level); it is closed when the file ends. */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    timeout: DEADLINE_MS,
  });
  onTeardown('close Chromium', () => browser.close());
  return browser;
}

/** A browser context whose waits (navigation, clicks, locators) fail only after the generous deadline. */
export async function newContext(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(DEADLINE_MS);
  context.setDefaultNavigationTimeout(DEADLINE_MS);
  return context;
}

export const DESKTOP = { width: 1280, height: 800 } as const;
export const PHONE = { width: 390, height: 844 } as const;

export interface WatchedPage {
  page: Page;
  /** Console errors and uncaught exceptions seen so far, CSP violations included. */
  problems: string[];
  /** Only the Content-Security-Policy violations. */
  cspViolations(): string[];
  /** Saves a full-page PNG as dir/name.png and returns its path. */
  screenshot(dir: string, name: string): Promise<string>;
}

/** A page in its own context (own cookies), watched for console errors and CSP violations. */
export async function watchedPage(
  browser: Browser,
  viewport: { width: number; height: number } = DESKTOP,
  options: BrowserContextOptions = {},
): Promise<WatchedPage> {
  const context = await newContext(browser, { viewport, ...options });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    // A page answered with 4xx (a form sent back with its errors) is logged as "Failed to load resource";
    // failed sub-resources are caught below instead, with their URL.
    if (/^Failed to load resource/.test(message.text())) return;
    if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) {
      problems.push(`${message.type()}: ${message.text()}`);
    }
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && response.request().resourceType() !== 'document') {
      problems.push(`${response.status()} for ${response.request().resourceType()} ${response.url()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  return {
    page,
    problems,
    cspViolations: () => problems.filter((p) => /Content Security Policy|Refused to/i.test(p)),
    async screenshot(dir, name) {
      mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
  };
}
