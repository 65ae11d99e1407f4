// Runs a helper script as its own process and parses the JSON line it prints last.
import { spawn } from 'node:child_process';

/** `whole`: the output is one (pretty-printed) JSON document rather than JSON lines. */
export function runJson(cmd, args, { timeoutMs = 120_000, cwd, env, whole = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${cmd} ${args.join(' ')}: timed out`));
    }, timeoutMs);
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const line = whole
        ? out.slice(out.indexOf('{'))
        : out
            .trim()
            .split('\n')
            .filter((l) => l.startsWith('{'))
            .pop();
      if (code !== 0 || !line)
        return reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${err.slice(-500)}`));
      try {
        resolve(JSON.parse(line));
      } catch {
        reject(new Error(`bad JSON from ${cmd}: ${line.slice(0, 200)}`));
      }
    });
  });
}
