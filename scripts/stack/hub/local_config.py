# What must differ between the hub pod and the hub the stack runs on 127.0.0.1. The hub
# runner appends a line loading this file to the chart's jupyterhub_config.py, so it runs
# last, after hub.config, jupyterhub_config.d and hub.extraConfig. Everything else is the
# chart's configuration as the pod would load it. `c` and `os` are the chart file's.
import os as _os

_hub_port = _os.environ["BUUN_HUB_PORT"]
_proxy_api_port = _os.environ["BUUN_HUB_PROXY_API_PORT"]
_ca = _os.environ["SSL_CERT_FILE"]

# The chart binds every interface on 8081; here, loopback and the stack's port.
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{_hub_port}"

# The chart reaches the hub and CHP's API by Service name (http://hub:…, http://proxy-api:…).
# There is no cluster DNS on this machine; the Service env vars already carry our ports.
c.JupyterHub.hub_connect_url = f"http://127.0.0.1:{_hub_port}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{_proxy_api_port}"

# The chart's idle culler talks to the hub at localhost:8081 (its container port).
for _service in c.JupyterHub.get("services", []):
    if isinstance(_service, dict) and _service.get("command"):
        _service["command"] = [
            a.replace("http://localhost:8081/", f"http://127.0.0.1:{_hub_port}/")
            if isinstance(a, str)
            else a
            for a in _service["command"]
        ]

# User pods run on KWOK's node: nothing listens, and their IPs (10.244.x.y) are fake and not
# on this machine, so the hub's readiness check (and CHP's route) must not send traffic
# there. Point them at a loopback port where nothing listens: the hub then sees the server
# never come up, as it would for a pod that hangs, and gives up after Spawner.http_timeout.
c.KubeSpawner.get_pod_url = lambda spawner, pod: "http://127.0.0.1:1"

# Keycloak's certificate comes from the stack's CA, which the hub image's CA store (and
# libcurl's, which the chart's curl HTTP client uses) does not hold.
c.OAuthenticator.http_request_kwargs = {
    **dict(c.OAuthenticator.get("http_request_kwargs", {})),
    "ca_certs": _ca,
}
