import { mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  incrementalReport,
  readTestedLines,
  resumeStoppedRun,
  type RunRecord,
  type TestedLine,
} from '../../scripts/mutation/resume';

const SOURCE = 'export const limit = (n: number) => n > 20;\n';
const TEST_SOURCE = "it('refuses 21', () => {});\nit('allows 20', () => {});\n";

const run: RunRecord = {
  tests: [
    { name: 'refuses 21', file: 'test/limit.test.ts', start: { line: 1, column: 1 } },
    { name: 'allows 20', file: 'test/limit.test.ts', start: { line: 2, column: 1 } },
  ],
  sources: { 'src/limit.ts': SOURCE, 'test/limit.test.ts': TEST_SOURCE },
};

const location = { start: { line: 1, column: 37 }, end: { line: 1, column: 43 } };
const killed: TestedLine = {
  file: 'src/limit.ts',
  mutatorName: 'EqualityOperator',
  replacement: 'n >= 20',
  status: 'Killed',
  statusReason: 'expected false',
  testsCompleted: 2,
  killedBy: [1],
  coveredBy: [0, 1],
  location,
};
const survived: TestedLine = {
  ...killed,
  replacement: 'n < 20',
  status: 'Survived',
  statusReason: undefined,
  killedBy: undefined,
};

describe('resuming a stopped mutation run (resume.ts)', () => {
  it("writes each result against the source it was tested on, with the run's tests by id", () => {
    const report = incrementalReport(run, [killed, survived]);
    expect(report.files).toEqual({
      'src/limit.ts': {
        language: 'typescript',
        source: SOURCE,
        mutants: [
          {
            id: '0',
            mutatorName: 'EqualityOperator',
            replacement: 'n >= 20',
            status: 'Killed',
            statusReason: 'expected false',
            testsCompleted: 2,
            killedBy: ['1'],
            coveredBy: ['0', '1'],
            location,
          },
          expect.objectContaining({ id: '1', status: 'Survived', coveredBy: ['0', '1'] }),
        ],
      },
    });
    expect(report.files['src/limit.ts']!.mutants[1]).not.toHaveProperty('killedBy');
    expect(report.testFiles).toEqual({
      'test/limit.test.ts': {
        source: TEST_SOURCE,
        tests: [
          { id: '0', name: 'refuses 21', location: { start: { line: 1, column: 1 } } },
          { id: '1', name: 'allows 20', location: { start: { line: 2, column: 1 } } },
        ],
      },
    });
  });

  it('refuses a result for a file the run record has no source of', () => {
    expect(() => incrementalReport(run, [{ ...killed, file: 'src/other.ts' }])).toThrow(/no source for src\/other\.ts/);
  });

  function files() {
    const dir = mkdtempSync(join(tmpdir(), 'mutation-resume-'));
    return {
      tested: join(dir, 'lib.tested.jsonl'),
      run: join(dir, 'lib.run.json'),
      incremental: join(dir, 'lib.incremental.json'),
    };
  }
  const at = (path: string, seconds: number) => utimesSync(path, seconds, seconds);

  it('replaces the incremental file with the results of a run that stopped after it was written', () => {
    const paths = files();
    writeFileSync(paths.incremental, '{"old":true}');
    at(paths.incremental, 1000);
    writeFileSync(paths.run, JSON.stringify(run));
    writeFileSync(paths.tested, `${JSON.stringify(killed)}\n${JSON.stringify(survived)}\n`);
    at(paths.tested, 2000);
    expect(resumeStoppedRun(paths)).toBe(2);
    expect(JSON.parse(readFileSync(paths.incremental, 'utf8'))).toEqual(incrementalReport(run, [killed, survived]));
  });

  it('keeps the incremental file of a run that finished (written after its last result)', () => {
    const paths = files();
    writeFileSync(paths.run, JSON.stringify(run));
    writeFileSync(paths.tested, `${JSON.stringify(killed)}\n`);
    at(paths.tested, 1000);
    writeFileSync(paths.incremental, '{"finished":true}');
    at(paths.incremental, 2000);
    expect(resumeStoppedRun(paths)).toBe(0);
    expect(readFileSync(paths.incremental, 'utf8')).toBe('{"finished":true}');
  });

  it('does nothing for a run that stopped before testing anything, or left no record', () => {
    const paths = files();
    expect(resumeStoppedRun(paths)).toBe(0);
    writeFileSync(paths.run, JSON.stringify(run));
    writeFileSync(paths.tested, '');
    expect(resumeStoppedRun(paths)).toBe(0);
    writeFileSync(paths.tested, `${JSON.stringify(killed)}\n`);
    expect(resumeStoppedRun({ ...paths, run: `${paths.run}.missing` })).toBe(0);
    expect(() => readFileSync(paths.incremental)).toThrow(/ENOENT/);
  });

  it('drops a last result cut short by a killed run, and refuses a bad line anywhere else', () => {
    const paths = files();
    writeFileSync(paths.tested, `${JSON.stringify(killed)}\n${JSON.stringify(survived).slice(0, 40)}`);
    expect(readTestedLines(paths.tested)).toEqual([killed]);
    writeFileSync(paths.tested, `{"file":\n${JSON.stringify(killed)}\n`);
    expect(() => readTestedLines(paths.tested)).toThrow(SyntaxError);
  });
});
