// The machine line: what the figures were measured on.
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';

/** python3's version, or null when there is none (the Python baselines are then skipped). */
export function pythonVersion(cmd = 'python3') {
  try {
    return execFileSync(cmd, ['--version'], { encoding: 'utf8' })
      .trim()
      .replace(/^Python /, '');
  } catch {
    return null;
  }
}

export function machine() {
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memGB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    python: pythonVersion(),
    platform: `${process.platform} ${process.arch}`,
    loadavg: loadavg().map((x) => Math.round(x * 10) / 10),
    date: new Date().toISOString(),
  };
}

export function machineLine(m) {
  return (
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memGB} GB, ${m.platform}; Node ${m.node}; Python ${m.python ?? 'not found'}; ` +
    `load average at start ${m.loadavg.join(' ')}; ${m.date}`
  );
}
