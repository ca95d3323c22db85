// Preloaded (node -r) into the processes bench/cli.ts measures: at exit, appends the process's CPU
// time (user + system, ms, whole process since start) to KEYSLOT_BENCH_CPU_FILE. CPU time is the
// figure a loaded two-core machine does not stretch the way it stretches wall time.
'use strict';
const { appendFileSync } = require('node:fs');
process.once('exit', () => {
  const { user, system } = process.cpuUsage();
  appendFileSync(process.env.KEYSLOT_BENCH_CPU_FILE, `${(user + system) / 1000}\n`);
});
