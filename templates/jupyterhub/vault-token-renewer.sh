#!/bin/sh
# Keeps JupyterHub's admin Vault token alive. Runs in the hub pod's
# vault-token-renewer sidecar (hashicorp/vault image: busybox sh + the vault CLI).
#
# Copies the admin token that External Secrets mounts at /vault/admin-token/token
# to /vault/secrets/vault-token (read by the pre-spawn hook), then renews it every
# TTL/2 (at least 30 s). When a renewal fails it re-reads the mounted token, which
# may have been replaced in Vault, and continues with that one.
#
# Environment:
#   VAULT_ADDR                  the Vault server (read by the vault CLI)
#   JUPYTERHUB_VAULT_TOKEN_TTL  the admin token's TTL: a Go duration (24h, 1h30m,
#                               90m, 45s) or plain seconds (3600)
# For tests only; production uses the defaults:
#   RENEWER_ADMIN_TOKEN_FILE    default /vault/admin-token/token
#   RENEWER_TOKEN_FILE          default /vault/secrets/vault-token
#   RENEWER_WAIT_SECONDS        step while waiting for the admin token (default 5)
#   RENEWER_MAX_ITERATIONS      stop after this many renewals (default: never)
#   RENEWER_SLEEP_SECONDS       sleep between renewals (default: the interval)
#   RENEWER_SOURCE_ONLY=1       only define the functions (`. vault-token-renewer.sh`)
#
# The token never appears in a command line or in the log: it reaches the vault
# CLI through VAULT_TOKEN, and the CLI's output (which echoes it) is discarded.

ADMIN_TOKEN_FILE=${RENEWER_ADMIN_TOKEN_FILE:-/vault/admin-token/token}
TOKEN_FILE=${RENEWER_TOKEN_FILE:-/vault/secrets/vault-token}
WAIT_SECONDS=${RENEWER_WAIT_SECONDS:-5}
MAX_ITERATIONS=${RENEWER_MAX_ITERATIONS:-}
SLEEP_SECONDS=${RENEWER_SLEEP_SECONDS:-}

# Assumed TTL when JUPYTERHUB_VAULT_TOKEN_TTL cannot be parsed: short, so the
# token is renewed too often rather than too late.
INVALID_TTL_DEFAULT=300

# Largest value of the shell's (64-bit) arithmetic; Go durations stop there too.
MAX_INT=9223372036854775807

log() {
  printf '%s [vault-token-renewer] %s\n' "$(date -u '+%Y-%m-%dT%H:%M:%SZ')" "$*"
}

# Prints $1 without leading zeros ("0" for all zeros): shell arithmetic would
# read "010" as octal and reject "08".
strip_zeros() {
  _sz=${1#"${1%%[!0]*}"}
  printf '%s\n' "${_sz:-0}"
}

# Prints the whole seconds of a Vault TTL and returns 0, or prints nothing and
# returns 1 when it is not one. Accepted: plain seconds ("3600"), whole days
# ("7d", as Vault accepts) and Go durations: optional "+", then one or more
# <number><unit> with units h m s ms us µs ns and optional fractions ("1h30m",
# "90m", "1.5h", "1h0m0s"). Negative values, values beyond Go's limit (about
# 292 years) and numbers of more than 18 digits are rejected.
duration_to_seconds() {
  _d_in=$1
  case $_d_in in
    '' | *[!0-9]*) ;;
    *)
      _d_n=$(strip_zeros "$_d_in")
      [ "${#_d_n}" -le 18 ] || return 1
      printf '%s\n' "$_d_n"
      return 0
      ;;
  esac
  case $_d_in in
    d | *[!0-9]*d) ;;
    *d)
      _d_n=$(strip_zeros "${_d_in%d}")
      [ "${#_d_n}" -le 13 ] || return 1
      printf '%s\n' "$((_d_n * 86400))"
      return 0
      ;;
  esac

  _d_rest=${_d_in#+}
  [ -n "$_d_rest" ] || return 1
  _d_total=0 # nanoseconds, as Go counts them
  while [ -n "$_d_rest" ]; do
    _d_int=${_d_rest%%[!0-9]*}
    _d_rest=${_d_rest#"$_d_int"}
    _d_frac=
    case $_d_rest in
      .*)
        _d_rest=${_d_rest#.}
        _d_frac=${_d_rest%%[!0-9]*}
        _d_rest=${_d_rest#"$_d_frac"}
        ;;
    esac
    [ -n "$_d_int$_d_frac" ] || return 1
    _d_unit=${_d_rest%%[0-9.]*}
    _d_rest=${_d_rest#"$_d_unit"}
    # _d_digits: fraction digits that still count at nanosecond precision.
    case $_d_unit in
      h) _d_ns=3600000000000 _d_digits=9 ;;
      m) _d_ns=60000000000 _d_digits=9 ;;
      s) _d_ns=1000000000 _d_digits=9 ;;
      ms) _d_ns=1000000 _d_digits=6 ;;
      us | µs | μs) _d_ns=1000 _d_digits=3 ;;
      ns) _d_ns=1 _d_digits=0 ;;
      *) return 1 ;;
    esac

    _d_int=$(strip_zeros "$_d_int")
    [ "${#_d_int}" -le 18 ] || return 1
    [ "$_d_int" -le $((MAX_INT / _d_ns)) ] || return 1
    while [ "${#_d_frac}" -gt "$_d_digits" ]; do
      _d_frac=${_d_frac%?}
    done
    _d_scale=1
    _d_i=0
    while [ "$_d_i" -lt "${#_d_frac}" ]; do
      _d_scale=$((_d_scale * 10))
      _d_i=$((_d_i + 1))
    done
    _d_f=$(strip_zeros "${_d_frac:-0}")
    _d_part=$((_d_int * _d_ns))
    _d_f=$((_d_f * (_d_ns / _d_scale)))
    [ "$_d_f" -le $((MAX_INT - _d_part)) ] || return 1
    _d_part=$((_d_part + _d_f))
    [ "$_d_total" -le $((MAX_INT - _d_part)) ] || return 1
    _d_total=$((_d_total + _d_part))
  done
  # A TTL below one second is not "no TTL": count it as one second.
  if [ "$_d_total" -gt 0 ] && [ "$_d_total" -lt 1000000000 ]; then
    printf '%s\n' 1
  else
    printf '%s\n' "$((_d_total / 1000000000))"
  fi
}

# Prints the renewal interval for a TTL in seconds: half of it, at least 30 s;
# 43200 (12 h) for a TTL of 0 (no expiry).
renewal_interval() {
  if [ "$1" -eq 0 ]; then
    printf '%s\n' 43200
  elif [ "$(($1 / 2))" -lt 30 ]; then
    printf '%s\n' 30
  else
    printf '%s\n' "$(($1 / 2))"
  fi
}

# Sets TTL_SECONDS from JUPYTERHUB_VAULT_TOKEN_TTL (needs VAULT_TOKEN when unset).
determine_ttl() {
  if [ -z "${JUPYTERHUB_VAULT_TOKEN_TTL:-}" ]; then
    if vault token lookup >/dev/null 2>&1; then
      TTL_SECONDS=300
      log "JUPYTERHUB_VAULT_TOKEN_TTL is not set; token lookup works, assuming a TTL of ${TTL_SECONDS}s"
    else
      TTL_SECONDS=86400
      log "JUPYTERHUB_VAULT_TOKEN_TTL is not set and token lookup failed; assuming a TTL of ${TTL_SECONDS}s"
    fi
  elif TTL_SECONDS=$(duration_to_seconds "$JUPYTERHUB_VAULT_TOKEN_TTL"); then
    log "Token TTL ${JUPYTERHUB_VAULT_TOKEN_TTL} = ${TTL_SECONDS}s"
  else
    TTL_SECONDS=$INVALID_TTL_DEFAULT
    log "WARNING: JUPYTERHUB_VAULT_TOKEN_TTL='${JUPYTERHUB_VAULT_TOKEN_TTL}' is not a duration (expected e.g. 24h, 1h30m, 90m, 45s or 3600); assuming ${TTL_SECONDS}s"
  fi
}

# Prints the mounted admin token without any whitespace (empty if unreadable).
read_admin_token() {
  tr -d ' \t\r\n' <"$ADMIN_TOKEN_FILE" 2>/dev/null
}

# Replaces the shared token file in one step, so the hub never reads half a token.
write_token_file() {
  _w_tmp="$TOKEN_FILE.tmp.$$"
  if printf '%s\n' "$1" >"$_w_tmp" && mv -f "$_w_tmp" "$TOKEN_FILE"; then
    return 0
  fi
  rm -f "$_w_tmp"
  return 1
}

# Sleeps in the background so that SIGTERM is handled at once (sh as PID 1
# would otherwise only react after the sleep, delaying pod shutdown).
pause() {
  sleep "$1" &
  SLEEP_PID=$!
  wait "$SLEEP_PID"
  SLEEP_PID=
}

on_term() {
  log "Stopping"
  if [ -n "${SLEEP_PID:-}" ]; then
    kill "$SLEEP_PID" 2>/dev/null
  fi
  exit 0
}

main() {
  trap on_term TERM INT
  log "Starting (VAULT_ADDR=${VAULT_ADDR:-unset})"

  while [ ! -f "$ADMIN_TOKEN_FILE" ]; do
    log "Waiting for the admin token at $ADMIN_TOKEN_FILE"
    pause "$WAIT_SECONDS"
  done
  token=$(read_admin_token)
  if [ -z "$token" ]; then
    log "ERROR: the admin token file $ADMIN_TOKEN_FILE is empty"
    exit 1
  fi
  if ! write_token_file "$token"; then
    log "ERROR: cannot write $TOKEN_FILE"
    exit 1
  fi
  log "Admin token present; copied to $TOKEN_FILE"
  VAULT_TOKEN=$token
  export VAULT_TOKEN

  determine_ttl
  interval=$(renewal_interval "$TTL_SECONDS")
  log "Renewing every ${interval}s"

  iteration=0
  while :; do
    if vault token renew >/dev/null 2>&1; then
      log "Token renewed"
    else
      log "WARNING: token renewal failed; re-reading $ADMIN_TOKEN_FILE"
      fresh=$(read_admin_token)
      if [ -z "$fresh" ]; then
        log "ERROR: $ADMIN_TOKEN_FILE is missing or empty; keeping the current token"
      elif ! write_token_file "$fresh"; then
        log "ERROR: cannot write $TOKEN_FILE; keeping the current token"
      elif [ "$fresh" = "$VAULT_TOKEN" ]; then
        log "The mounted token is unchanged; rewrote $TOKEN_FILE and will retry"
      else
        VAULT_TOKEN=$fresh
        export VAULT_TOKEN
        log "Switched to the new mounted token; rewrote $TOKEN_FILE"
      fi
    fi

    iteration=$((iteration + 1))
    if [ -n "$MAX_ITERATIONS" ] && [ "$iteration" -ge "$MAX_ITERATIONS" ]; then
      log "Stopping after $iteration iteration(s)"
      return 0
    fi
    pause "${SLEEP_SECONDS:-$interval}"
  done
}

if [ "${RENEWER_SOURCE_ONLY:-}" != 1 ]; then
  main
fi
