// Bundles the extension client, the language server and the CLI (STYLE.md: one esbuild.js,
// the client marks `vscode` external, the server and CLI are bundled whole).
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

const builds = [
  { ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js' },
  // The worker threads that parse notes in parallel (server/src/node/readNotes.ts loads it from beside the bundle).
  { ...common, entryPoints: ['server/src/node/parseWorker.ts'], outfile: 'dist/parseWorker.js' },
];
if (require('fs').existsSync('server/src/main.ts')) builds.push({ ...common, entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js' });
if (require('fs').existsSync('client/src/extension.ts')) builds.push({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] });
// The graph webview's script runs in the webview, not in Node: a browser bundle of its own.
if (require('fs').existsSync('client/src/graph/webview/main.ts')) builds.push({ ...common, platform: 'browser', format: 'iife', target: 'es2020', entryPoints: ['client/src/graph/webview/main.ts'], outfile: 'dist/graph.js' });

async function main() {
  if (watch) {
    for (const options of builds) await (await esbuild.context(options)).watch();
    return;
  }
  await Promise.all(builds.map((options) => esbuild.build(options)));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
