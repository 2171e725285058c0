import * as assert from 'assert';
import type { Connection, PublishDiagnosticsParams } from 'vscode-languageserver';
import { foldersMadeBy, Session } from '../../src/lsp/session';

/** The parts of a connection `Session.publish` uses, recording what it was given. */
function recordingConnection(): { connection: Connection; errors: string[]; sent: PublishDiagnosticsParams[] } {
  const errors: string[] = [];
  const sent: PublishDiagnosticsParams[] = [];
  const connection = {
    console: { error: (message: string) => errors.push(message), log: () => undefined, info: () => undefined, warn: () => undefined },
    sendDiagnostics: async (params: PublishDiagnosticsParams) => {
      sent.push(params);
    },
  } as unknown as Connection;
  return { connection, errors, sent };
}

describe('session: a note Torii fails to check', () => {
  it('costs that note its diagnostics, with one line that says so and the stack in the log, and the next note is checked', () => {
    const { connection, errors, sent } = recordingConnection();
    const session = new Session(connection);
    const workspace = session.loose;
    workspace.index.setNoteText('broken.md', '# ⛩️\n\n🗄 `gone.md` x\n');
    workspace.index.setNoteText('fine.md', '# ⛩️\n\n🗄 `gone.md` x\n');
    const check = workspace.check.bind(workspace);
    workspace.check = (notePath) => {
      if (notePath === 'broken.md') throw new Error('a rule went wrong');
      return check(notePath);
    };
    session.publish(workspace, 'broken.md');
    session.publish(workspace, 'fine.md');
    assert.deepStrictEqual(sent.map((params) => [params.uri, params.diagnostics.map((diagnostic) => diagnostic.code)]), [
      ['broken.md', ['check-failed']],
      ['fine.md', ['foreign-note']],
    ]);
    assert.match(String(sent[0].diagnostics[0].message), /^Torii could not check this note, a fault in Torii and not in the note \(a rule went wrong\)/);
    assert.strictEqual(errors.length, 1);
    assert.match(errors[0], /^Torii: could not check broken\.md: Error: a rule went wrong\n\s+at /);
  });
});

describe('session: which clients make the folder a file goes into', () => {
  it('reads Neovim versions from clientInfo, and takes other clients at their word', () => {
    const made = (name: string, version?: string) => JSON.stringify(foldersMadeBy({ name, version }));
    assert.strictEqual(made('Neovim', '0.7.2'), '{"create":false,"rename":false}');
    assert.strictEqual(made('Neovim', '0.9.5'), '{"create":true,"rename":false}');
    assert.strictEqual(made('Neovim', '0.10.0'), '{"create":true,"rename":true}');
    assert.strictEqual(made('Neovim', '1.0.0-dev'), '{"create":true,"rename":true}');
    assert.strictEqual(made('Neovim'), '{"create":true,"rename":true}');
    assert.strictEqual(made('Visual Studio Code', '1.91.0'), '{"create":true,"rename":true}');
    assert.strictEqual(JSON.stringify(foldersMadeBy(undefined)), '{"create":true,"rename":true}');
  });
});
