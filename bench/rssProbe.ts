/**
 * Preloaded with `node --require out/bench/rssProbe.js …` by bench/run.ts: on exit, writes the
 * process's peak resident set size (KB) to stderr as `@@maxrss N`.
 */
import { writeSync } from 'node:fs';

process.on('exit', () => {
  writeSync(2, `\n@@maxrss ${process.resourceUsage().maxRSS}\n`);
});
