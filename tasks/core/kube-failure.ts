/**
 * kubectl's and helm's failures an operator meets most — no cluster, a wrong context,
 * expired credentials, no permission, a missing object — read from the command's
 * structured failure (program, exit code, stderr) and said in one line with a hint, not
 * as the half-dozen lines of client-go retries kubectl prints. The texts are kubectl's
 * (k8s.io/kubectl/pkg/cmd/util/helpers.go StandardErrorMessage), the API server's
 * (forbidden, not found) and helm's (pkg/kube/client.go); anything else stays the
 * command's own error.
 */

export interface KubeFailure {
  message: string;
  hint: string;
}

const CONTEXT_HINT =
  'kubectl config get-contexts lists them; choose with --context or KUBE_CONTEXT';

/** One line and a hint for a failed kubectl or helm call, or undefined when not one of these. */
export function classifyKubeFailure(
  program: string,
  status: number | null,
  stderr: string,
  context: string | undefined,
): KubeFailure | undefined {
  if ((program !== 'kubectl' && program !== 'helm') || status === null || status === 0)
    return undefined;
  const where = context ? `kube context ${context}` : 'the current kube context';
  const unreachableHint = `check that the cluster is up and that ${where} is the one you mean (${CONTEXT_HINT})`;
  // The verdict is the last line that says something; client-go's retries (E1207 … lines) come first.
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^[EWI]\d{4} /.test(l));
  for (const line of lines.reverse()) {
    let m: RegExpExecArray | null;
    if (
      (m = /^Error in configuration: context was not found for specified context: (.+)$/.exec(line))
    )
      return { message: `kube context ${m[1]} is not in the kubeconfig`, hint: CONTEXT_HINT };
    if ((m = /^Error: Kubernetes cluster unreachable: context "(.+)" does not exist$/.exec(line)))
      return { message: `kube context ${m[1]} is not in the kubeconfig`, hint: CONTEXT_HINT };
    if ((m = /^The connection to the server (\S+) was refused/.exec(line)))
      return {
        message: `${program}: cannot reach the Kubernetes API server at ${m[1]} (connection refused)`,
        hint: unreachableHint,
      };
    if ((m = /^Unable to connect to the server: (.+)$/.exec(line)))
      return {
        message: `${program}: cannot reach the Kubernetes API server (${m[1]})`,
        hint: unreachableHint,
      };
    if ((m = /^Error: Kubernetes cluster unreachable(?:: (.+))?$/.exec(line)))
      return {
        message: `${program}: cannot reach the Kubernetes API server${m[1] ? ` (${m[1]})` : ''}`,
        hint: unreachableHint,
      };
    if ((m = /^error: You must be logged in to the server \((.*)\)$/.exec(line)))
      return {
        message: `${program}: the Kubernetes API server did not accept the credentials of ${where} (${m[1]})`,
        hint: 'log in again or refresh the credentials in the kubeconfig',
      };
    if (
      (m =
        /(?:^Error from server \(Forbidden\): |^Error: .*?)(\S+(?: "[^"]*")? is forbidden: User .+)$/.exec(
          line,
        ))
    )
      return {
        message: `${program}: ${m[1]}`,
        hint: `the user of ${where} lacks this permission: use a context with more rights, or have it granted (RBAC)`,
      };
    if ((m = /^Error from server \(NotFound\): (.+)$/.exec(line)))
      return {
        message: `${program}: ${m[1]}`,
        hint: `check the name and the namespace (on ${where})`,
      };
  }
  return undefined;
}
