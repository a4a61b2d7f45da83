// kubectl exec [-i] -n NS POD [-c CONTAINER] -- CMD…: runs nothing; the result comes from
// the test's table (simulations.exec["NS/POD"]["CMD ARGS"]), except `printenv NAME`, which
// answers from the container's env in the pod spec. Non-running pods fail like kubectl.
import { CliError, SetupError, Unsupported, type Ctx } from '../lib/io.js';
import { bool, parseArgs, str } from '../lib/args.js';
import { connect } from '../lib/cluster.js';
import { readState } from '../lib/store.js';
import { kindByName, notFound, type KindInfo } from '../lib/kinds.js';
import { findObject } from '../lib/objects.js';

export default async function exec(ctx: Ctx, args: string[]): Promise<number> {
  const p = parseArgs(
    args,
    [
      { name: 'namespace', short: 'n', type: 'string' },
      { name: 'container', short: 'c', type: 'string' },
      { name: 'stdin', short: 'i', type: 'bool' },
    ],
    { tool: 'kubectl', cmd: 'exec', errPrefix: 'error: ' },
  );
  const [podName, ...extra] = p.positional;
  if (!podName)
    throw new CliError(
      1,
      "error: expected 'exec POD_NAME COMMAND [ARG1] [ARG2] ... [ARGN]'.\nPOD_NAME and COMMAND are required arguments for the exec command",
    );
  if (extra.length)
    throw new CliError(
      1,
      'error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead',
    );
  if (podName.includes('/'))
    throw new Unsupported('kubectl', `kubectl exec ${podName} (TYPE/NAME form)`);
  const command = p.rest ?? [];
  if (!command.length)
    throw new CliError(1, 'error: you must specify at least one command for the container');
  // Without -i kubectl does not forward stdin: it is then neither read nor logged.
  if (bool(p, 'stdin')) ctx.stdin();
  const ns = str(p, 'namespace') ?? 'default';
  const path = await connect(ctx.env, 'kubectl');
  const s = readState(path);
  const pod = findObject(s, kindByName('Pod') as KindInfo, podName, ns);
  if (!pod) throw new CliError(1, notFound(kindByName('Pod') as KindInfo, podName));
  const phase = pod.status?.phase ?? 'Pending';
  if (phase === 'Succeeded' || phase === 'Failed')
    throw new CliError(
      1,
      `error: cannot exec into a container in a completed pod; current phase is ${phase}`,
    );
  const containers: Array<{ name: string; env?: Array<{ name: string; value?: string }> }> =
    pod.spec?.containers ?? [];
  let container = containers[0];
  const wanted = str(p, 'container');
  if (wanted !== undefined) {
    container = containers.find((c) => c.name === wanted) as typeof container;
    if (!container)
      throw new CliError(
        1,
        `Error from server (BadRequest): container ${wanted} is not valid for pod ${podName}`,
      );
  } else if (containers.length > 1) {
    const def = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
    container = containers.find((c) => c.name === def) ?? containers[0];
    ctx.err(
      `Defaulted container "${container.name}" out of: ${containers.map((c) => c.name).join(', ')}\n`,
    );
  }
  if (!container)
    throw new SetupError('kubectl', `pod ${ns}/${podName} has no containers in its spec`);
  if (phase !== 'Running')
    throw new CliError(
      1,
      `error: unable to upgrade connection: container not found ("${container.name}")`,
    );

  const key = command.join(' ');
  const canned = s.simulations.exec?.[`${ns}/${podName}`]?.[key];
  let result = canned;
  if (!result && command[0] === 'printenv' && command.length === 2) {
    const v = container.env?.find((e) => e.name === command[1])?.value;
    result = v === undefined ? { code: 1 } : { code: 0, stdout: `${v}\n` };
  }
  if (!result)
    throw new SetupError(
      'kubectl',
      `no simulated result for ${JSON.stringify(key)} in pod ${ns}/${podName} (set simulations.exec["${ns}/${podName}"][${JSON.stringify(key)}])`,
    );
  if (result.stdout) ctx.out(result.stdout);
  if (result.stderr) ctx.err(result.stderr);
  if (result.code !== 0) ctx.err(`command terminated with exit code ${result.code}\n`);
  return result.code;
}
