/**
 * Lab: Ping and Pong rally five times over one duplex Pipe. Main hands each an end and puts its
 * own copies down, so once Ping closes its end nobody holds it, and Pong's recv() sees EOFError.
 */
import {
  type Connection,
  defineLab,
  l,
  Pipe,
  print,
  Process,
  randint,
  sleep,
} from 'concurrency-labs';
import pingPongInfo from '../info/pipe-ping-pong.json';

const RALLIES = 5;

export async function ping(bat: Connection): Promise<void> {
  for (let n = 1; n <= RALLIES; n++) {
    await bat.send(`ping ${n}`);
    const back = await bat.recv();
    await print(l({ en: `Ping got "${back}"`, 'zh-CN': `Ping 接到「${back}」` }));
    await sleep(randint(1, 3) / 10);
  }
  await bat.close();
}

export async function pong(bat: Connection): Promise<void> {
  for (;;) {
    let ball: unknown;
    try {
      ball = await bat.recv();
    } catch (err) {
      if ((err as Error).name !== 'EOFError') throw err;
      await print(
        l({
          en: 'Pong: EOFError, Ping has left the table',
          'zh-CN': 'Pong：EOFError，Ping 离开了球桌',
        }),
      );
      return;
    }
    await sleep(randint(1, 3) / 10);
    await bat.send(String(ball).replace('ping', 'pong'));
  }
}

export default defineLab(pingPongInfo, async () => {
  const [left, right] = Pipe(true, { name: l({ en: 'table', 'zh-CN': '球桌' }) });
  const players = [
    new Process(ping, [left], { name: 'Ping' }),
    new Process(pong, [right], { name: 'Pong' }),
  ];
  await Promise.all(players.map((p) => p.start()));
  // Main's copies of the two ends: as long as main held them, Pong would never see the end.
  await left.close();
  await right.close();
  for (const p of players) await p.join();
});
