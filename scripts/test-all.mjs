// `npm test`: the static checks and the build side by side, then the unit + integration suite
// (Vitest) and the end-to-end suite (Playwright) side by side.
//
// Run one after another, the suites left a core idle much of the time: Playwright waits on the
// window (autosave, the sync banner, expect's polling), Vitest on child processes and fsync. Side
// by side they fill each other's waits (issue 12: the whole CI under ten minutes on two cores).
// Both suites must pass on a busy machine anyway, so neither relies on having the cores to itself.
//
// Each line a job prints is prefixed with its name; at the end a summary gives each job's result
// and time. The exit code is 0 only if every job passed. `--only unit|e2e` runs one suite (after
// the checks and build), for a quicker local loop; `--one-at-a-time` runs every job in turn, as
// `npm test` did before, to compare.
import { spawn } from 'node:child_process';

// npm's own script when run by npm (as `npm test` is): node runs it directly, with no shell, on every
// platform (Node refuses to spawn npm.cmd without a shell on Windows).
const npm = process.env.npm_execpath
  ? { command: process.execPath, args: [process.env.npm_execpath] }
  : { command: 'npm', args: [] };

const phases = [
  ['typecheck', 'lint', 'format:check', 'security:electron', 'build'],
  ['test:unit', 'test:e2e'],
];

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;
if (only !== null && only !== 'unit' && only !== 'e2e') {
  console.error('Usage: node scripts/test-all.mjs [--only unit|e2e] [--one-at-a-time]');
  process.exit(2);
}

const oneAtATime = process.argv.includes('--one-at-a-time');

const width = Math.max(...phases.flat().map((name) => name.length));
const results = [];

function run(script) {
  const started = Date.now();
  const label = `[${script}]`.padEnd(width + 2);
  return new Promise((resolve) => {
    const child = spawn(npm.command, [...npm.args, 'run', '--silent', script], {
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: npm.args.length === 0 && process.platform === 'win32',
    });
    const relay = (stream, out) => {
      let pending = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk) => {
        pending += chunk;
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) out.write(`${label} ${line}\n`);
      });
      stream.on('end', () => {
        if (pending !== '') out.write(`${label} ${pending}\n`);
      });
    };
    relay(child.stdout, process.stdout);
    relay(child.stderr, process.stderr);
    child.on('close', (code, signal) => {
      const seconds = Math.round((Date.now() - started) / 1000);
      const passed = code === 0;
      results.push({ script, passed, seconds, how: signal ? `killed by ${signal}` : `exit ${code}` });
      console.log(`${label} ${passed ? 'passed' : 'FAILED'} in ${seconds} s`);
      resolve(passed);
    });
  });
}

const started = Date.now();
let ok = true;
for (const [index, phase] of phases.entries()) {
  const scripts =
    index === 1 && only !== null ? phase.filter((s) => s === (only === 'unit' ? 'test:unit' : 'test:e2e')) : phase;
  const outcomes = [];
  if (oneAtATime) for (const script of scripts) outcomes.push(await run(script));
  else outcomes.push(...(await Promise.all(scripts.map(run))));
  if (outcomes.includes(false)) {
    ok = false;
    break;
  }
}

console.log('\nSummary');
for (const r of results) {
  console.log(`  ${r.script.padEnd(width)}  ${r.passed ? 'passed' : `FAILED (${r.how})`}  ${r.seconds} s`);
}
console.log(`  ${'total'.padEnd(width)}  ${ok ? 'passed' : 'FAILED'}  ${Math.round((Date.now() - started) / 1000)} s`);
process.exit(ok ? 0 : 1);
