/** The timeline app for tests and the bench (dist/webview-test.js): the same app plus `window.__timeline`. */
import { startTimeline } from './startTimeline';
import { installTestHook } from './testHook';

startTimeline(installTestHook);
