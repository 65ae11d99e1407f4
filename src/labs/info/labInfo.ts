/** What the catalog knows of a built-in lab without loading its code. */
import type { Localized } from '../../protocol/events';
import type { LabPredict } from '../../protocol/explorePanel';

export interface BuiltinLabInfo {
  /** Stable id, e.g. `ticket-race`: a JavaScript lab's bundle is dist/labs/<id>.lab.mjs. */
  readonly id: string;
  readonly title: Localized;
  readonly description: Localized;
  /** How many processes it starts besides main: the runner boots that many ahead of time. */
  readonly processes: number;
  /** What the Explore panel asks before it runs the lab (default: will the check hold?). */
  readonly predict?: LabPredict;
  /** A built-in Python lab (pythonLabs.ts): its script, and the lab whose analysis it shares. */
  readonly python?: PythonLabLink;
}

export interface PythonLabLink {
  /** The script's file name in dist/labs/python (src/labs/python). */
  readonly script: string;
  /** The id of the JavaScript lab it is a version of: its outcome, narration and check apply. */
  readonly analysis: string;
}
