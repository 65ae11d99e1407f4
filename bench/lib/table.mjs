// The bench table, as aligned text for the terminal and as Markdown for the README.

export function fmt(x) {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  const a = Math.abs(x);
  if (a >= 1000) return Math.round(x).toLocaleString('en-US');
  if (a >= 10) return x.toFixed(1);
  return x.toFixed(2);
}

const HEAD = [
  'Part',
  'Figure',
  'Median',
  'Spread (min–max, n)',
  'Baseline (same run)',
  'Ratio',
  'Goal',
  'Result',
];

function cells(r) {
  const spread =
    r.ours.samples.length > 1
      ? `${fmt(r.ours.min)}–${fmt(r.ours.max)}, n=${r.ours.samples.length}`
      : 'n=1';
  const base = r.baseline ? `${r.baselineName}: ${fmt(r.baseline.median)}` : '–';
  // A paired ratio is the median of the pairs' ratios: their spread says how sure it is.
  const pairs = r.pairRatios;
  const ratio = pairs
    ? `${fmt(r.ratio)}× (pairs ${fmt(pairs.min)}–${fmt(pairs.max)}, n=${pairs.samples.length})`
    : `${fmt(r.ratio)}×`;
  return [
    r.part,
    r.name,
    `${fmt(r.ours.median)} ${r.unit}`,
    spread,
    base,
    r.ratio === null ? '–' : ratio,
    r.goal ?? '–',
    r.verdict,
  ];
}

export function textTable(rows) {
  const all = [HEAD, ...rows.map(cells)];
  const w = HEAD.map((_, i) => Math.max(...all.map((c) => String(c[i]).length)));
  const line = (c) =>
    c
      .map((x, i) => String(x).padEnd(w[i]))
      .join('  ')
      .trimEnd();
  return [
    line(HEAD),
    w.map((n) => '─'.repeat(n)).join('  '),
    ...rows.map((r) => line(cells(r))),
  ].join('\n');
}

export function markdownTable(rows) {
  const esc = (s) => String(s).replace(/\|/g, '\\|');
  return [
    `| ${HEAD.join(' | ')} |`,
    `|${HEAD.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${cells(r).map(esc).join(' | ')} |`),
  ].join('\n');
}

/** One line per row that carries a note (what the figure is, and why it is what it is). */
export function notes(rows) {
  return rows
    .filter((r) => r.note)
    .map((r) => `- ${r.part} / ${r.name}: ${r.note}`)
    .join('\n');
}
