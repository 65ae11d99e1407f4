/** The run being shown: its id, whether it is live or over, its model and its statistics events. */
import type { ColumnsRead } from '../src/protocol/eventColumns';
import type { LabEvent } from '../src/protocol/events';
import { TimelineModel } from '../src/model/timeline';
import { setTimeScale } from './text';
import { StatsEvents } from './statsEvents';

export class RunState {
  private current = new TimelineModel();
  private id = '';
  private isLive = false;
  private isEnded = false;
  /** Undefined once the run outgrew the statistics bound. */
  private stats: StatsEvents | undefined = new StatsEvents();

  get model(): TimelineModel {
    return this.current;
  }
  get runId(): string {
    return this.id;
  }
  get live(): boolean {
    return this.isLive;
  }
  get ended(): boolean {
    return this.isEnded;
  }
  /** The statistics' events, or undefined when the run has too many. */
  statsEvents(): LabEvent[] | undefined {
    return this.stats?.all();
  }

  /** Starts showing run `runId` with the events known so far. */
  load(runId: string, live: boolean, events: LabEvent[]): void {
    this.current = new TimelineModel();
    this.stats = new StatsEvents();
    this.id = runId;
    this.isLive = live;
    this.isEnded = !live;
    setTimeScale(1);
    this.append(events);
  }
  /** Nothing to show (the compact view before its first run). */
  clear(): void {
    this.current = new TimelineModel();
    this.id = '';
  }
  markEnded(): void {
    this.isEnded = true;
    this.isLive = false;
  }

  append(events: LabEvent[]): void {
    this.current.append(events);
    if (this.keepStats(events.length)) this.stats!.push(events);
    this.appended();
  }
  /** A live batch, checked where it entered: the model takes it from its columns. */
  appendColumns(read: ColumnsRead): void {
    this.current.appendColumns(read);
    if (this.keepStats(read.count)) this.stats!.keep(read.bytes);
    this.appended();
  }

  /** The time the run has reached: its end, or its latest event while live. */
  tNow(): number {
    const m = this.current;
    return m.end ? Math.max(m.end.t, m.tEnd) : m.tEnd;
  }

  private keepStats(n: number): boolean {
    if (this.stats?.fits(n)) return true;
    this.stats = undefined;
    return false;
  }
  private appended(): void {
    // A live run's run.start (and so its speed) arrives with the first batch, not with `load`.
    if (this.current.run) setTimeScale(this.current.run.speed);
    if (this.current.end) this.markEnded();
  }
}
