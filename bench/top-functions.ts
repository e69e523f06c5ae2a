// `node bench/top-functions.ts <file.cpuprofile> [n]`: where a CPU profile (node --cpu-prof) spent its
// time — the functions with the most self time, and the share of time the process sat idle.
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount: number;
}
const [file, n = '25'] = process.argv.slice(2);
if (!file) throw new Error('usage: node bench/top-functions.ts <file.cpuprofile> [n]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[] };
const total = profile.nodes.reduce((sum, node) => sum + node.hitCount, 0);
const bySite = new Map<string, number>();
for (const node of profile.nodes) {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url
    .replace(/^file:\/\//, '')
    .replace(/.*\/node_modules\//, 'npm:')
    .replace(process.cwd() + '/', '');
  const key = `${functionName || '(anonymous)'}  ${where}${url ? `:${lineNumber + 1}` : ''}`;
  bySite.set(key, (bySite.get(key) ?? 0) + node.hitCount);
}
const rows = [...bySite].sort((a, b) => b[1] - a[1]).slice(0, Number(n));
for (const [key, hits] of rows) console.log(`${((100 * hits) / total).toFixed(1).padStart(5)}%  ${key}`);
