/** What the catalog knows of a built-in lab without loading its code. */
import type { Localized } from '../../protocol/events';
import type { LabPredict } from '../../protocol/explorePanel';

export interface BuiltinLabInfo {
  /** Stable id, e.g. `ticket-race`: also the name of its bundle, dist/labs/<id>.lab.mjs. */
  readonly id: string;
  readonly title: Localized;
  readonly description: Localized;
  /** How many processes it starts besides main: the runner boots that many ahead of time. */
  readonly processes: number;
  /** What the Explore panel asks before it runs the lab (default: will the check hold?). */
  readonly predict?: LabPredict;
}
