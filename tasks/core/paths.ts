import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'buun-stack-tasks';

// Compiled code lives in dist/ (or a private build folder while developing), so the
// project root is found by walking up to our own package.json rather than by a fixed
// number of `..`.
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if (JSON.parse(readFileSync(pkg, 'utf8')).name === PACKAGE_NAME) return dir;
      } catch {
        // not ours; keep walking
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the ${PACKAGE_NAME} project root`);
    dir = parent;
  }
}

export const projectRoot = findRoot();

/** Folder of a namespace's gomplate templates and static files. */
export const templatesDir = (namespace: string): string =>
  join(projectRoot, 'templates', namespace);

/** The shared reference/spec folder that sits beside the project (`../shared`). */
export const sharedDir = (): string =>
  resolve(process.env.BUUN_SHARED_DIR ?? join(projectRoot, '..', 'shared'));
