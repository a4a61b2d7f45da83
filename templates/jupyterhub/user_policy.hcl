# Policy of one notebook user's Vault token. The hub's pre-spawn hook writes it as
# jupyter-user-<username>, with the placeholder in braces replaced by the user's name.

# The user's own secrets (KV v2 data and metadata).
path "secret/data/jupyter/users/{username}/*" {
  capabilities = ["create", "update", "read", "delete", "list"]
}

path "secret/metadata/jupyter/users/{username}/*" {
  capabilities = ["list", "read", "delete", "update"]
}

path "secret/metadata/jupyter/users/{username}" {
  capabilities = ["list"]
}

# Secrets shared by all notebook users (read-only).
path "secret/data/jupyter/shared/*" {
  capabilities = ["read", "list"]
}

path "secret/metadata/jupyter/shared" {
  capabilities = ["list"]
}

# The token may inspect and renew itself.
path "auth/token/lookup-self" {
  capabilities = ["read"]
}

path "auth/token/renew-self" {
  capabilities = ["update"]
}
