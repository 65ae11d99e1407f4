/** What the timeline keeps about the run as a whole: its start and end, its call sites, its tracks. */
import type { Json, LabEvent, Localized, RunStatus, ScheduleMode } from '../protocol/events';

export interface RunInfo {
  lab: string;
  title: Localized;
  seed: number;
  speed: number;
  narration?: Localized;
  /** A controlled run's schedule (absent: realtime). */
  schedule?: ScheduleMode;
}
export interface RunEndInfo {
  status: RunStatus;
  outcome?: Json;
  message?: string;
  narration?: Localized;
  t: number;
  event: LabEvent;
}
export type TrackRef = { kind: 'lock' | 'queue' | 'file' | 'sync' | 'pool'; obj: number };
/** A line of lab code that made calls (a `site` event). */
export interface SiteInfo {
  file: string;
  line: number;
  col: number;
  fn?: string;
}
