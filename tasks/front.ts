// Entry of the `tasks` command (bin/tasks.js), bundled as CommonJS: the listing, --help,
// --version and --completions are answered here from the manifest, without Node's ES
// module loader (a sixth of a bare `node` start) or the rest of the core. A recipe run is
// handed whole to the ES module CLI (cli.js), which reads the same command line.
import { answerFromManifest, isRecipeRun } from './core/answer.js';
import { splitArgv } from './core/argv.js';
import { setManifestLocation } from './core/manifest.js';
import { report } from './core/report.js';
import { loadStyle, wantsColor } from './core/style.js';

async function front(argv: readonly string[]): Promise<number | undefined> {
  let flags = splitArgv([]).flags;
  try {
    const split = splitArgv(argv);
    flags = split.flags;
    if (isRecipeRun(split)) {
      await import('./cli.js');
      return undefined;
    }
    setManifestLocation(new URL('./manifest.json', import.meta.url));
    return await answerFromManifest(split);
  } catch (err) {
    return report(err, flags.verbose, await loadStyle(wantsColor(flags.color, 2)));
  }
}

void front(process.argv.slice(2)).then((code) => {
  if (code !== undefined) process.exitCode = code;
});
