// `oncall import pagerduty|opsgenie|grafana`: read a vendor's setup, write it as an oncall
// YAML file, and prove it: apply the file to a scratch database, resolve each schedule with
// oncall's own engine over the window, and compare with what the vendor itself renders.
// The user's database is never opened.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compareCoverage, isoUtc, VENDORS, type CoverageDifference, type Vendor, type Window } from '../core/index.js';
import { RuntimeFailure, UserError } from '../errors.js';
import { importFailure } from '../importers/http.js';
import { readVendor } from '../importers/read-vendor.js';
import type { ImportedDocument, ImportedSetup } from '../importers/types.js';
import { applyFiles } from './apply.js';
import { writeFileAtomic } from './atomic-write.js';
import { rotaYaml } from './export-yaml.js';
import { makeContext, type AppContext } from './context.js';
import { scheduleShifts } from './shifts.js';

export interface ImportRequest {
  vendor: Vendor;
  apiUrl?: string;
  token: string;
  output: string;
  window: Window;
  onProgress?: (message: string) => void;
}

export interface ScheduleVerdict {
  vendorId: string;
  vendorName: string;
  scheduleIds: string[];
  /** The vendor's schedule against the oncall schedule that stands for it (the first id). */
  differences: CoverageDifference[];
  /**
   * When it became several schedules: the vendor's against all of them together, which
   * checks the mapping of each part (the verdict still counts `differences`).
   */
  together?: CoverageDifference[];
}

export interface ImportReport {
  vendor: Vendor;
  output: string;
  counts: { people: number; teams: number; schedules: number; policies: number };
  notes: string[];
  window: Window;
  verdicts: ScheduleVerdict[];
  /** Whether every schedule matched. */
  matches: boolean;
}

export async function importVendor(ctx: AppContext, request: ImportRequest): Promise<ImportReport> {
  const output = path.resolve(request.output);
  if (fs.existsSync(output) && fs.statSync(output).isDirectory()) {
    throw new UserError(`${request.output} is a folder; give -o a file name such as rota.yaml`);
  }
  let setup: ImportedSetup;
  try {
    setup = await readVendor(request.vendor, { apiUrl: request.apiUrl, token: request.token, window: request.window, onProgress: request.onProgress });
  } catch (error) {
    throw importFailure(error);
  }
  const text = yamlText(setup, ctx.now);
  request.onProgress?.(`comparing ${setup.schedules.length} schedules with ${label(setup.vendor)}'s`);
  const verdicts = await verify(setup, text, request.window, ctx.zone);
  writeFileAtomic(output, text);
  const { document } = setup;
  return {
    vendor: setup.vendor,
    output,
    counts: {
      people: document.people.length,
      teams: document.teams.length,
      schedules: document.schedules.length,
      policies: document.escalation_policies?.length ?? 0,
    },
    notes: setup.notes,
    window: request.window,
    verdicts,
    matches: verdicts.every((v) => v.differences.length === 0),
  };
}

/** The file as the lead will review it, every note in its header comment. */
export function yamlText(setup: ImportedSetup, now: number): string {
  const lines = [` Imported from ${label(setup.vendor)} by oncall at ${isoUtc(now)}.`, ' Review it, then apply it with "oncall apply -f FILE".'];
  if (setup.notes.length > 0) lines.push('', ' Not mapped exactly:', ...setup.notes.map((n) => ` - ${n}`));
  return rotaYaml(withoutEmpty(setup.document), lines.join('\n'));
}

function withoutEmpty(document: ImportedDocument) {
  return {
    ...document,
    schedules: document.schedules.map((s) => ({ ...s, overrides: s.overrides?.length ? s.overrides : undefined })),
    escalation_policies: document.escalation_policies?.length ? document.escalation_policies : undefined,
  };
}

const label = (vendor: Vendor) => VENDORS[vendor].label;

/**
 * Applies the file to a scratch SQLite database, "now" at the window's start so the whole
 * window is covered by the first version, and compares each schedule with the vendor's. A
 * vendor schedule with several people on call at once cannot be one oncall schedule: it is
 * compared with the one that stands for it, so those instants show as differences (the
 * issue's rule: show the difference, never hide it), and with all its parts together.
 */
async function verify(setup: ImportedSetup, text: string, window: Window, zone: string): Promise<ScheduleVerdict[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-import-'));
  const scratch = makeContext({ dbPath: path.join(dir, 'verify.db'), env: {}, now: window.start, zone, actor: 'import' });
  try {
    const file = path.join(dir, 'imported.yaml');
    fs.writeFileSync(file, text);
    try {
      await applyFiles(scratch, { files: [file], dryRun: false, prune: false, window });
    } catch (error) {
      // The importer wrote something apply refuses: a bug here, not the user's mistake.
      const details = error instanceof UserError ? [error.message, ...error.details].join('; ') : String(error);
      throw new RuntimeFailure(`the imported file does not apply cleanly (${details}); please report this with the vendor's data shape`);
    }
    const verdicts: ScheduleVerdict[] = [];
    for (const schedule of setup.schedules) {
      const parts = [];
      for (const id of schedule.scheduleIds) parts.push((await scheduleShifts(scratch, id, window, false)).shifts);
      const verdict: ScheduleVerdict = {
        vendorId: schedule.vendorId,
        vendorName: schedule.vendorName,
        scheduleIds: schedule.scheduleIds,
        differences: compareCoverage(schedule.final, parts[0] ?? [], window),
      };
      if (parts.length > 1) verdict.together = compareCoverage(schedule.final, parts.flat(), window);
      verdicts.push(verdict);
    }
    return verdicts;
  } finally {
    await scratch.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
