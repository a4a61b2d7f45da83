import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A folder of tiny shell scripts standing in for external tools in core tests.
 * Each records its argv (one JSON line per call: tool, args, stdin) in calls.jsonl.
 */
export class FakeBin {
  readonly bin: string;
  readonly log: string;

  constructor(readonly dir: string) {
    this.bin = join(dir, 'bin');
    this.log = join(dir, 'calls.jsonl');
    mkdirSync(this.bin, { recursive: true });
  }

  /** Adds a tool whose body (sh) runs after the call is recorded. */
  add(name: string, body = 'exit 0'): string {
    const path = join(this.bin, name);
    const record = `node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>require("fs").appendFileSync(process.argv[1],JSON.stringify({tool:process.argv[2],args:process.argv.slice(3),stdin:s})+"\\n"))' "${this.log}" "${name}" "$@"`;
    writeFileSync(path, `#!/bin/sh\n${record}\n${body}\n`);
    chmodSync(path, 0o755);
    return path;
  }

  /** Adds a tool that does not read stdin (for long-running or interactive stand-ins). */
  addRaw(name: string, body: string): string {
    const path = join(this.bin, name);
    writeFileSync(path, `#!/bin/sh\n${body}\n`);
    chmodSync(path, 0o755);
    return path;
  }

  calls(): Array<{ tool: string; args: string[]; stdin: string }> {
    if (!existsSync(this.log)) return [];
    return readFileSync(this.log, 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
  }

  /** PATH with the fakes first. */
  path(): string {
    return `${this.bin}:${process.env.PATH}`;
  }
}
