import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  mergeReports,
  readReport,
  score,
  scoreWithoutTimeouts,
  sum,
  tally,
  type Mutant,
  type MutantStatus,
} from '../../scripts/mutation/report';

function mutant(status: MutantStatus, statusReason?: string): Mutant {
  return {
    mutatorName: 'ConditionalExpression',
    replacement: 'true',
    status,
    statusReason,
    location: { start: { line: 1, column: 1 } },
  };
}

describe('mutation report score (issue #15: detected / (detected + undetected))', () => {
  it('counts killed and timed-out mutants as detected, survivors and uncovered ones as not', () => {
    const counts = tally([
      mutant('Killed'),
      mutant('Timeout'),
      mutant('Killed'),
      mutant('Survived'),
      mutant('NoCoverage'),
    ]);
    expect(counts).toMatchObject({ detected: 3, timedOut: 1, undetected: 2 });
    expect(score(counts)).toBe(0.6);
    expect(scoreWithoutTimeouts(counts)).toBe(0.4);
  });

  it('leaves out equivalents, static skips and mutants that did not compile, counting each apart', () => {
    const counts = tally([
      mutant('Killed'),
      mutant('Ignored', 'the kind names only label counts no caller reads'),
      mutant('Ignored', 'Static mutant (and "ignoreStatic" was enabled)'),
      mutant('CompileError'),
      mutant('RuntimeError'),
    ]);
    expect(counts).toEqual({ detected: 1, timedOut: 0, undetected: 0, equivalent: 1, staticSkipped: 1, invalid: 2 });
    expect(score(counts)).toBe(1);
  });

  it('has no score for a file with nothing counted, and refuses an unfinished report', () => {
    expect(score(tally([mutant('CompileError')]))).toBeUndefined();
    expect(() => tally([mutant('Pending')])).toThrow(/not a finished run/);
  });

  it('adds files up, and takes a file found in two reports from the later one', () => {
    const merged = mergeReports([
      { files: { 'a.ts': { mutants: [mutant('Survived')] }, 'b.ts': { mutants: [mutant('Killed')] } } },
      { files: { 'a.ts': { mutants: [mutant('Killed'), mutant('Killed')] } } },
    ]);
    expect([...merged.keys()].sort()).toEqual(['a.ts', 'b.ts']);
    const total = sum([...merged.values()].map(tally));
    expect(total).toMatchObject({ detected: 3, undetected: 0 });
  });
});

describe('results written as a run goes (tested-mutants-reporter.mjs)', () => {
  it('reads a .jsonl of mutants, one per line, as a report of the files they are in', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mutants-'));
    const path = join(dir, 'lib.tested.jsonl');
    const line = (file: string, status: MutantStatus) =>
      JSON.stringify({
        file,
        mutatorName: 'StringLiteral',
        replacement: '""',
        status,
        location: { start: { line: 3, column: 1 } },
      });
    writeFileSync(
      path,
      [line('src/a.ts', 'Killed'), line('src/b.ts', 'Survived'), line('src/a.ts', 'Survived'), ''].join('\n'),
    );
    const report = readReport(path);
    expect(Object.keys(report.files).sort()).toEqual(['src/a.ts', 'src/b.ts']);
    expect(report.files['src/a.ts']!.mutants.map((m) => m.status)).toEqual(['Killed', 'Survived']);
    expect(tally(report.files['src/a.ts']!.mutants)).toMatchObject({ detected: 1, undetected: 1 });
  });
});
