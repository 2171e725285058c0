import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { WorkspaceIndex } from '../../src/core/index/workspaceIndex';
import { checkWorkspace } from '../../src/core/features/check';
import { resolverOptionsFor } from '../../src/core/features/options';
import { diskTextSource, indexFolder } from '../../src/node/workspaceFiles';
import { repoPath } from './support';

interface ExpectedRow {
  file: string;
  line: number;
  target: string;
  status: string;
  kind: string;
  pointsTo: string;
}

/**
 * test-fixtures/notes-kb is a made-up collection with every reference form and every status of
 * DIALECT §8.7. Its expectations were written by hand, from the spec, into notes-kb.expected.tsv:
 * one row per 🗄 target, with the status, the rule and where it leads.
 */
describe('the sample workspace test-fixtures/notes-kb agrees with its hand-written expectations', () => {
  const root = repoPath('test-fixtures', 'notes-kb');
  const rows: ExpectedRow[] = fs
    .readFileSync(repoPath('test-fixtures', 'notes-kb.expected.tsv'), 'utf8')
    .split('\n')
    .slice(1)
    .filter((line) => line.trim())
    .map((line) => {
      const [file, lineNumber, target, status, kind, pointsTo] = line.split('\t');
      return { file, line: Number(lineNumber), target, status, kind, pointsTo };
    });
  const index = new WorkspaceIndex(diskTextSource(root));
  indexFolder(index, root);
  const { reports } = checkWorkspace(index, resolverOptionsFor(path.basename(root)));
  const key = (file: string, line: number, target: string) => `${file}:${line}:${target.replace(/\?$/, '')}`;
  const byKey = new Map(reports.map((report) => [key(report.path, report.reference.line + 1, report.reference.text), report]));

  it('has one expectation for every 🗄 target and one target for every expectation', () => {
    const expected = new Set(rows.map((row) => key(row.file, row.line, row.target)));
    assert.deepStrictEqual([...byKey.keys()].filter((k) => !expected.has(k)), [], 'targets with no expectation');
    assert.deepStrictEqual([...expected].filter((k) => !byKey.has(k)), [], 'expectations with no target');
    assert.ok(rows.length >= 100, `${rows.length} rows`);
  });

  it('gives every target its expected status', () => {
    const wrong = rows
      .map((row) => {
        const report = byKey.get(key(row.file, row.line, row.target));
        const actual = report ? (report.reference.inFence ? 'fence' : report.resolution.status) : 'missing';
        return actual === row.status ? undefined : `${row.file}:${row.line} ${row.target}: expected ${row.status}, got ${actual}`;
      })
      .filter(Boolean);
    assert.deepStrictEqual(wrong, []);
  });

  it('names the rule the expectation names, as the section rule or the file rule', () => {
    const wrong = rows
      .filter((row) => row.status !== 'fence')
      .map((row) => {
        const { resolution } = byKey.get(key(row.file, row.line, row.target))!;
        const names = [resolution.kind, resolution.fileRule, resolution.kind.replace(/-alias$/, '')];
        return names.includes(row.kind) ? undefined : `${row.file}:${row.line} ${row.target}: expected ${row.kind}, got ${names.filter(Boolean).join(' / ')}`;
      })
      .filter(Boolean);
    assert.deepStrictEqual(wrong, []);
  });

  it('leads every resolved target to the expected line, and every fix or related place to the expected note', () => {
    const wrong = rows
      .filter((row) => row.status !== 'fence' && row.pointsTo !== '-')
      .map((row) => {
        const { resolution } = byKey.get(key(row.file, row.line, row.target))!;
        const [expectedPath, expectedLine] = row.pointsTo.split(':');
        const places = [resolution.target, resolution.fix?.target, ...resolution.related].filter((place) => place !== undefined);
        const hit = places.some(
          (place) =>
            (place!.path === expectedPath || `${place!.path}/` === expectedPath) &&
            (expectedLine === undefined || row.status !== 'resolved' && place!.line === 0 || place!.line + 1 === Number(expectedLine)),
        );
        return hit ? undefined : `${row.file}:${row.line} ${row.target}: expected ${row.pointsTo}, got ${places.map((place) => `${place!.path}:${place!.line + 1}`).join(', ') || 'nothing'}`;
      })
      .filter(Boolean);
    assert.deepStrictEqual(wrong, []);
  });
});
