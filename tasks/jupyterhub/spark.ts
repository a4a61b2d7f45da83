import { parseAllDocuments } from 'yaml';
import type { Ctx } from '../core/index.js';
import type { K8sObject } from '../k8s/kubectl.js';
import { apply } from '../k8s/kubectl-changes.js';
import { readTemplate } from './render.js';

/** ServiceAccount, Role and RoleBinding of the user pods when Spark drivers run in notebooks. */
export const SPARK_ACCOUNT = 'jupyter-spark';

type RbacObject = K8sObject & { subjects?: { namespace?: string }[] };

/** The account user pods run as and what spark-submit needs to start executors (spark-rbac.yaml). */
export function sparkRbac(namespace: string): RbacObject[] {
  return parseAllDocuments(readTemplate('spark-rbac.yaml')).map((doc) => {
    const o = doc.toJS() as RbacObject;
    o.metadata.namespace = namespace;
    for (const subject of o.subjects ?? []) subject.namespace = namespace;
    return o;
  });
}

export async function applySparkRbac(ctx: Ctx, namespace: string): Promise<void> {
  await apply(
    ctx,
    sparkRbac(namespace),
    `ServiceAccount, Role and RoleBinding ${SPARK_ACCOUNT} (Spark executors from notebooks)`,
  );
}
