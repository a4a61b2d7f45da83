/**
 * The core as namespaces use it: the run context, recipe and variable
 * declarations, errors, and small helpers. Namespaces import from here only,
 * which also lets the bundle keep the whole core in one chunk.
 */
export type { Ctx } from './context.js';
export {
  namespace,
  recipe,
  type Args,
  type Namespace,
  type NamespaceTable,
  type Param,
  type Recipe,
} from './define.js';
export { formatDuration, parseDuration } from './duration.js';
export { ENV_FILE_NAME } from './env-file.js';
export { CommandError, InterruptedError, TaskError, UsageError } from './errors.js';
export type { Change, Effects, PlannedCommand, Query } from './effects.js';
export type { Background, Result, RunOptions } from './exec.js';
export { formatListing } from './help.js';
export {
  httpTimeoutError,
  isHttpTimeout,
  isTlsFailure,
  isUnreachable,
  type HttpAnswer,
  type HttpRequest,
} from './http.js';
export { describeTarget, type KubeTarget } from './kube-target.js';
export { readManifest } from './manifest.js';
export { canConnect } from './net.js';
export { projectRoot, sharedDir, templatesDir } from './paths.js';
export { pollUntil, type PollOptions } from './poll.js';
export { sideBySide } from './side-by-side.js';
export { startProgress, type Progress } from './progress.js';
export { plainStyle, type Style } from './style.js';
export {
  bool,
  duration,
  int,
  oneOf,
  secret,
  str,
  type VarSpec,
  type VarTable,
  type VarValues,
} from './vars.js';
