/** The prediction compared with what happened, in words (after a histogram's runs are done). */
import type { Histogram, LabPredict } from '../../src/protocol/explorePanel';
import { outcomeLabel, predictionCame } from '../../src/model/exploreOutcomes';
import { getLang, percent, word } from './words';

export function verdictLines(
  h: Histogram,
  predict: LabPredict,
  prediction: number | null | undefined,
): string[] {
  const total = h.runs;
  if (total === 0) return [];
  const failedRuns = h.bars.filter((b) => b.failed).reduce((n, b) => n + b.count, 0);
  const choice = typeof prediction === 'number' ? predict.choices[prediction] : undefined;
  const lines: string[] = [];
  if (choice && choice.match === undefined && choice.fails !== undefined) {
    const key = choice.fails
      ? failedRuns > 0
        ? 'failsAndFailed'
        : 'failsButHeld'
      : failedRuns > 0
        ? 'holdsButFailed'
        : 'holdsAndHeld';
    lines.push(word(key, { runs: failedRuns, total }));
  } else if (choice) {
    const label = choice.label[getLang()] || choice.label.en;
    const { came, runs } = predictionCame(choice, h.bars);
    lines.push(
      came
        ? word('cameTrue', { choice: label, runs, total, percent: percent(runs, total) })
        : word('didNotCome', { choice: label }),
    );
  }
  const top = [...h.bars].sort((a, b) => b.count - a.count)[0];
  if (top && (!choice || choice.match !== undefined)) {
    // A tie has no "most often" (5 runs, 5 outcomes): naming the first would pick one at random.
    const tied = h.bars.filter((b) => b.count === top.count).length;
    const label = outcomeLabel(top.outcome, top.summary)[getLang()];
    lines.push(
      tied > 1
        ? word('mostOftenTie', { n: tied, runs: top.count, total })
        : word('mostOften', { label, runs: top.count, total }),
    );
  }
  return lines;
}
