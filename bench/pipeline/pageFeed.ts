/**
 * How the bench hands host posts to the webview page, standing in for VS Code's postMessage
 * (the extension host serializes each message as JSON, sends it over its IPC to the window,
 * which posts it into the webview frame by structured clone):
 *   stream (default): each post is JSON-serialized once and written to a streamed HTTP response
 *     the page reads; the page parses it and posts it to itself with window.postMessage.
 *   cdp: each post is one Playwright page.evaluate (a DevTools round trip per message, carried
 *     as JSON by the debugging protocol): far slower than VS Code's own path for large posts.
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

/** Opens the app page (`html`) and returns its feed. */
export async function openPageFeed(page: Page, html: string, kind = process.env.BENCH_TRANSPORT ?? 'stream'): Promise<PageFeed> {
  if (kind === 'cdp') {
    await page.setContent(html);
    let chain: Promise<unknown> = Promise.resolve();
    return {
      post: (m) => (chain = chain.then(() => page.evaluate((msg) => (globalThis as unknown as W).postMessage(msg, '*'), m as never))).then(() => true),
      close: () => undefined,
    };
  }
  let feed: ServerResponse | undefined;
  let connected!: () => void;
  const ready = new Promise<void>((r) => (connected = r));
  // The page may read from its own origin only: the app's CSP is kept, with connect-src 'self'.
  const page_ = html.replace("connect-src 'none'", "connect-src 'self'");
  const server = createServer((req, res) => {
    if (req.url === '/feed') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
      res.flushHeaders();
      feed = res;
      connected();
    } else {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page_);
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  // JSON text holds no raw newline, so one message per line.
  await page.evaluate(() => {
    void (async () => {
      const res = await fetch('/feed');
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buf = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += value;
        let start = 0;
        for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n', start)) {
          (globalThis as unknown as W).postMessage(JSON.parse(buf.slice(start, nl)), '*');
          start = nl + 1;
        }
        buf = buf.slice(start);
      }
    })();
  });
  await ready;
  return {
    post: (m) => { feed!.write(JSON.stringify(m) + '\n'); return Promise.resolve(true); },
    close: () => { feed?.end(); server.close(); },
  };
}
