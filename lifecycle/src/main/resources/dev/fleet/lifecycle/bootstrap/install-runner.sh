#!/usr/bin/env bash
# Installs one ephemeral GitHub Actions runner on a fresh VM and starts it under systemd.
#
# Run as root. Parameters come from the environment (none of them is secret):
#   FLEET_MODE            token | jit
#   FLEET_URL             https://github.com/owner/repo or https://github.com/org      (token mode)
#   FLEET_RUNNER_NAME     runner name                                                  (token mode)
#   FLEET_LABELS          comma-separated labels, complete; may be empty               (token mode)
#   FLEET_RUNNER_GROUP    runner group, may be empty                                   (token mode)
#   FLEET_TARBALL_URL     where to download the runner tarball
#   FLEET_TARBALL_SHA256  its expected SHA-256 (hex)
#   FLEET_INSTALL_ROOT    default /opt/actions-runner
#   FLEET_UNIT_DIR        default /etc/systemd/system
#   FLEET_RUN_DIR         default /run/fleet-runner (tmpfs: the jit config never reaches a disk)
#   FLEET_RUNNER_USER     default runner
# The secret (registration token or JIT config) is the first line of stdin, so it never
# appears on a command line, in `ps`, or in sudo's log.
set -euo pipefail

mode=${FLEET_MODE:?FLEET_MODE is required}
tarball_url=${FLEET_TARBALL_URL:?FLEET_TARBALL_URL is required}
expected_sha256=${FLEET_TARBALL_SHA256:?FLEET_TARBALL_SHA256 is required}
install_root=${FLEET_INSTALL_ROOT:-/opt/actions-runner}
unit_dir=${FLEET_UNIT_DIR:-/etc/systemd/system}
run_dir=${FLEET_RUN_DIR:-/run/fleet-runner}
runner_user=${FLEET_RUNNER_USER:-runner}
unit_name=fleet-runner.service

fail() {
  echo "fleet-install: $*" >&2
  exit 1
}

case "$mode" in
  token | jit) ;;
  *) fail "FLEET_MODE must be token or jit, not '$mode'" ;;
esac

secret=
IFS= read -r secret || true
[ -n "$secret" ] || fail "no secret on stdin"

if id -u "$runner_user" >/dev/null 2>&1; then
  echo "fleet-install: user $runner_user exists"
else
  echo "fleet-install: creating user $runner_user"
  useradd --system --create-home --shell /bin/bash "$runner_user"
fi

download_dir=$(mktemp -d)
trap 'rm -rf "$download_dir"' EXIT
tarball="$download_dir/actions-runner.tar.gz"

# What is shown of the URL: without user:password@, should it hold any.
shown_url=$(printf '%s' "$tarball_url" | sed -E 's#^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#]*@#\1***@#')

echo "fleet-install: downloading $shown_url"
curl --fail --silent --show-error --location --retry 5 --retry-connrefused \
  --output "$tarball" "$tarball_url"

actual_sha256=$(sha256sum "$tarball" | cut -d ' ' -f 1)
if [ "${actual_sha256,,}" != "${expected_sha256,,}" ]; then
  fail "SHA-256 mismatch for $shown_url: expected $expected_sha256, got $actual_sha256; refusing to install"
fi
echo "fleet-install: SHA-256 verified"

mkdir -p "$install_root"
tar -xzf "$tarball" -C "$install_root"
chown -R "$runner_user:$runner_user" "$install_root"
echo "fleet-install: unpacked into $install_root"

environment_file=
if [ "$mode" = token ]; then
  # config.sh reads any argument from ACTIONS_RUNNER_INPUT_<NAME>; sudo passes on only the
  # variable named in --preserve-env, and only to this one command.
  config_args=(--url "${FLEET_URL:?FLEET_URL is required}" --name "${FLEET_RUNNER_NAME:?FLEET_RUNNER_NAME is required}")
  if [ -n "${FLEET_LABELS:-}" ]; then
    # fleet's label list is complete (GitHub's defaults are in it unless the pool turned them off), so config.sh
    # must not add its own: the runner then carries exactly the labels a JIT runner of the pool would.
    config_args+=(--labels "$FLEET_LABELS" --no-default-labels)
  fi
  if [ -n "${FLEET_RUNNER_GROUP:-}" ]; then
    config_args+=(--runnergroup "$FLEET_RUNNER_GROUP")
  fi
  config_args+=(--work _work --ephemeral --unattended --disableupdate)
  echo "fleet-install: registering the runner"
  (
    cd "$install_root"
    export ACTIONS_RUNNER_INPUT_TOKEN="$secret"
    sudo -u "$runner_user" --preserve-env=ACTIONS_RUNNER_INPUT_TOKEN ./config.sh "${config_args[@]}"
  )
else
  # A JIT config is consumed by run.sh itself, i.e. by the unit. systemd reads EnvironmentFile=
  # as root before it drops to User=, so the file stays root-only; it is deleted once the unit runs.
  mkdir -p "$run_dir"
  chmod 700 "$run_dir"
  environment_file="$run_dir/jit.env"
  (
    umask 077
    printf 'ACTIONS_RUNNER_INPUT_JITCONFIG=%s\n' "$secret" >"$environment_file"
  )
fi
secret=

unit_file="$unit_dir/$unit_name"
{
  echo "[Unit]"
  echo "Description=GitHub Actions ephemeral runner (fleet)"
  echo "Wants=network-online.target"
  echo "After=network-online.target"
  echo
  echo "[Service]"
  # exec: 'systemctl start' returns only after run.sh was exec'd, i.e. after the environment file was read.
  echo "Type=exec"
  echo "User=$runner_user"
  echo "WorkingDirectory=$install_root"
  if [ -n "$environment_file" ]; then
    echo "EnvironmentFile=$environment_file"
  fi
  echo "ExecStart=$install_root/run.sh"
  # The runner takes one job and exits; the VM then powers off so fleet deletes it.
  # '+' runs this as root although the unit runs as $runner_user.
  echo "ExecStopPost=+/usr/sbin/shutdown -h now"
  echo "Restart=no"
  echo "TimeoutStopSec=10min"
  echo
  echo "[Install]"
  echo "WantedBy=multi-user.target"
} >"$unit_file"
echo "fleet-install: wrote $unit_file"

systemctl daemon-reload
systemctl enable --now "$unit_name"
if [ -n "$environment_file" ]; then
  rm -f "$environment_file"
fi
echo "fleet-install: runner started"
