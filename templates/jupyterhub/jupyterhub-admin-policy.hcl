# Policy `jupyterhub-admin`: the hub's Vault token. The pre-spawn hook writes each
# user's policy (jupyter-user-<username>) and mints the user's token through the token
# role jupyterhub-user, whose allowed policies are jupyter-user-* and default. Nothing
# else: no other policy, no other way to mint a token, no secret to read.

# Per-user policies only, in both policy APIs (hvac writes through sys/policy/<name>).
path "sys/policies/acl/jupyter-user-*" {
  capabilities = ["create", "read", "update"]
}

path "sys/policy/jupyter-user-*" {
  capabilities = ["create", "read", "update"]
}

# User tokens only through the role: orphan, renewable, limited to jupyter-user-* and
# default, explicit max TTL set by the role.
path "auth/token/create/jupyterhub-user" {
  capabilities = ["create", "update"]
}

# The hub's own token: the renewer sidecar keeps it alive.
path "auth/token/lookup-self" {
  capabilities = ["read"]
}

path "auth/token/renew-self" {
  capabilities = ["update"]
}
