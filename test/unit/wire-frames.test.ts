import { strict as assert } from 'node:assert';
import {
  decodeFrame,
  encodeLockFrame,
  jsonFrame,
  lockFrame,
  replyFrame,
  isShortReply,
  MAX_LAB_FRAME,
  shortReplyValue,
} from '../../src/wire/frames';
import { FrameReader } from '../../src/wire/frameReader';
import { checkLabMessage, type LabMessage } from '../../src/protocol/lab';

/** Reads `bytes` fed in pieces of `step` bytes; returns the decoded messages and any break reason. */
function readAll(
  bytes: Buffer,
  step: number,
  max = MAX_LAB_FRAME,
): { msgs: unknown[]; broken: string | null } {
  const msgs: unknown[] = [];
  let broken: string | null = null;
  const r = new FrameReader(
    max,
    (buf, s, e) => msgs.push(decodeFrame(buf, s, e)),
    (why) => {
      broken = why;
    },
  );
  // Reuse one scratch buffer, as the lab's reader does: frames must not keep references into it.
  const scratch = Buffer.alloc(Math.max(step, 1));
  for (let off = 0; off < bytes.length; off += step) {
    const n = bytes.copy(scratch, 0, off, Math.min(bytes.length, off + step));
    r.push(scratch.subarray(0, n));
    scratch.fill(0xff);
  }
  return { msgs, broken };
}

describe('lab wire frames', () => {
  const msgs: unknown[] = [
    { id: 1, op: 'lock.acquire', ref: '1:1', block: true },
    [
      { id: 0, op: 'lock.release', ref: '1:1' },
      { id: 2, op: 'lock.acquire', ref: '1:1', block: true },
    ],
    {
      id: 0,
      op: 'queue.put',
      ref: '1:2',
      value: { s: 'ünïcödé ✓ 𝄞', n: [1, 2.5, null] },
      block: true,
    },
    { lease: { ref: '1:2', gen: 3, values: Array.from({ length: 300 }, (_, i) => `item ${i}`) } },
  ];
  const replies: [number, true | null | false][] = [
    [7, true],
    [8, null],
    [0xffffffff, false],
  ];
  const stream = Buffer.concat([
    ...msgs.map((m) => jsonFrame(JSON.stringify(m))),
    ...replies.map(([id, v]) => replyFrame(id, v)),
  ]);
  const expected = [...msgs, ...replies.map(([id, value]) => ({ id, ok: true, value }))];

  it('reads the same messages in order however the bytes are split', () => {
    for (const step of [1, 2, 3, 4, 5, 7, 64, 1000, stream.length]) {
      const { msgs: got, broken } = readAll(stream, step);
      assert.equal(broken, null, `step ${step}`);
      assert.deepEqual(got, expected, `step ${step}`);
    }
  });

  it('short replies only for ids and values they can hold', () => {
    assert.ok(isShortReply(1, true) && isShortReply(2, null) && isShortReply(3, false));
    assert.ok(!isShortReply(0, true) && !isShortReply(1.5, true) && !isShortReply(2 ** 32, true));
    assert.ok(!isShortReply(4, 1) && !isShortReply(4, 'x') && !isShortReply(4, { a: 1 }));
  });

  it('a length of 0 or past the bound breaks the stream once, with a reason, and reads nothing more', () => {
    const huge = Buffer.alloc(8);
    huge.writeUInt32LE(1000, 0);
    const r1 = readAll(Buffer.concat([jsonFrame('1'), huge, jsonFrame('2')]), 3, 100);
    assert.deepEqual(r1.msgs, [1]);
    assert.match(r1.broken ?? '', /frame of 1000 bytes \(at most 100\)/);
    const r2 = readAll(Buffer.concat([Buffer.alloc(4), jsonFrame('3')]), 64);
    assert.deepEqual(r2.msgs, []);
    assert.match(r2.broken ?? '', /empty frame/);
  });

  it('a body that is not a known kind or not JSON throws where it is decoded (the stream goes on)', () => {
    const bad = Buffer.from([2, 0, 0, 0, 0x5a, 0x5a]);
    assert.throws(() => decodeFrame(bad, 4, 6), /unknown frame kind 90/);
    const notJson = jsonFrame('{"id": 1,');
    assert.throws(() => decodeFrame(notJson, 4, notJson.length), SyntaxError);
    const shortReply = Buffer.from([3, 0, 0, 0, 0x54, 1, 0]);
    assert.throws(() => decodeFrame(shortReply, 4, 7), /unknown frame kind/);
  });

  it('lock frames decode to exactly the messages JSON would carry, and are checked the same way', () => {
    const batch: LabMessage[] = [
      { id: 0, op: 'lock.release', ref: '1:1' },
      { id: 4_000_000_000, op: 'lock.acquire', ref: '12:345', block: true },
    ];
    // With call sites, as the runtime sends them (a record without one between two with).
    const sited: LabMessage[] = [
      { id: 0, op: 'lock.release', ref: '1:1', site: 7 },
      { id: 3, op: 'lock.acquire', ref: '1:1', block: true },
      { id: 0, op: 'lock.release', ref: '1:1', site: 4_000_000_000 },
    ];
    for (const msgs of [batch, [batch[1]], sited, [sited[0]]]) {
      const f = lockFrame(msgs);
      assert.ok(f && f.length < jsonFrame(JSON.stringify(msgs)).length);
      const got = decodeFrame(f, 4, f.length);
      const viaJson = JSON.parse(JSON.stringify(msgs.length === 1 ? msgs[0] : msgs));
      assert.deepEqual(got, viaJson);
      for (const m of Array.isArray(got) ? got : [got]) assert.equal(checkLabMessage(m), null);
    }
  });

  it('anything else goes as JSON: timeouts, non-blocking acquires, other operations, odd refs', () => {
    const no: LabMessage[][] = [
      [{ id: 1, op: 'lock.acquire', ref: '1:1', block: true, timeoutSec: 1 }],
      [{ id: 1, op: 'lock.acquire', ref: '1:1', block: false }],
      [
        { id: 0, op: 'lock.release', ref: '1:1' },
        { id: 0, op: 'queue.took', ref: '1:2', gen: 1, n: 1 },
      ],
      [{ id: 0, op: 'lock.release', ref: 'ü' }],
      [{ id: 0, op: 'lock.release', ref: 'x'.repeat(65) }],
      [{ id: 0, op: 'lock.release', ref: '1:1', site: -1 }],
      [{ id: 0, op: 'lock.release', ref: '1:1', site: 2 ** 32 }],
      [],
    ];
    for (const msgs of no) assert.equal(lockFrame(msgs), null, JSON.stringify(msgs));
    // The lab's one-pass encoder into its reused buffer refuses the same (a ref it checked before
    // included), and writes the same bytes as lockFrame for the rest, or 0 when they do not fit.
    const scratch = Buffer.alloc(64);
    for (const msgs of no) {
      encodeLockFrame(scratch, [{ id: 0, op: 'lock.release', ref: '1:1' }]);
      assert.equal(encodeLockFrame(scratch, msgs), -1, JSON.stringify(msgs));
    }
    const yes: LabMessage[] = [
      { id: 0, op: 'lock.release', ref: '1:1', site: 7 },
      { id: 9, op: 'lock.acquire', ref: '1:1', block: true, site: 8 },
      { id: 10, op: 'lock.acquire', ref: '2:10', block: true },
    ];
    for (const msgs of [yes, yes.slice(1), yes.slice(2)]) {
      const n = encodeLockFrame(scratch, msgs);
      assert.deepEqual(scratch.subarray(0, n), lockFrame(msgs));
    }
    assert.equal(encodeLockFrame(Buffer.alloc(20), yes), 0);
  });

  it('a lock frame that is cut short or names an unknown operation is refused', () => {
    const f = lockFrame([{ id: 1, op: 'lock.acquire', ref: '1:1', block: true }])!;
    assert.throws(() => decodeFrame(f, 4, f.length - 1), /cut short/);
    assert.throws(() => decodeFrame(f, 4, 5), /empty lock frame/);
    const bad = Buffer.from(f);
    bad[5] = 9;
    assert.throws(() => decodeFrame(bad, 4, bad.length), /unknown lock operation 9/);
    // A record that says it carries a site and stops before it.
    const sited = lockFrame([{ id: 1, op: 'lock.release', ref: '1:1', site: 5 }])!;
    assert.throws(() => decodeFrame(sited, 4, sited.length - 1), /cut short/);
  });

  it('whatever a lock frame holds, it decodes to valid lab messages or not at all', () => {
    // The runner does not check a lock frame's messages again (labIntake.ts): its decoder is
    // their check. Seeded random bodies, well-formed records and arbitrary bytes alike.
    let state = 12345;
    const random = (n: number) => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return (state >>> 0) % n;
    };
    let decoded = 0;
    for (let i = 0; i < 4000; i++) {
      const body: number[] = [0x4c];
      for (let r = 1 + random(4); r > 0; r--) {
        const record = Buffer.alloc(10 + 255);
        // Mostly well-formed records, some of any op byte, some cut short.
        record[0] = i % 5 ? (1 + random(2)) | (random(2) << 7) : random(256);
        record.writeUInt32LE(random(2 ** 31) * 2 + random(2), 1);
        record[5] = i % 3 ? random(16) : random(256);
        for (let b = 6; b < record.length; b++) record[b] = random(256);
        const size = 6 + record[5] + (record[0] & 0x80 ? 4 : 0);
        body.push(...record.subarray(0, i % 7 ? size : size - random(3)));
      }
      const frame = Buffer.from(body);
      let got: unknown;
      try {
        got = decodeFrame(frame, 0, frame.length);
      } catch {
        continue;
      }
      for (const m of Array.isArray(got) ? got : [got]) assert.equal(checkLabMessage(m), null);
      decoded++;
    }
    assert.ok(decoded > 500, `only ${decoded} random frames decoded`);
  });

  it('a ref of any bytes reads back as latin1 text, short or long', () => {
    for (const bytes of [
      [0x41],
      [0x00, 0x7f, 0x80, 0xff, 0x31],
      Array.from({ length: 40 }, (_, i) => i * 6),
    ]) {
      const ref = Buffer.from(bytes);
      const f = Buffer.concat([
        Buffer.from([7 + ref.length, 0, 0, 0, 0x4c, 2, 0, 0, 0, 0, ref.length]),
        ref,
      ]);
      assert.deepEqual(decodeFrame(f, 4, f.length), {
        id: 0,
        op: 'lock.release',
        ref: ref.toString('latin1'),
      });
    }
  });

  it('refs of one length read back right in turn, from one reused buffer (the ref read last is reused)', () => {
    const refs = ['1:1', '1:2', '1:2', '2:2', '1:1', '1:\u00ff', '1:1', '', '1:1'];
    const scratch = Buffer.alloc(64);
    const read = refs.map((ref) => {
      const f = lockFrame([{ id: 0, op: 'lock.release', ref } as LabMessage]) ?? Buffer.alloc(0);
      // 0xff is past what lockFrame carries: that ref is written as its byte by hand.
      const bytes = ref.endsWith('\u00ff')
        ? Buffer.from([10, 0, 0, 0, 0x4c, 2, 0, 0, 0, 0, 3, 0x31, 0x3a, 0xff])
        : f;
      scratch.fill(0);
      bytes.copy(scratch);
      return (decodeFrame(scratch, 4, bytes.length) as { ref: string }).ref;
    });
    assert.deepEqual(read, refs);
  });

  it('a short reply is known by its kind and length alone', () => {
    for (const [id, value] of [
      [1, true],
      [2, null],
      [0xffffffff, false],
    ] as const) {
      const f = replyFrame(id, value);
      assert.equal(shortReplyValue(f, 4, f.length), value);
      assert.equal(f.readUInt32LE(5), id);
    }
    const json = jsonFrame('{"id":1,"ok":true,"value":true}');
    assert.equal(shortReplyValue(json, 4, json.length), undefined);
    const long = Buffer.from([6, 0, 0, 0, 0x54, 1, 0, 0, 0, 0]);
    assert.equal(shortReplyValue(long, 4, long.length), undefined);
    const other = Buffer.from([5, 0, 0, 0, 0x5a, 1, 0, 0, 0]);
    assert.equal(shortReplyValue(other, 4, other.length), undefined);
  });
});
