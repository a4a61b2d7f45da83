import type { NamespaceTable } from './core/index.js';

/**
 * Every namespace, loaded only when one of its recipes runs; the entry point passes this
 * table to the core. Adding a module: create tasks/<name>/index.ts exporting a
 * `namespace(...)` as default, add it here, and declare its variables in
 * .env.local.example.
 */
export const namespaces: NamespaceTable = {
  utils: () => import('./utils/index.js'),
  env: () => import('./env/index.js'),
  template: () => import('./template/index.js'),
  k8s: () => import('./k8s/index.js'),
  vault: () => import('./vault/index.js'),
  keycloak: () => import('./keycloak/index.js'),
  jupyterhub: () => import('./jupyterhub/index.js'),
};
