/**
 * A property of the whole server (issue 10, class 10): whatever a session did, every note's
 * diagnostics are those a fresh server gives for the same final texts. A seeded stream of random
 * edits goes through the protocol, as an editor would send them (references typed, headings added,
 * renamed and deleted, fences opened, lines pasted from other notes, notes opened and closed,
 * notes and folders moved in the editor or by a shell, with the file events VS Code sends), with
 * requests in between; then a second server starts on the final texts and the two are compared
 * note by note.
 *
 * `npm test` runs one short session. A long one: `node bench/session.js` (or set
 * TORII_SESSION_RUNS, TORII_SESSION_EDITS and TORII_SESSION_SEED).
 */

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath } from 'url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TestClient } from './lspClient';
import { parseNote } from '../../src/core/syntax/parseNote';

const RUNS = Number(process.env.TORII_SESSION_RUNS ?? 1);
const EDITS = Number(process.env.TORII_SESSION_EDITS ?? 80);
const SEED = Number(process.env.TORII_SESSION_SEED ?? 20241);

/** Seeded randomness (mulberry32), so a failing session can be replayed from its seed. */
function randomStream(seed: number): { next(): number; int(low: number, high: number): number; pick<T>(items: readonly T[]): T } {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (low: number, high: number) => low + Math.floor(next() * (high - low + 1));
  return { next, int, pick: (items) => items[Math.floor(next() * items.length)] };
}

function listNotes(root: string, relative = ''): string[] {
  return fs.readdirSync(path.join(root, relative), { withFileTypes: true }).flatMap((entry) => {
    const child = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return listNotes(root, child);
    return entry.name.endsWith('.md') ? [child] : [];
  });
}

/**
 * A diagnostic without what differs between two servers on two copies: the folder, and how a URI
 * is spelt (a server writes an open note's URI as the client did, `%28` for `(` in VS Code's).
 */
function comparable(client: TestClient, diagnostics: Diagnostic[] | undefined): string {
  return JSON.stringify(diagnostics ?? [], (_key, value: unknown) =>
    typeof value === 'string' && value.startsWith('file:') ? `<root>/${path.relative(client.root, fileURLToPath(value)).split(path.sep).join('/')}` : value,
  );
}

describe('language server: a session of random edits ends with the diagnostics of a fresh server', function () {
  this.timeout(Math.max(60000, EDITS * 500));

  for (let run = 0; run < RUNS; run++) {
    const seed = SEED + run;
    it(`holds for ${EDITS} edits and requests (seed ${seed}; replay with TORII_SESSION_SEED=${seed} TORII_SESSION_RUNS=1)`, async () => {
      const random = randomStream(seed);
      // Every other session writes URIs as VS Code does, and moves notes and folders to names whose
      // URIs VS Code and Node spell otherwise (`moved(12).md`: `%28`, `(`); the fresh server's are Node's.
      const vscodeStyle = seed % 2 === 1;
      const client = new TestClient(TestClient.copySample(), undefined, {}, 'stdio', vscodeStyle ? 'vscode' : 'node');
      const fresh: TestClient[] = [];
      try {
        await client.initialize();
        await client.settled();
        const initialNotes = listNotes(client.root).sort();
        const disk = new Map(initialNotes.map((note) => [note, client.text(note)]));
        const open = new Map<string, { text: string; version: number }>();
        // Open, but no longer notes: a shell took their files away while they held only the files' text.
        const orphans = new Set<string>();
        // Every note: those on disk, and those open at a path a shell moved away from, typed in.
        const notePaths = () => [...new Set([...disk.keys(), ...[...open.keys()].filter((note) => !orphans.has(note))])].sort();
        // What references and headings are made of: the names the sample notes use, and some they lack.
        const names = new Set<string>(['patina', 'rust removal', 'quenching oil', 'honing', 'burr', 'no such thing']);
        for (const [note, text] of disk) {
          for (const anchor of parseNote(note, text).anchors) if (anchor.text && anchor.text.length < 30) names.add(anchor.text);
        }
        const nameList = [...names].sort();
        const books = [...new Set([...disk].flatMap(([note, text]) => parseNote(note, text).bookLists.flatMap((list) => list.entries.map((entry) => `${entry.author ?? ''} ${entry.title}`.trim()))))].sort();
        books.push('Chang pickling basics', 'Okafor knife care');
        // Names one letter from a note's (`stone.md`, `pickle.md`): slips while one or two notes write them, meant once three do.
        const files = [...initialNotes.map((note) => note.slice(note.lastIndexOf('/') + 1)), 'gone.md', 'metals.md', 'chemistry.md', 'crème.md'];
        // A name written two ways (DIALECT §8.1): composed as typed, or decomposed (`e` and a
        // combining accent) as macOS names files and a PDF pastes text; `’` as a keyboard curls `'`.
        const eitherForm = (name: string) => (random.next() < 0.3 ? name.normalize('NFD') : name);
        const nearNames = ['stone.md', 'pickle.md'];
        // A name no note has, linked with sections one note holds (`upkeep.md` oiling): a note renamed
        // without history once three of its sections are linked, another collection's before.
        const careNames = parseNote('kitchen/care.md', disk.get('kitchen/care.md')!).anchors.map((anchor) => anchor.text).filter((text) => text && text.length < 30);
        const textOf = (note: string) => open.get(note)?.text ?? disk.get(note)!;

        const change = async (note: string, startLine: number, endLine: number, insert: string) => {
          const document = open.get(note)!;
          const lines = document.text.split('\n');
          const end = Math.min(endLine, lines.length - 1);
          const range = { start: { line: startLine, character: 0 }, end: { line: end, character: endLine > end ? lines[end].length : 0 } };
          const before = lines.slice(0, startLine).join('\n') + (startLine > 0 ? '\n' : '');
          const after = endLine > end ? '' : lines.slice(end).join('\n');
          document.text = before + insert + after;
          document.version++;
          await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: client.uri(note), version: document.version }, contentChanges: [{ range, text: insert }] });
        };

        // A workspace edit applied as an editor applies it: a note not open is opened with its
        // file's text first, then each note's edits arrive as one change (F2 on an author).
        const applyEdit = async (edit: { changes?: Record<string, Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }>> }) => {
          for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
            const note = path.relative(client.root, fileURLToPath(uri)).split(path.sep).join('/');
            if (!open.has(note)) {
              open.set(note, { text: disk.get(note)!, version: 1 });
              await client.open(note, disk.get(note)!, 1);
            }
            const document = open.get(note)!;
            const lines = document.text.split('\n');
            const offset = (position: { line: number; character: number }) => lines.slice(0, position.line).reduce((sum, line) => sum + line.length + 1, 0) + position.character;
            let text = document.text;
            for (const change of [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))) text = text.slice(0, offset(change.range.start)) + change.newText + text.slice(offset(change.range.end));
            document.text = text;
            document.version++;
            await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: client.uri(note), version: document.version }, contentChanges: [{ text }] });
          }
        };

        // Moves what is at `from` (a note or a folder) to `to` on disk. In the editor (the explorer):
        // the open notes reopen at their new paths, then `didRenameFiles`, then the file events, then
        // maybe the old documents close. By a shell: the file events alone, and an open note stays
        // open at its old path, a note still if it was typed in (the editor's text wins), else not
        // (nothing of the user's own). A folder comes as one event, as VS Code folds them.
        const move = async (from: string, to: string, inEditor: boolean) => {
          // The server reads the disk as it handles each message (a note opened: is it its file?).
          // Before the disk changes, let it handle what was sent: a person moving files gives it
          // that time, and a move within the same milliseconds would have it read the moved disk.
          await client.request('torii/status', {});
          const isFolder = !from.endsWith('.md');
          const under = (note: string) => (isFolder ? note.startsWith(`${from}/`) : note === from);
          const moved = (note: string) => to + note.slice(from.length);
          fs.mkdirSync(path.dirname(path.join(client.root, to)), { recursive: true });
          fs.renameSync(path.join(client.root, from), path.join(client.root, to));
          for (const note of [...disk.keys()].filter(under)) {
            disk.set(moved(note), disk.get(note)!);
            disk.delete(note);
          }
          const reopened = inEditor ? [...open.keys()].filter(under) : [];
          if (!inEditor) for (const note of [...open.keys()].filter(under)) if (open.get(note)!.text === disk.get(moved(note))) orphans.add(note);
          for (const note of reopened) {
            const document = open.get(note)!;
            open.delete(note);
            open.set(moved(note), { text: document.text, version: 1 });
            await client.open(moved(note), document.text, 1);
          }
          if (inEditor) await client.connection.sendNotification('workspace/didRenameFiles', { files: [{ oldUri: client.uri(from), newUri: client.uri(to) }] });
          await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri(from), type: 3 }, { uri: client.uri(to), type: 1 }] });
          for (const note of reopened) if (random.next() < 0.5) await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: client.uri(note) } });
        };
        const folders = () => [...new Set([...disk.keys()].filter((note) => note.includes('/')).map((note) => note.slice(0, note.lastIndexOf('/'))))].sort();
        // Nothing is moved onto a path, or into a folder, where a document is open: VS Code would
        // reload an unchanged one from the new file (a didChange this emulation does not make).
        const free = (candidate: string) => !fs.existsSync(path.join(client.root, candidate)) && ![...open.keys()].some((note) => note === candidate || note.startsWith(`${candidate}/`));

        // A fresh server on the notes as they are now, whose diagnostics the session's must equal.
        // Also halfway: a verdict left stale is often mended by a later edit of its own note.
        const compareWithFresh = async (when: string): Promise<TestClient> => {
          await client.settled();
          const notes = notePaths();
          const copy = TestClient.copySample();
          for (const note of listNotes(copy)) fs.rmSync(path.join(copy, note));
          for (const note of notes) {
            fs.mkdirSync(path.dirname(path.join(copy, note)), { recursive: true });
            fs.writeFileSync(path.join(copy, note), textOf(note));
          }
          const second = new TestClient(copy);
          fresh.push(second);
          await second.initialize();
          await second.settled();
          const differences = notes.filter((note) => comparable(client, client.diagnostics.get(client.uri(note))) !== comparable(second, second.diagnostics.get(second.uri(note))));
          // Each differing note with the diagnostics that differ, as the session and the fresh server have them.
          const describe = (note: string) => {
            const session = (client.diagnostics.get(client.uri(note)) ?? []).map((diagnostic) => comparable(client, [diagnostic]));
            const fromFresh = (second.diagnostics.get(second.uri(note)) ?? []).map((diagnostic) => comparable(second, [diagnostic]));
            return { note, session: session.filter((item) => !fromFresh.includes(item)), fresh: fromFresh.filter((item) => !session.includes(item)) };
          };
          assert.deepStrictEqual(differences.map(describe), [], `the session's diagnostics differ from a fresh server's ${when}`);
          return second;
        };

        for (let step = 0; step < EDITS; step++) {
          if (step === Math.floor(EDITS / 2) && step > 0) await compareWithFresh(`after ${step} edits`);
          const note = random.pick(notePaths());
          if (!open.has(note)) {
            open.set(note, { text: disk.get(note)!, version: 1 });
            await client.open(note, disk.get(note)!, 1);
          }
          const lineCount = textOf(note).split('\n').length;
          const at = random.int(0, lineCount - 1);
          const kind = random.int(0, 12);
          switch (kind) {
            case 0: {
              const draw = random.next();
              if (draw >= 0.55 && draw < 0.65) {
                await change(note, at, at, `🗄 \`upkeep.md\` ${random.pick(careNames)}\n`);
                break;
              }
              const target = draw < 0.3 ? '' : `\`${eitherForm(random.pick(draw < 0.55 ? nearNames : files))}\` `;
              await change(note, at, at, `🗄 ${target}${draw >= 0.3 && draw < 0.45 ? '' : random.pick(nameList)}\n`);
              break;
            }
            case 1:
              await change(note, at, at, `${random.pick(['##', '#', '###'])} ${random.pick(nameList)}\n`);
              break;
            case 2:
              await change(note, at, at, `${random.pick(nameList).toUpperCase()}\n* _${random.pick(nameList)}_: a term\n`);
              break;
            case 3:
              await change(note, at, Math.min(lineCount, at + random.int(1, 3)), '');
              break;
            case 4:
              await change(note, at, at, '```\n');
              break;
            case 5: {
              const source = textOf(random.pick(notePaths())).split('\n');
              const from = random.int(0, source.length - 1);
              await change(note, at, at, `${source.slice(from, from + random.int(1, 6)).join('\n')}\n`);
              break;
            }
            case 6: {
              const lines = textOf(note).split('\n');
              const heading = lines.findIndex((line, index) => index >= at && /^#{1,3} /.test(line));
              if (heading >= 0) await change(note, heading, heading + 1, `${lines[heading].replace(/^(#{1,3} ).*$/, `$1${random.pick(nameList)}`)}\n`);
              break;
            }
            case 8:
              // A 📚 list, or a 🗄 to a book: book entries decide where such a reference leads.
              await change(note, at, at, random.next() < 0.5 ? `📚\n* ${random.pick(books)}\n\n` : `🗄 ${random.pick(books)}\n`);
              break;
            case 9: {
              // An author renamed with F2, or a citation typed: every citation, 📚 entry and book
              // link of the author changes at once, in notes open and not.
              const authors = parseNote(note, textOf(note)).citations.flatMap((citation) => citation.items.filter((item) => item.author && item.authorRange && !item.carriedOver).map((item) => item.authorRange!.start));
              if (authors.length === 0 || random.next() < 0.3) {
                await change(note, at, at, `* ${random.pick(['a note', 'see'])} 📙 ${random.pick(['Chang', 'McGee', 'Okafor', 'Van der Berg', 'Lopez', "O'Neil", 'O’Neil', 'Mu\u0308ller', 'Müller'])} ${random.pick(['[12]', 'knife skills [3]', 'ch. 2', 'food lab'])}\n`);
                break;
              }
              const position = random.pick(authors);
              const newName = random.pick(['Okafor', 'Van der Berg', 'Chang', 'McGee', 'Lopes']);
              const edit = await client.request<{ changes?: Record<string, Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }>> } | null>('textDocument/rename', { textDocument: { uri: client.uri(note) }, position, newName }).catch(() => null);
              if (edit) await applyEdit(edit);
              break;
            }
            case 11: {
              // A note moved or renamed: to a fresh name, or to a name another note has, in some folder.
              const source = random.pick([...disk.keys()].sort());
              const name = random.next() < 0.5 ? (vscodeStyle ? `moved(${step}).md` : `moved-${step}.md`) : eitherForm(random.pick(files));
              const folder = random.next() < 0.3 ? '' : random.pick(folders());
              const target = folder ? `${folder}/${name}` : name;
              if (target !== source && free(target)) await move(source, target, random.next() < 0.5);
              break;
            }
            case 12: {
              // A folder moved or renamed, with every note in it.
              const source = random.pick(folders());
              const parent = random.next() < 0.5 ? '' : random.pick(folders());
              // Now and then to the name links write, `crème`, as macOS writes it (a note split into a folder).
              const name = random.next() < 0.2 ? 'cre\u0300me' : vscodeStyle ? `f'${step}` : `f${step}`;
              const target = `${parent ? `${parent}/` : ''}${name}`;
              if (!parent.startsWith(source) && free(target)) await move(source, target, random.next() < 0.5);
              break;
            }
            case 7:
              if (random.next() < 0.5) {
                open.delete(note);
                await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: client.uri(note) } });
              }
              break;
            default: {
              const method = random.pick(['textDocument/hover', 'textDocument/definition', 'textDocument/documentSymbol', 'textDocument/codeAction', 'textDocument/semanticTokens/full']);
              const position = { line: at, character: random.int(0, 10) };
              await client.request(method, { textDocument: { uri: client.uri(note) }, position, range: { start: position, end: position }, context: { diagnostics: [] } });
            }
          }
        }
        await client.settled();
        const notes = notePaths();
        const second = await compareWithFresh(`after ${EDITS} edits`);
        // The counts above headings (kept across edits while a note's anchors stay as they were)
        // must be a fresh server's too.
        const lenses = async (server: TestClient, note: string) =>
          JSON.stringify((await server.request<Array<{ range: { start: { line: number } }; command?: { title: string } }> | null>('textDocument/codeLens', { textDocument: { uri: server.uri(note) } }) ?? []).map((lens) => `${lens.range.start.line}:${lens.command?.title ?? ''}`));
        const lensDifferences: string[] = [];
        for (const note of notes) {
          const [inSession, inFresh] = [await lenses(client, note), await lenses(second, note)];
          if (inSession !== inFresh) lensDifferences.push(`${note}: session ${inSession}, fresh ${inFresh}`);
        }
        assert.deepStrictEqual(lensDifferences, []);
        // Find All References weighs only the notes whose links led into the note when last checked:
        // after the session's edits those records must still find what a fresh server finds.
        const references = async (server: TestClient, note: string, line: number, character: number) =>
          JSON.stringify((await server.request<Array<{ uri: string; range: { start: { line: number; character: number } } }> | null>('textDocument/references', { textDocument: { uri: server.uri(note) }, position: { line, character }, context: { includeDeclaration: false } }) ?? [])
            .map((location) => `${path.relative(server.root, fileURLToPath(location.uri)).split(path.sep).join('/')}:${location.range.start.line}:${location.range.start.character}`).sort());
        const referenceDifferences: string[] = [];
        for (const note of notes) {
          const anchors = parseNote(note, textOf(note)).anchors.filter((anchor) => anchor.text && anchor.kind !== 'item').slice(0, 8);
          for (const anchor of [{ line: 0, range: { start: { character: 0 } } }, ...anchors]) {
            const [inSession, inFresh] = [await references(client, note, anchor.line, anchor.range.start.character), await references(second, note, anchor.line, anchor.range.start.character)];
            if (inSession !== inFresh) referenceDifferences.push(`${note}:${anchor.line}: session ${inSession}, fresh ${inFresh}`);
          }
        }
        assert.deepStrictEqual(referenceDifferences, []);
      } finally {
        await client.shutdown();
        for (const other of fresh) await other.shutdown();
      }
    });
  }
});
