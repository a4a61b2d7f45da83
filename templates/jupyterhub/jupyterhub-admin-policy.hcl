# Policy `jupyterhub-admin`: the hub's admin token, used by the pre-spawn hook to
# write per-user policies and create each notebook's orphan token.

path "secret/data/keycloak/admin" {
  capabilities = ["read"]
}

path "secret/data/jupyter/*" {
  capabilities = ["create", "read", "update", "delete", "list", "patch"]
}

path "secret/metadata/jupyter/*" {
  capabilities = ["list"]
}

path "auth/token/create" {
  capabilities = ["create", "update"]
}

# Orphan tokens need sudo; they outlive the admin token and are not limited to
# a subset of its policies.
path "auth/token/create-orphan" {
  capabilities = ["create", "update", "sudo"]
}

path "auth/token/lookup-self" {
  capabilities = ["read"]
}

path "auth/token/renew-self" {
  capabilities = ["update"]
}

# Per-user policies (jupyter-user-<username>).
path "sys/policies/acl/jupyter-user-*" {
  capabilities = ["create", "read", "update", "delete"]
}

path "sys/policies/acl/*" {
  capabilities = ["read", "list"]
}

# The older policy API, used by hvac's create_or_update_policy.
path "sys/policy/*" {
  capabilities = ["create", "read", "update", "delete", "list", "sudo"]
}

path "sys/capabilities-self" {
  capabilities = ["read"]
}
