import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { runCli } from './cliSupport';

const repo = path.resolve(__dirname, '..', '..', '..', '..');

/** The official SARIF 2.1.0 schema (see server/test/schemas/README.md), compiled once. */
function sarifValidator() {
  const schema = JSON.parse(fs.readFileSync(path.join(repo, 'server', 'test', 'schemas', 'sarif-2.1.0-rtm.5.json'), 'utf8'));
  // The schema's `language` pattern is not valid with the `u` flag (a stray `]`): compile patterns without it.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

describe('torii check --format sarif and github', () => {
  let root: string;

  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'torii-formats-'));
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, 'notes', file)), { recursive: true });
      fs.writeFileSync(path.join(root, 'notes', file), text);
    };
    write('kitchen/knives.md', '# ⛩️\n\n## 参考\n\n🗄️ `metals.md` patina\n🗄 `metals.md` rust removal\n🗄 `chemistry.md`\n🗄 `sourdouh.md`\n');
    write('metals.md', '# ⛩️\n\n# 🔩 CARBON STEEL\n\n## patina\n');
    write('care.md', '# ⛩️\n\n## rust removal\n');
    write('bread/sourdough.md', '# ⛩️\n');
    // Columns count UTF-16 code units: `🗄 ` is 3, so a target after it starts at column 4.
    // File names that need escaping: `#` in a URI, `,` and `:` in a workflow command's properties.
    write('craft/#meta.md', '# ⛩️\n\n🗄 `metals.md` 100% carbon\n');
    write('odds/a, b: c.md', '# ⛩️\n\n🗄 `metals.md` bluing\n');
  });

  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('writes a SARIF 2.1.0 log that the official schema accepts', () => {
    const validate = sarifValidator();
    const { status, stdout } = runCli(['check', 'notes', '--format', 'sarif'], root);
    assert.strictEqual(status, 1, 'a warning is shown: exit 1, as in the text format');
    const log: Record<string, unknown> = JSON.parse(stdout);
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    // The validator is not a rubber stamp: the same log with another version, or a result with a level SARIF does not have, is refused.
    assert.strictEqual(validate({ ...log, version: '2.0.0' }), false);
    const badLevel = JSON.parse(stdout);
    badLevel.runs[0].results[0].level = 'hint';
    assert.strictEqual(validate(badLevel), false);
  });

  it('puts each problem in SARIF with its rule, level, UTF-16 region and fix', () => {
    const log = JSON.parse(runCli(['check', 'notes', '--format', 'sarif'], root).stdout);
    const [sarifRun] = log.runs;
    assert.strictEqual(sarifRun.tool.driver.name, 'torii');
    assert.strictEqual(sarifRun.columnKind, 'utf16CodeUnits');
    const rules: string[] = sarifRun.tool.driver.rules.map((rule: { id: string }) => rule.id);
    const rendered = sarifRun.results.map((result: { ruleId: string; ruleIndex: number; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }> }) => {
      assert.strictEqual(rules[result.ruleIndex], result.ruleId, 'ruleIndex points at the rule');
      const { artifactLocation, region } = result.locations[0].physicalLocation;
      return `${artifactLocation.uri}:${region.startLine}:${region.startColumn} ${result.level} ${result.ruleId}`;
    });
    assert.deepStrictEqual(rendered, [
      'notes/craft/%23meta.md:3:4 warning dead-section',
      'notes/kitchen/knives.md:6:4 warning dead-section',
      'notes/kitchen/knives.md:7:4 note foreign-note',
      'notes/kitchen/knives.md:8:4 warning dead-file',
      'notes/odds/a%2C%20b%3A%20c.md:3:4 warning dead-section',
    ]);
    const moved = sarifRun.results[1];
    assert.match(moved.message.text, /no section 'rust removal'; it is in care\.md; fix: `care\.md` rust removal$/);
    const [change] = moved.fixes[0].artifactChanges;
    assert.strictEqual(change.artifactLocation.uri, 'notes/kitchen/knives.md');
    // The fix rewrites the file part only: `metals.md` (line 6, columns 5–13) becomes `care.md`.
    assert.deepStrictEqual(change.replacements, [{ deletedRegion: { startLine: 6, startColumn: 5, endLine: 6, endColumn: 14 }, insertedContent: { text: 'care.md' } }]);
    assert.deepStrictEqual(sarifRun.properties.summary.dead, 4);
  });

  it('writes GitHub workflow commands: one annotation a problem, escaped, then the summary', () => {
    const { status, stdout } = runCli(['check', 'notes', '--format', 'github'], root);
    assert.strictEqual(status, 1);
    const lines = stdout.split('\n');
    assert.deepStrictEqual(lines.slice(0, -1), [
      "::warning file=notes/craft/#meta.md,line=3,col=4,endLine=3,endColumn=27,title=torii%3A dead-section::dead section: metals.md has no section '100%25 carbon'",
      "::warning file=notes/kitchen/knives.md,line=6,col=4,endLine=6,endColumn=28,title=torii%3A dead-section::dead section: metals.md has no section 'rust removal'; it is in care.md; fix: `care.md` rust removal",
      '::notice file=notes/kitchen/knives.md,line=7,col=4,endLine=7,endColumn=18,title=torii%3A foreign-note::`chemistry.md` is not in this workspace (a note of another collection?)',
      '::warning file=notes/kitchen/knives.md,line=8,col=4,endLine=8,endColumn=17,title=torii%3A dead-file::dead link: no note `sourdouh.md`; fix: `sourdough.md`',
      "::warning file=notes/odds/a%2C b%3A c.md,line=3,col=4,endLine=3,endColumn=22,title=torii%3A dead-section::dead section: metals.md has no section 'bluing'",
    ]);
    assert.match(lines[lines.length - 1], /^6 notes, 6 references: 1 resolved, 4 dead, 1 external, 0 ambiguous; shown: 0 error, 4 warning, 0 information, 1 hint$/);
  });

  it('takes --json as --format json, and refuses an unknown format or two that disagree', () => {
    const viaFlag = JSON.parse(runCli(['check', 'notes', '--json'], root).stdout);
    const viaFormat = JSON.parse(runCli(['check', 'notes', '--format', 'json'], root).stdout);
    assert.deepStrictEqual(viaFormat, viaFlag);
    for (const argv of [['check', 'notes', '--format', 'xml'], ['check', 'notes', '--json', '--format', 'sarif']]) {
      const { status, stderr } = runCli(argv, root);
      assert.strictEqual(status, 2, argv.join(' '));
      assert.match(stderr, /^torii: .+\nRun 'torii --help' for usage\.\n$/);
    }
  });

  it('points --help at docs/dialect.md and cites no section numbers the user does not have', () => {
    const { stdout } = runCli(['--help'], root);
    assert.match(stdout, /docs\/dialect\.md/);
    assert.match(stdout, /--format FORMAT/);
    assert.doesNotMatch(stdout, /§|DIALECT/);
  });
});
