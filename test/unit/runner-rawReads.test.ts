import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import type { Socket } from 'node:net';
import { readMore, readRaw } from '../../src/runner/rawReads';

/** A child that writes `total` bytes (0, 1, 2, … mod 251) to its descriptor 3, then exits. */
function writer(total: number) {
  const code =
    `const fs=require('fs');const b=Buffer.alloc(${total});for(let i=0;i<b.length;i++)b[i]=i%251;` +
    `let o=0;while(o<b.length){try{o+=fs.writeSync(3,b,o,Math.min(65536,b.length-o));}catch(e){if(e.code!=='EAGAIN')throw e;}}`;
  return spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'ignore', 'inherit', 'pipe'] });
}

describe('runner: raw reads of a lab wire', () => {
  it('hands over every byte in order, pauses when asked, and still ends the stream', async () => {
    const total = 3_000_000;
    const child = writer(total);
    const socket = child.stdio[3] as Socket;
    const got: Buffer[] = [];
    let pauses = 0;
    assert.ok(
      readRaw(socket, (chunk) => {
        got.push(Buffer.from(chunk));
        if (got.length % 5 !== 0) return true;
        pauses++;
        setImmediate(() => readMore(socket));
        return false;
      }),
    );
    await new Promise<void>((resolve) => socket.once('end', () => resolve()));
    const all = Buffer.concat(got);
    assert.equal(all.length, total);
    for (let i = 0; i < total; i += 997) assert.equal(all[i], i % 251, `byte ${i}`);
    assert.ok(pauses > 0);
    assert.equal(socket.readableLength, 0, 'nothing was left in the stream buffer');
  });

  it('declines a socket that already holds buffered bytes (the caller reads with "data")', async () => {
    const child = writer(10);
    const socket = child.stdio[3] as Socket;
    await new Promise<void>((resolve) => socket.once('readable', () => resolve()));
    assert.ok(socket.readableLength > 0);
    assert.equal(
      readRaw(socket, () => true),
      false,
    );
    socket.resume();
    await new Promise<void>((resolve) => socket.once('end', () => resolve()));
  });
});
