# KubeSpawner pre-spawn hook, rendered from pre_spawn_hook.gomplate.py.
# The hub's extraConfig executes this file, so `c` is the hub's configuration.
import asyncio
import os
import re

# Set in every notebook's environment.
_NOTEBOOK_ENVIRONMENT = {
    "POSTGRES_HOST": "postgres-cluster-rw.postgres",
    "POSTGRES_PORT": "5432",
    "JUPYTERHUB_API_URL": "http://hub:8081/hub/api",
    "BUUNSTACK_LOG_LEVEL": {{ .Env.JUPYTER_BUUNSTACK_LOG_LEVEL | quote }},
}
{{- if eq .Env.JUPYTERHUB_VAULT_INTEGRATION_ENABLED "true" }}

# Where the hub pod mounts them; the environment may point elsewhere (tests).
_VAULT_TOKEN_FILE = os.environ.get("VAULT_TOKEN_FILE") or "/vault/secrets/vault-token"
_USER_POLICY_FILE = (
    os.environ.get("JUPYTERHUB_USER_POLICY_FILE") or "/srv/jupyterhub/user_policy.hcl"
)

# The username becomes part of Vault policy paths: a glob (`*`), a path separator,
# a quote or a brace would widen or break the user's policy.
_SAFE_USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@+-]*$")


# The hub's token may mint user tokens only through this role, which allows only the
# jupyter-user-* and default policies and makes them orphans.
_USER_TOKEN_ROLE = "jupyterhub-user"


def _create_user_token(client, **params):
    # Called through the adapter: hvac's token API differs between versions (Debian's
    # 0.11 and current), the endpoint does not.
    response = client.adapter.post(f"/v1/auth/token/create/{_USER_TOKEN_ROLE}", json=params)
    return response.json() if hasattr(response, "json") else response


def _vault_verify(log):
    """Verification stays on: against VAULT_CACERT when set (a private CA), else the
    system CAs. Only VAULT_SKIP_VERIFY=true turns it off, and every spawn says so."""
    if os.environ.get("VAULT_SKIP_VERIFY", "").lower() == "true":
        log.warning("VAULT_SKIP_VERIFY=true: Vault's certificate is not verified")
        return False
    return os.environ.get("VAULT_CACERT") or True


def _create_notebook_vault_token(username, log):
    """Writes the user's policy and creates the user's token; returns (token, lease).

    Blocking (hvac uses requests), so the hook runs it in a worker thread.
    """
    import hvac

    with open(_VAULT_TOKEN_FILE) as token_file:
        admin_token = token_file.read().strip()
    if not admin_token:
        raise RuntimeError(f"the Vault admin token file {_VAULT_TOKEN_FILE} is empty")
    log.info("Vault admin token present (%s)", _VAULT_TOKEN_FILE)

    client = hvac.Client(
        url=os.environ["VAULT_ADDR"], token=admin_token, timeout=10, verify=_vault_verify(log)
    )
    if not client.is_authenticated():
        raise RuntimeError("the Vault admin token is not valid (expired or revoked?)")

    policy_name = f"jupyter-user-{username}"
    try:
        with open(_USER_POLICY_FILE) as policy_file:
            policy = policy_file.read().replace("{username}", username)
        client.sys.create_or_update_policy(name=policy_name, policy=policy)
        log.info("Vault policy %s written", policy_name)
    except Exception as exc:
        log.warning("Could not write Vault policy %s (continuing): %s", policy_name, exc)

    response = _create_user_token(
        client,
        policies=[policy_name],
        renewable=True,
        ttl=os.environ.get("NOTEBOOK_VAULT_TOKEN_TTL") or "24h",
        explicit_max_ttl=os.environ.get("NOTEBOOK_VAULT_TOKEN_MAX_TTL") or "168h",
        display_name=f"notebook-{username}",
    )
    auth = response.get("auth") if isinstance(response, dict) else None
    if not auth or not auth.get("client_token"):
        raise RuntimeError("Vault answered the token request without a client token")
    return auth["client_token"], auth.get("lease_duration")


async def _set_notebook_vault_token(spawner):
    username = spawner.user.name
    try:
        if not _SAFE_USERNAME.match(username):
            raise ValueError(f"username {username!r} cannot be used in a Vault policy path")
        token, lease = await asyncio.to_thread(
            _create_notebook_vault_token, username, spawner.log
        )
        spawner.environment["NOTEBOOK_VAULT_TOKEN"] = token
        spawner.log.info(
            "Vault token for %s created (role jupyterhub-user: orphan, renewable, policy jupyter-user-%s,"
            " lease duration %ss)",
            username,
            username,
            lease,
        )
    except Exception:
        # Vault trouble must not stop the notebook from starting.
        spawner.log.error(
            "No Vault token for %s; the notebook starts without NOTEBOOK_VAULT_TOKEN",
            username,
            exc_info=True,
        )
{{- end }}


async def _pre_spawn_hook(spawner):
    spawner.environment.update(_NOTEBOOK_ENVIRONMENT)
{{- if eq .Env.JUPYTERHUB_VAULT_INTEGRATION_ENABLED "true" }}
    await _set_notebook_vault_token(spawner)
{{- end }}


c.KubeSpawner.pre_spawn_hook = _pre_spawn_hook
