// Strict field validation, kubectl's default since 1.27 (--validate=strict): the API server
// rejects fields its schema does not declare, so a misspelt key in a rendered manifest
// fails here as it would on a real cluster. Only the types the project writes are described.
type Shape = { [field: string]: Shape | true } | 'any';

const META: Shape = {
  name: true,
  namespace: true,
  labels: true,
  annotations: true,
  generateName: true,
  uid: true,
  resourceVersion: true,
  creationTimestamp: true,
  generation: true,
  ownerReferences: true,
  finalizers: true,
  managedFields: true,
  deletionTimestamp: true,
  deletionGracePeriodSeconds: true,
};
const base = (extra: Record<string, Shape | true>): Shape => ({
  apiVersion: true,
  kind: true,
  metadata: META,
  ...extra,
});
const REMOTE_REF: Shape = {
  key: true,
  property: true,
  version: true,
  conversionStrategy: true,
  decodingStrategy: true,
  metadataPolicy: true,
};
const ENDPOINT: Shape = {
  port: true,
  targetPort: true,
  path: true,
  scheme: true,
  interval: true,
  scrapeTimeout: true,
  honorLabels: true,
  honorTimestamps: true,
  relabelings: true,
  metricRelabelings: true,
  params: true,
  tlsConfig: true,
  bearerTokenSecret: true,
  bearerTokenFile: true,
  basicAuth: true,
  authorization: true,
  oauth2: true,
  followRedirects: true,
  enableHttp2: true,
  filterRunning: true,
  proxyUrl: true,
  trackTimestampsStaleness: true,
};

const SHAPES: Record<string, Shape> = {
  Secret: base({ data: true, stringData: true, type: true, immutable: true }),
  ConfigMap: base({ data: true, binaryData: true, immutable: true }),
  Namespace: base({ spec: true, status: true }),
  StorageClass: base({
    provisioner: true,
    parameters: true,
    reclaimPolicy: true,
    volumeBindingMode: true,
    allowVolumeExpansion: true,
    mountOptions: true,
    allowedTopologies: true,
  }),
  PersistentVolume: base({ spec: true, status: true }),
  PersistentVolumeClaim: base({ spec: true, status: true }),
  ExternalSecret: base({
    spec: {
      secretStoreRef: { name: true, kind: true },
      target: {
        name: true,
        creationPolicy: true,
        deletionPolicy: true,
        template: true,
        immutable: true,
      },
      refreshInterval: true,
      refreshPolicy: true,
      data: { secretKey: true, remoteRef: REMOTE_REF, sourceRef: true },
      dataFrom: true,
    },
    status: true,
  }),
  ServiceMonitor: base({
    spec: {
      endpoints: ENDPOINT,
      selector: true,
      namespaceSelector: true,
      jobLabel: true,
      targetLabels: true,
      podTargetLabels: true,
      sampleLimit: true,
      targetLimit: true,
      attachMetadata: true,
      labelLimit: true,
      labelNameLengthLimit: true,
      labelValueLengthLimit: true,
      scrapeProtocols: true,
      scrapeClass: true,
      keepDroppedTargets: true,
      bodySizeLimit: true,
      selectorMechanism: true,
      fallbackScrapeProtocol: true,
      convertClassicHistogramsToNHCB: true,
    },
  }),
};

const ENUMS: Array<[string, string[]]> = [
  ['spec.target.creationPolicy', ['Owner', 'Orphan', 'Merge', 'None']],
  ['spec.secretStoreRef.kind', ['SecretStore', 'ClusterSecretStore']],
];

function unknownField(v: unknown, shape: Shape, path: string): string | undefined {
  if (shape === 'any' || v === null || typeof v !== 'object') return undefined;
  const items = Array.isArray(v) ? v : [v];
  for (const item of items) {
    if (!item || typeof item !== 'object' || Array.isArray(item)) continue;
    for (const [k, sub] of Object.entries(item)) {
      const inner = shape[k];
      const here = path ? `${path}.${k}` : k;
      if (!inner) return here;
      if (inner !== true) {
        const deeper = unknownField(sub, inner, here);
        if (deeper) return deeper;
      }
    }
  }
  return undefined;
}

/** A BadRequest message for an undeclared field, if any. */
export function schemaError(o: any): string | undefined {
  const shape = SHAPES[o.kind];
  if (!shape) return undefined;
  const bad = unknownField(o, shape, '');
  if (!bad) return undefined;
  const version = String(o.apiVersion).split('/').pop();
  return `${o.kind} in version "${version}" cannot be handled as a ${o.kind}: strict decoding error: unknown field "${bad}"`;
}

/** Invalid field errors for values outside the CRD schema's enums. */
export function enumErrors(o: any): string[] {
  if (o.kind !== 'ExternalSecret') return [];
  const errs: string[] = [];
  for (const [path, allowed] of ENUMS) {
    const v = path.split('.').reduce((a: any, k) => a?.[k], o);
    if (v !== undefined && !allowed.includes(v))
      errs.push(
        `${path}: Unsupported value: "${v}": supported values: ${allowed.map((a) => `"${a}"`).join(', ')}`,
      );
  }
  return errs;
}
