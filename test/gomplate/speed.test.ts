// Rendering speed with a cached parse: a realistic ~400-line Helm values template (many
// .Env lookups, if/else blocks, strings.Indent, pipelines) must average under 1 ms.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { render } from '../../tasks/gomplate/index.js';

function valuesTemplate(): string {
  const lines: string[] = [
    'hub:',
    '  config:',
    '    JupyterHub:',
    '      authenticator_class: {{ .Env.AUTH_CLASS | default "generic-oauth" }}',
  ];
  for (let i = 0; lines.length < 390; i++) {
    lines.push(
      `  service${i}:`,
      `    enabled: {{ .Env.SVC_ENABLED }}`,
      `    image: "{{ .Env.IMAGE_REPO }}/svc-${i}:{{ .Env.IMAGE_TAG }}"`,
      `    {{- if eq .Env.MONITORING_ENABLED "true" }}`,
      `    serviceMonitor:`,
      `      enabled: true`,
      `      interval: {{ .Env.SCRAPE_INTERVAL | default "30s" }}`,
      `    {{- else }}`,
      `    serviceMonitor: {}`,
      `    {{- end }}`,
      `    replicas: {{ if gt (conv.ToInt .Env.REPLICAS) 1 }}{{ .Env.REPLICAS }}{{ else }}1{{ end }}`,
      `    host: {{ .Env.HOST | strings.TrimPrefix "https://" | quote }}`,
      `    extraConfig: |`,
      `{{ .Env.EXTRA_CONFIG | strings.Indent 6 }}`,
      `    {{- if and .Env.OIDC_ENABLED (ne .Env.OIDC_CLIENT "") }}`,
      `    oidc:`,
      `      client_id: {{ .Env.OIDC_CLIENT }}`,
      `      secret: {{ getenv "OIDC_SECRET" "unset" }}`,
      `    {{- end }}`,
    );
  }
  return lines.join('\n') + '\n';
}

const ENV = {
  AUTH_CLASS: 'generic-oauth',
  SVC_ENABLED: 'true',
  IMAGE_REPO: 'registry.example.com/buun',
  IMAGE_TAG: '1.2.3',
  MONITORING_ENABLED: 'true',
  SCRAPE_INTERVAL: '',
  REPLICAS: '3',
  HOST: 'https://jupyter.example.com',
  EXTRA_CONFIG: 'c.Spawner.default_url = "/lab"\nc.Spawner.mem_limit = "2G"\n\nc.Other = 1',
  OIDC_ENABLED: 'true',
  OIDC_CLIENT: 'jupyterhub',
};

const speed = suite('speed');

speed('a 400-line values template renders in under 1 ms on average (cached parse)', () => {
  const text = valuesTemplate();
  assert.ok(text.split('\n').length >= 390, 'template is about 400 lines');
  const first = render(text, { env: ENV });
  assert.ok(first.includes('interval: 30s') && first.includes('      c.Spawner.mem_limit'));
  for (let i = 0; i < 200; i++) render(text, { env: ENV }); // warm up the JIT
  const runs = 1000;
  const start = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) render(text, { env: ENV });
  const avgMs = Number(process.hrtime.bigint() - start) / 1e6 / runs;
  if (process.env.SPEED_REPORT) console.log(`average render: ${avgMs.toFixed(3)} ms`);
  assert.ok(avgMs < 1, `average ${avgMs.toFixed(3)} ms`);
});

speed.run();
