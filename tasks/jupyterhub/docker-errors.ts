import { CommandError, TaskError } from '../core/index.js';

/** A stopped daemon or a plain-HTTP registry is one clear line, not a wall of output. */
export function dockerFailure(err: unknown, docker: string, pushed?: string): unknown {
  if (!(err instanceof CommandError)) return err;
  if (
    /Cannot connect to the Docker daemon|Is the docker daemon running|cannot connect to Podman/i.test(
      err.stderrTail,
    )
  ) {
    return new TaskError(
      `the ${docker} daemon is not running`,
      `start it (e.g. systemctl start ${docker}) and run again`,
    );
  }
  // podman (unlike docker) talks HTTPS even to localhost unless registries.conf says otherwise.
  if (pushed && /server gave HTTP response to HTTPS client/.test(err.stderrTail)) {
    const registry = pushed.split('/')[0];
    return new TaskError(
      `cannot push ${pushed}: registry ${registry} speaks plain HTTP, ${docker} expects HTTPS`,
      docker === 'podman'
        ? `mark it insecure in registries.conf: [[registry]] location = "${registry}" insecure = true`
        : `add "${registry}" to "insecure-registries" in /etc/docker/daemon.json`,
    );
  }
  return err;
}
