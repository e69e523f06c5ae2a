// The SECRET_KEY of every process and App the tests start, so a test can sign what the server checks
// (unsubscribe links, for instance).
export const TEST_SECRET_KEY = 'test-secret-key-that-is-long-enough-1234';
