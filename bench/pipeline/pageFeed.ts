/**
 * How the bench hands host posts to the webview page, standing in for VS Code's postMessage:
 * the extension host serializes each message as JSON, except that byte arrays are taken out and
 * carried as raw buffers (VS Code's serializeBuffersForPostMessage), sends it to the window, which
 * posts it into the webview frame by structured clone.
 *   stream (default): each post is serialized that way and written to a streamed HTTP response the
 *     page reads; the page rebuilds the message and posts it to itself with window.postMessage.
 *   cdp: each post is one Playwright page.evaluate (a DevTools round trip per message, carried as
 *     JSON by the debugging protocol): far slower than VS Code's own path for large posts.
 * Either way the app takes it in through its own message listener and checks.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';

export interface PageFeed {
  post(message: unknown): Promise<boolean>;
  close(): void;
}

type W = { postMessage(m: unknown, origin: string): void };

/** The message as VS Code sends it: JSON with byte arrays replaced by references, and the buffers. */
export function serializeLikeVsCode(message: unknown): { json: string; buffers: Uint8Array[] } {
  const buffers: Uint8Array[] = [];
  const json = JSON.stringify(message, (_, v: unknown) =>
    v instanceof Uint8Array ? { $buffer: buffers.push(v) - 1 } : v,
  );
  return { json, buffers };
}

/** One frame on the stream: u32 JSON length, the JSON, then per buffer u32 length and its bytes. */
function frame(message: unknown): Buffer[] {
  const { json, buffers } = serializeLikeVsCode(message);
  const head = Buffer.from(json);
  const parts = [u32(head.length), head];
  for (const b of buffers)
    parts.push(u32(b.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength));
  return parts;
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}

/** Opens the app page (`html`) and returns its feed. */
export async function openPageFeed(
  page: Page,
  html: string,
  kind = process.env.BENCH_TRANSPORT ?? 'stream',
): Promise<PageFeed> {
  if (kind === 'cdp') {
    await page.setContent(html);
    let chain: Promise<unknown> = Promise.resolve();
    return {
      post: (m) =>
        (chain = chain.then(() =>
          page.evaluate((msg) => (globalThis as unknown as W).postMessage(msg, '*'), m as never),
        )).then(() => true),
      close: () => undefined,
    };
  }
  let feed: ServerResponse | undefined;
  let connected!: () => void;
  const ready = new Promise<void>((r) => (connected = r));
  // The page may read from its own origin only: the app's CSP is kept, with connect-src 'self'.
  const pageHtml = html.replace("connect-src 'none'", "connect-src 'self'");
  const server = createServer((req, res) => {
    if (req.url === '/feed') {
      res.writeHead(200, {
        'content-type': 'application/octet-stream',
        'cache-control': 'no-store',
      });
      res.flushHeaders();
      feed = res;
      connected();
    } else {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pageHtml);
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  await page.evaluate(`void ${readFramesInPage}`);
  await ready;
  return {
    // One write per message, as one IPC message would be.
    post: (m) => {
      feed!.write(Buffer.concat(frame(m)));
      return Promise.resolve(true);
    },
    close: () => {
      feed?.end();
      server.close();
    },
  };
}

/**
 * Runs in the page: reads the frames and posts each rebuilt message to the window. Source text, so
 * no compiler helper leaks into the page.
 */
const readFramesInPage = `(async () => {
  const reader = (await fetch('/feed')).body.getReader();
  // The chunks read and not yet taken (the first from \`at\`): each byte is copied once, into its message.
  const chunks = [];
  let have = 0;
  let at = 0;
  const need = async (n) => {
    while (have < n) {
      const { value, done } = await reader.read();
      if (done) return false;
      chunks.push(value);
      have += value.length;
    }
    return true;
  };
  const take = async (n) => {
    if (!(await need(n))) return null;
    const out = new Uint8Array(n);
    for (let o = 0; o < n;) {
      const c = chunks[0];
      const k = Math.min(n - o, c.length - at);
      out.set(c.subarray(at, at + k), o);
      o += k;
      at += k;
      if (at === c.length) { chunks.shift(); at = 0; }
    }
    have -= n;
    return out;
  };
  const len = async () => { const b = await take(4); return b ? new DataView(b.buffer).getUint32(0, true) : -1; };
  const text = new TextDecoder();
  for (;;) {
    const n = await len();
    if (n < 0) break;
    const json = text.decode(await take(n));
    const refs = (json.match(/"\\$buffer":/g) || []).length;
    const buffers = [];
    for (let i = 0; i < refs; i++) buffers.push(await take(await len()));
    const message = JSON.parse(json, (_, v) => (v && typeof v === 'object' && typeof v.$buffer === 'number' ? buffers[v.$buffer] : v));
    window.postMessage(message, '*');
  }
})()`;
