// What a test file starts is stopped in reverse order when the file ends: the browser and processes
// first, then the pools, the database last. node:test runs `after` hooks first-in first-out, which
// dropped a database under a web process still connected to it and left the file hanging.
import { after } from 'node:test';
import { withDeadline } from './wait.ts';

const steps: Array<{ what: string; fn: () => unknown }> = [];

// Registered when this module is first imported, i.e. at a test file's top level, so it belongs to the
// file, not to whichever test first starts something.
after(async () => {
  const errors: unknown[] = [];
  for (let step = steps.pop(); step; step = steps.pop()) {
    try {
      await withDeadline(Promise.resolve(step.fn()), `teardown: ${step.what}`);
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors, 'several teardown steps failed');
});

/** Runs `fn` when the test file ends, before everything registered earlier. */
export function onTeardown(what: string, fn: () => unknown): void {
  steps.push({ what, fn });
}
