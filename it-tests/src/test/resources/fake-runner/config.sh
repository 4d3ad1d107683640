#!/usr/bin/env bash
# Fake actions/runner config.sh: registers the runner with the fake GitHub, which checks the registration token
# against those it issued, and keeps what run.sh needs beside it (the real one writes .runner and .credentials).
# Takes the flags of the real `config.sh` (configure) and refuses any other, so a typo in fleet's script fails here.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
token=${ACTIONS_RUNNER_INPUT_TOKEN:-}
url= name= labels= group= ephemeral=false default_labels=true
while [ $# -gt 0 ]; do
  case "$1" in
    --url) url=$2; shift 2 ;;
    --token) token=$2; shift 2 ;;
    --name) name=$2; shift 2 ;;
    --labels) labels=$2; shift 2 ;;
    --runnergroup) group=$2; shift 2 ;;
    --work) shift 2 ;;
    --ephemeral) ephemeral=true; shift ;;
    --no-default-labels) default_labels=false; shift ;;
    --unattended | --replace | --disableupdate) shift ;;
    *) echo "config.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[ -n "$url" ] && [ -n "$name" ] && [ -n "$token" ] || { echo "config.sh: --url, --name and a token are required" >&2; exit 2; }
server=$(printf '%s' "$url" | sed -E 's#^(https?://[^/]+).*#\1#')
answer=$(printf '%s' "$token" | curl --silent --show-error --fail-with-body --data-urlencode 'token@-' \
  --data-urlencode "url=$url" --data-urlencode "name=$name" --data-urlencode "labels=$labels" \
  --data-urlencode "runnergroup=$group" --data-urlencode "ephemeral=$ephemeral" \
  --data-urlencode "defaultlabels=$default_labels" "$server/_fake/runner/register")
(
  umask 077
  printf 'server=%s\n%s\n' "$server" "$answer" >"$here/.runner"
)
echo "config.sh: runner $name added"
