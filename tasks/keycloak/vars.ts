import { secret, str } from '../core/index.js';

export const keycloakVars = {
  KEYCLOAK_HOST: str('Keycloak host (FQDN); OIDC endpoints are https://KEYCLOAK_HOST/realms/…'),
  KEYCLOAK_REALM: str('realm of the platform users and clients', 'buunstack'),
  KEYCLOAK_URL: str('base URL of Keycloak; empty = https://KEYCLOAK_HOST'),
  KEYCLOAK_NAMESPACE: str('namespace of Keycloak (holds Secret keycloak-credentials)', 'keycloak'),
  KEYCLOAK_ADMIN_USER: str('admin user; empty = read Secret keycloak-credentials key admin-user'),
  KEYCLOAK_ADMIN_PASSWORD: secret(
    'admin password; empty = read Secret keycloak-credentials key password',
  ),
  K8S_OIDC_CLIENT_ID: str(
    'client id of the Kubernetes OIDC login client (create-k8s-client)',
    'k8s',
  ),
  KEYCLOAK_USER_PASSWORD: secret(
    'password for create-user / create-system-user / put-admin-credentials-to-vault; asked when empty (never an argument)',
  ),
  KEYCLOAK_OPERATOR_VERSION: str('version of the Keycloak operator manifests', '26.6.3'),
};
