// Ends the test output with one plain line: "Summary: N passed, N failed, N skipped".
import type { TestEvent } from 'node:test/reporters';

export default async function* summary(source: AsyncIterable<TestEvent>): AsyncGenerator<string> {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const data = event.data as { details: { type?: string }; skip?: unknown; todo?: unknown; file?: string };
    if (data.details.type === 'suite') continue;
    if (data.skip || data.todo) skipped++;
    else if (event.type === 'test:pass') passed++;
    else failed++;
  }
  yield `\nSummary: ${passed} passed, ${failed} failed, ${skipped} skipped\n`;
}
