import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { displayWidth, fit } from '../../src/cli/style';
import { plainText } from '../../src/cli/terminalText';
import { DIST, ensureBuilt } from '../support/build';
import { fixture } from '../support/runLab';

/** Our own colours: SGR with the codes style.ts uses (and the reset fit adds after a cut). */
// eslint-disable-next-line no-control-regex -- matching escape sequences is the point
const OWN_SGR = new RegExp('\\x1b\\[(?:0|1|2|22|3[1-6]|39)m', 'g');

describe('CLI: nothing a lab controls reaches the terminal as an escape', function () {
  this.timeout(60_000);

  it('printed text, stdout, process names and errors are shown without escapes or controls', async () => {
    await ensureBuilt();
    const out = spawnSync(
      process.execPath,
      [join(DIST, 'cli.js'), 'run', fixture('escapes.lab.mjs'), '--speed', '10'],
      { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '1', NO_COLOR: '' } },
    );
    const text = out.stdout + out.stderr;
    assert.match(text, /printed .*link.*blink/, text);
    assert.match(text, /stdout .*link/, text);
    assert.match(text, /boom/, text);
    assert.match(text, /Blinky/, text);
    const foreign = text.replace(OWN_SGR, '');
    // eslint-disable-next-line no-control-regex -- matching escape sequences is the point
    const bad = new RegExp('[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f]').exec(foreign);
    assert.equal(
      bad,
      null,
      `a control character ${JSON.stringify(bad?.[0])} near ${JSON.stringify(foreign.slice(Math.max(0, (bad?.index ?? 0) - 40), (bad?.index ?? 0) + 20))}`,
    );
  });

  it('strips CSI, OSC (OSC 8 too), 8-bit controls and C0 but newline and tab; cuts by visible columns', () => {
    const E = '\x1b';
    assert.equal(
      plainText(
        `${E}]8;;http://x${E}\\link${E}]8;;${E}\\ ${E}[2Jt\x07\x9b5m\tb\nc${E}]0;unterminated`,
      ),
      'link t\tb\nc',
    );
    // A cut never falls inside a colour sequence, and a cut coloured text is reset.
    const blink = `${E}[5m${'x'.repeat(30)}`;
    const cut = fit(blink, 10);
    assert.equal(cut, `${E}[5m${'x'.repeat(9)}…${E}[0m`);
    assert.equal(displayWidth(cut), 10);
    assert.equal(fit('名字很长的进程名字', 7, true), '名字很…');
  });
});
