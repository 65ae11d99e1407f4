/** Entry of the shipped timeline app (dist/webview.js): no test hook in it. */
import { startTimeline } from './startTimeline';

startTimeline();
