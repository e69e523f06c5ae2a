// The V8 heap settings every web process runs with — `npm start`, `npm run start:web`, the systemd unit
// and the benchmark — so what is measured is what runs (docs/performance.md, "Memory"):
// - a young generation of 2 × 8 MiB: on a machine with several GiB of memory V8 sizes it at up to
//   2 × 64 MiB, which a web process fills with request garbage and keeps resident;
// - an old generation capped at 512 MiB, which also makes V8 collect it once it has grown to about 1.6
//   times what survived the last collection instead of 4 times. What lives there is bounded (the read
//   cache by READ_CACHE_ENTRIES), well under the cap.
export const WEB_NODE_ARGS: readonly string[] = ['--max-semi-space-size=8', '--max-old-space-size=512'];
