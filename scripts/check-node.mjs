// Imported first (node --import) by every npm script that runs TypeScript, and run by `npm install`
// (preinstall): a Node.js older than 22.18 cannot run .ts files (it does not strip types) and would
// fail with a cryptic ERR_UNKNOWN_FILE_EXTENSION. Plain JavaScript, so that any Node.js runs it.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18) || (major === 23 && minor < 6)) {
  console.error(`microposts needs Node.js 22.18 or later (you have ${process.versions.node}); see README`);
  process.exit(1);
}
