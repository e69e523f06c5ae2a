// Keys are paths of lower-case words (`attachments/<hex>/original.jpg`); no segment starts with a
// dot, so nothing can climb out of the storage's root.
const KEY = /^[a-z0-9_-][a-z0-9_.-]*(\/[a-z0-9_-][a-z0-9_.-]*)*$/;

/** Throws unless `key` is a storage key (the services make them; the listing finds them). */
export function assertKey(key: string): void {
  if (!KEY.test(key) || key.length > 300) throw new Error(`Not a media storage key: ${JSON.stringify(key)}`);
}
