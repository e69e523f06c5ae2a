// `node bench/heap-summary.mjs <file.heapsnapshot> [rows]`: the live heap of a snapshot summed by node
// type and by constructor/name (self sizes), largest first — what bench/memory-probe.mjs's snapshots hold.
import { readFileSync } from 'node:fs';

const [file, rowsArg] = process.argv.slice(2);
if (!file) throw new Error('usage: node bench/heap-summary.mjs <file.heapsnapshot> [rows]');
const snap = JSON.parse(readFileSync(file, 'utf8'));
const meta = snap.snapshot.meta;
const fields = meta.node_fields;
const width = fields.length;
const types = meta.node_types[0];
const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
const byType = new Map();
const byName = new Map();
const add = (map, key, size) => {
  const e = map.get(key) ?? { count: 0, size: 0 };
  e.count++;
  e.size += size;
  map.set(key, e);
};
let total = 0;
const nodes = snap.nodes;
for (let i = 0; i < nodes.length; i += width) {
  const type = types[nodes[i + typeAt]];
  const size = nodes[i + sizeAt];
  total += size;
  add(byType, type, size);
  const name =
    type === 'object' || type === 'closure' || type === 'native'
      ? snap.strings[nodes[i + nameAt]]
      : `(${type})`;
  add(byName, `${type}: ${String(name).slice(0, 80)}`, size);
}
const MiB = (b) => (b / 2 ** 20).toFixed(1);
const rows = Number(rowsArg ?? 30);
console.log(`${file}: ${MiB(total)} MiB in ${nodes.length / width} nodes`);
console.log('\nby type (MiB, count)');
for (const [k, v] of [...byType].sort((a, b) => b[1].size - a[1].size))
  console.log(`  ${MiB(v.size).padStart(7)}  ${String(v.count).padStart(8)}  ${k}`);
console.log(`\nby name, top ${rows}`);
for (const [k, v] of [...byName].sort((a, b) => b[1].size - a[1].size).slice(0, rows))
  console.log(`  ${MiB(v.size).padStart(7)}  ${String(v.count).padStart(8)}  ${k}`);
