import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import type { Socket } from 'node:net';
import { fillReplyFrame, SHORT_REPLY_BYTES } from '../../src/wire/frames';
import { FrameWriter } from '../../src/wire/frameWriter';

/**
 * A child that reads nothing on its descriptor 3 until a byte comes on its stdin, then copies
 * all it reads there to its stdout.
 */
const HELD_READER =
  `process.stdin.once('data', () => { const chunks = [];` +
  `const s = new (require('net').Socket)({ fd: 3, readable: true });` +
  `s.on('data', (c) => chunks.push(c));` +
  `s.on('end', () => process.stdout.write(Buffer.concat(chunks), () => process.exit(0))); });`;

describe('lab wire: the frame writer', () => {
  it('a reused buffer is copied when its frame must wait for a full pipe', async () => {
    const child = spawn(process.execPath, ['-e', HELD_READER], {
      stdio: ['pipe', 'pipe', 'inherit', 'pipe'],
    });
    const socket = child.stdio[3] as Socket;
    const out: Buffer[] = [];
    child.stdout!.on('data', (c: Buffer) => out.push(c));
    const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
    const writer = new FrameWriter(socket, FrameWriter.fdOf(socket));
    assert.ok(FrameWriter.fdOf(socket) >= 0, 'a pipe has a descriptor here');
    const scratch = Buffer.alloc(SHORT_REPLY_BYTES);
    const sent: Buffer[] = [];
    // Written until the pipe is full and a good many frames wait in the socket's own buffer.
    let waiting = 0;
    for (let id = 1; waiting < 100; id++) {
      assert.ok(id < 1_000_000, 'the pipe never filled');
      writer.write(fillReplyFrame(scratch, id, id % 3 === 0 ? null : true), true);
      sent.push(Buffer.from(scratch));
      if (!writer.idle) waiting++;
    }
    scratch.fill(0xee);
    child.stdin!.write('x');
    socket.end();
    await closed;
    assert.ok(Buffer.concat(out).equals(Buffer.concat(sent)), 'the child read every frame as sent');
  });
});
