/** The question a lab asks before it runs: its choices as buttons, and Skip; then the answer given. */
import type { LabPredict } from '../../src/protocol/explorePanel';
import { el } from '../dom';
import { getLang, word } from './words';

export function predictView(
  predict: LabPredict,
  prediction: number | null | undefined,
  answer: (choice: number | null) => void,
): HTMLElement {
  const lang = getLang();
  const box = el('section', { class: 'xp-predict' });
  box.dataset.answered = String(prediction !== undefined);
  box.append(el('h2', {}, word('predictFirst')));
  box.append(el('p', { class: 'xp-question' }, predict.question[lang] || predict.question.en));
  if (prediction !== undefined) {
    const choice = prediction === null ? undefined : predict.choices[prediction];
    const text = choice
      ? word('yourPrediction', { choice: choice.label[lang] || choice.label.en })
      : word('skipped');
    box.append(el('p', { class: 'xp-answer' }, text));
    return box;
  }
  box.append(el('p', { class: 'xp-muted' }, word('predictHint')));
  const row = el('div', { class: 'xp-choices', role: 'group' });
  predict.choices.forEach((choice, i) => {
    const b = el(
      'button',
      { class: 'xp-choice', 'data-choice': String(i) },
      choice.label[lang] || choice.label.en,
    );
    b.addEventListener('click', () => answer(i));
    row.append(b);
  });
  const skip = el('button', { class: 'xp-skip secondary' }, word('skip'));
  skip.addEventListener('click', () => answer(null));
  row.append(skip);
  box.append(row);
  return box;
}
