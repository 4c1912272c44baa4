#!/bin/sh
# An example runbook for the script engine: a pretend restore test of a database backup.
# dayops sets DAYOPS_ENV and DAYOPS_DEPLOY_ID (the RUN-n id); `--arg db=orders` arrives as DAYOPS_ARG_DB.
set -e
db="${DAYOPS_ARG_DB:-app}"
echo "[$DAYOPS_DEPLOY_ID] restore test of the $db database in ${DAYOPS_ENV:-unknown}"
sleep 0.3
echo "fetching the latest backup of $db"
sleep 0.3
echo "restoring into a scratch database"
sleep 0.3
echo "checking row counts: ok"
echo "done: the $db backup restores"
