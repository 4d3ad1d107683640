#!/usr/bin/env bash
# Fake actions/runner run.sh: tells the fake GitHub that this runner is online, from the JIT config or from what
# config.sh kept. The real one then runs until its one job is done; this one returns at once, and the harness plays
# the job (FakeGitHub.startJob / finishJob).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [ -n "${ACTIONS_RUNNER_INPUT_JITCONFIG:-}" ]; then
  settings=$(printf '%s' "$ACTIONS_RUNNER_INPUT_JITCONFIG" | base64 -d)
else
  settings=$(cat "$here/.runner")
fi
server=$(printf '%s\n' "$settings" | sed -n 's/^server=//p')
credential=$(printf '%s\n' "$settings" | sed -n 's/^credential=//p')
printf '%s' "$credential" | curl --silent --show-error --fail-with-body --data-urlencode 'credential@-' \
  "$server/_fake/runner/online"
echo "run.sh: listening for jobs"
