/** The Compare Runs panel's words, in English and Simplified Chinese. */
import { getLang, pickWord, setLang } from '../uiLanguage';

const EN = {
  title: 'Compare runs',
  runA: 'Run A',
  runB: 'Run B',
  same: 'No difference: both runs took the same steps in the same order.',
  zoomIn: 'Zoom in',
  zoomOut: 'Zoom out',
  fit: 'Fit both',
  controls: 'Compare controls',
  canvas:
    'Timeline of {run}, on the time axis both runs share. Arrow keys pan, + and - zoom, both runs together.',
  rejected: 'These runs cannot be compared: {error}',
  mark: 'first difference',
  colon: ': ',
};

const ZH: Record<keyof typeof EN, string> = {
  title: '比较两次运行',
  runA: '运行 A',
  runB: '运行 B',
  same: '没有不同：两次运行以相同的顺序走了相同的步骤。',
  zoomIn: '放大',
  zoomOut: '缩小',
  fit: '显示全部',
  controls: '比较视图控制',
  canvas: '{run}的时间线，两次运行共用同一条时间轴。方向键平移，+ 和 - 缩放，两次运行一起移动。',
  rejected: '无法比较这两次运行：{error}',
  mark: '第一处不同',
  colon: '：',
};

export { setLang, getLang };
export function word(k: keyof typeof EN, vars?: Record<string, string>): string {
  return pickWord(EN[k], ZH[k], vars);
}
