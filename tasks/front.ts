// Entry of the `tasks` command (bin/tasks.js), bundled as CommonJS: the listing, --help,
// --version and --completions are answered here from the manifest, without Node's ES
// module loader (a sixth of a bare `node` start) or the rest of the core. A recipe run is
// handed whole to the ES module CLI (cli.js), which reads the same command line; the
// modules that answer are imported only when answering, so a run evaluates just argv's.
import { isRecipeRun, splitArgv } from './core/argv.js';

async function front(argv: readonly string[]): Promise<number | undefined> {
  let flags = splitArgv([]).flags;
  try {
    const split = splitArgv(argv);
    flags = split.flags;
    if (isRecipeRun(split)) {
      await import('./cli.js');
      return undefined;
    }
    const { answerFromManifest } = await import('./core/answer.js');
    const { setManifestLocation } = await import('./core/manifest.js');
    setManifestLocation(new URL('./manifest.json', import.meta.url));
    return await answerFromManifest(split);
  } catch (err) {
    const [{ report }, { loadStyle, wantsColor }] = await Promise.all([
      import('./core/report.js'),
      import('./core/style.js'),
    ]);
    return report(err, flags.verbose, await loadStyle(wantsColor(flags.color, 2)));
  }
}

void front(process.argv.slice(2)).then((code) => {
  if (code !== undefined) process.exitCode = code;
});
