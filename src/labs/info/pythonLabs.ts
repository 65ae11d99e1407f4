/**
 * The built-in Python labs: our own Python versions of the seed's six labs and of pool-map, plain
 * `multiprocessing` scripts (src/labs/python) that the runner runs like a learner's script, in
 * the run's folder. Each tells the same story as the JavaScript lab it names in `analysis`, so
 * it takes that lab's description, outcome, narration and check instead of a copy of them; its
 * id is `python-` and that lab's id, which keeps the pair together in every list.
 */
import type { BuiltinLabInfo } from './labInfo';
import { inPythonWords } from './pythonWords';
import ticketRaceInfo from './ticket-race.json';
import ticketLockInfo from './ticket-lock.json';
import queueBasicsInfo from './queue-basics.json';
import ipcInfo from './ipc.json';
import sentinelInfo from './producer-consumer-sentinel.json';
import joinableInfo from './producer-consumer-joinable.json';
import poolMapInfo from './pool-map.json';

/** Each JavaScript lab and the script of its Python version. */
const VERSIONS: readonly [BuiltinLabInfo, string][] = [
  [ticketRaceInfo, 'ticket_race.py'],
  [ticketLockInfo, 'ticket_lock.py'],
  [queueBasicsInfo, 'queue_basics.py'],
  [ipcInfo, 'ipc.py'],
  [sentinelInfo, 'producer_consumer_sentinel.py'],
  [joinableInfo, 'producer_consumer_joinable.py'],
  [poolMapInfo, 'pool_map.py'],
];

/** The modules the scripts import from their own folder; they ship beside them. */
export const PYTHON_LAB_MODULES: readonly string[] = ['ticket_shop.py', 'kitchen.py', 'say.py'];

/** In the order they are taught, as their JavaScript labs are. */
export const PYTHON_LAB_INFOS: readonly BuiltinLabInfo[] = VERSIONS.map(([lab, script]) => ({
  id: `python-${lab.id}`,
  title: { en: `${lab.title.en} (Python)`, 'zh-CN': `${lab.title['zh-CN']}（Python）` },
  description: inPythonWords(lab.description),
  // The same question before exploring: the same story has the same possible outcomes.
  ...(lab.predict
    ? {
        predict: {
          ...lab.predict,
          question: inPythonWords(lab.predict.question),
          choices: lab.predict.choices.map((c) => ({ ...c, label: inPythonWords(c.label) })),
        },
      }
    : {}),
  // Python's own multiprocessing starts them: the runner boots nothing ahead of time.
  processes: 0,
  python: { script, analysis: lab.id },
}));
