/** The admin policy upstream's create-admin-policy writes (same paths and capabilities). */
export const ADMIN_POLICY_HCL = `path "sys/auth" {
    capabilities = ["read", "list", "sudo"]
}
path "sys/auth/*" {
    capabilities = ["create", "read", "update", "delete", "list", "sudo"]
}
path "secret/*" {
    capabilities = ["create", "read", "update", "delete", "list"]
}
path "auth/*" {
    capabilities = ["create", "read", "update", "delete", "list"]
}
path "sys/policy/*" {
    capabilities = ["create", "read", "update", "delete", "list"]
}
path "sys/policies/acl/*" {
    capabilities = ["create", "read", "update", "delete", "list"]
}
path "auth/token/create" {
    capabilities = ["create", "update"]
}
path "auth/token/create/*" {
    capabilities = ["create", "update"]
}
`;

/** What setup-oidc-auth grants every OIDC user through policy "default". */
export const OIDC_DEFAULT_RULES = `path "secret/data/*" {
    capabilities = ["create", "read", "update", "delete", "list"]
}
path "secret/metadata/*" {
    capabilities = ["list"]
}
`;

/**
 * Policy "default" with the OIDC rules added. Upstream replaces the whole policy, which takes
 * away what every token needs from it (renew-self, lookup-self, cubbyhole…); the rules are
 * appended instead, once.
 */
export function withOidcRules(current: string | undefined): string {
  const base = (current ?? '').trimEnd();
  if (base.includes('path "secret/data/*"')) return current ?? '';
  return `${base ? `${base}\n\n` : ''}# added by vault:setup-oidc-auth\n${OIDC_DEFAULT_RULES}`;
}
