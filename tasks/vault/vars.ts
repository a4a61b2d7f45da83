import { bool, secret, str } from '../core/index.js';

export const vaultVars = {
  VAULT_HOST: str('Vault host (FQDN); VAULT_ADDR defaults to https://VAULT_HOST'),
  VAULT_ADDR: str('full Vault address; overrides https://VAULT_HOST'),
  VAULT_TOKEN: secret('Vault token (root/admin for *-root recipes); op:// references work'),
  K8S_VAULT_NAMESPACE: str('namespace of the vault Helm release (used to detect Vault)', 'vault'),
  VAULT_DEBUG: bool('print every Vault request path (never tokens or values)', 'false'),
  VAULT_CACERT: str('PEM file with the CA that signed the Vault certificate'),
  VAULT_SKIP_VERIFY: bool('do not verify the Vault TLS certificate (testing only)', 'false'),
  VAULT_UNSEAL_KEY: secret('unseal key for vault:unseal; op:// references work; asked when empty'),
  VAULT_CHART_VERSION: str('version of the hashicorp/vault Helm chart', '0.33.0'),
};
