// Policies the token tests share: the hub's admin policy as spec/jupyterhub.md lists it (the
// parts tokens need), and the same without sudo on create-orphan.
export const ADMIN = `
path "auth/token/create" { capabilities = ["create", "update"] }
path "auth/token/create-orphan" { capabilities = ["create", "update", "sudo"] }
path "auth/token/lookup-self" { capabilities = ["read"] }
path "auth/token/renew-self" { capabilities = ["update"] }
path "sys/policies/acl/jupyter-user-*" { capabilities = ["create", "read", "update", "delete"] }
`;
export const NO_SUDO = ADMIN.replace('["create", "update", "sudo"]', '["create", "update"]');
