#!/bin/sh
# An example deploy for the script engine: prints its steps with short pauses.
# DAYOPS_DEPLOY_SECONDS makes the rollout step last that long (to try halt), as does
# a version containing "slow" (30 s); a version containing "fail" fails, to try Rollback.
set -e
service="${DAYOPS_SERVICE:-unknown}"
env="${DAYOPS_ENV:-unknown}"
version="${DAYOPS_VERSION:-unknown}"
echo "[$DAYOPS_DEPLOY_ID] deploying $service $version to $env"
sleep 0.3
echo "pulling image $service:$version"
sleep 0.3
echo "running migrations"
sleep 0.3
seconds="${DAYOPS_DEPLOY_SECONDS:-0}"
case "$version" in *slow*) seconds=30 ;; esac
if [ "$seconds" -gt 0 ]; then
  echo "rolling out over ${seconds}s"
  i=0
  while [ "$i" -lt "$seconds" ]; do
    sleep 1
    i=$((i + 1))
    echo "rollout: ${i}/${seconds}s"
  done
fi
case "$version" in
  *fail*)
    echo "health probe failed for $service $version" >&2
    exit 1
    ;;
esac
echo "switching traffic to $version"
sleep 0.2
echo "done: $service $version is live in $env"
