/**
 * FileBroker: shared JSON files in the run's folder. The runner creates them and grants each
 * read and write; the lab process does the real I/O and reports what it read or wrote.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabMessageOf } from '../protocol/lab';
import type { BrokerContext } from './brokerContext';
import type { ObjectTable } from './objectTable';
import { preview } from './preview';
import type { ProcRec } from './procRec';

export interface FileState {
  readonly kind: 'file';
  readonly obj: number;
  readonly name: string;
  readonly path: string;
  /** Granted reads/writes not yet reported, per process index: a report without a grant is refused. */
  readonly grants: Map<number, number>;
}

const FILE_NAME = /^[\w][\w.-]{0,99}$/;

export class FileBroker {
  readonly #byName = new Map<string, FileState>();

  constructor(
    private readonly hub: BrokerContext,
    private readonly objects: ObjectTable<{ obj: number; kind: string }>,
    private readonly dir: string,
  ) {}

  create(p: ProcRec, m: LabMessageOf<'file.create'>): void {
    const existing = this.#byName.get(m.name);
    if (existing) {
      this.objects.alias(m.ref, existing);
      return;
    }
    if (!FILE_NAME.test(m.name) || m.name.includes('..')) {
      this.hub.fail(
        p,
        m.id,
        'ValueError',
        `"${m.name.slice(0, 60)}" is not a plain file name (letters, digits, . _ -)`,
      );
      return;
    }
    const path = join(this.dir, m.name);
    if (!existsSync(path)) writeFileSync(path, JSON.stringify(m.value));
    const f: FileState = {
      kind: 'file',
      obj: this.objects.nextObj(),
      name: m.name,
      path,
      grants: new Map(),
    };
    this.objects.add(m.ref, f);
    this.#byName.set(m.name, f);
    this.hub.rec.emit(p.index, 'file.create', {
      obj: f.obj,
      name: f.name,
      value: preview(m.value),
      site: m.site,
    });
  }

  /** Grants a read or a write: the reply is the path the lab then opens itself. */
  grant(p: ProcRec, id: number, f: FileState): void {
    f.grants.set(p.index, (f.grants.get(p.index) ?? 0) + 1);
    this.hub.reply(p, id, f.path);
  }

  /** A granted write's truncate is done (controlled schedules only): the fill may go on. */
  fill(p: ProcRec, id: number, f: FileState): void {
    if ((f.grants.get(p.index) ?? 0) === 0)
      return this.hub.fail(p, id, 'ValueError', `${f.name}: a fill without a granted write`);
    this.hub.reply(p, id, null);
  }

  #settle(p: ProcRec, f: FileState): boolean {
    const n = f.grants.get(p.index) ?? 0;
    if (n === 0) return false;
    f.grants.set(p.index, n - 1);
    return true;
  }

  didRead(p: ProcRec, m: LabMessageOf<'file.didRead'>, f: FileState): boolean {
    if (!this.#settle(p, f)) return false;
    if (m.error !== undefined) {
      const fields: { obj: number; error: string; raw?: string; site?: number } = {
        obj: f.obj,
        error: m.error.slice(0, 300),
      };
      if (m.site !== undefined) fields.site = m.site;
      if (m.raw !== undefined) fields.raw = m.raw.slice(0, 200);
      this.hub.rec.emit(p.index, 'file.read', fields);
    } else {
      const value = preview(m.value ?? null);
      this.hub.rec.emit(p.index, 'file.read', { obj: f.obj, value, site: m.site });
    }
    return true;
  }

  didWrite(p: ProcRec, m: LabMessageOf<'file.didWrite'>, f: FileState): boolean {
    if (!this.#settle(p, f)) return false;
    this.hub.rec.emit(p.index, 'file.write', { obj: f.obj, value: preview(m.value), site: m.site });
    return true;
  }
}
