#!/bin/sh
# An example IaC drift check (runbook kind: drift-check), standing in for
#   terraform plan -detailed-exitcode -input=false -lock=false
# Terraform's exit codes: 0 no changes, 1 error, 2 changes present (drift).
# `--arg drift=no` pretends the infrastructure matches its code; `--arg drift=error` a broken plan.
case "${DAYOPS_ARG_DRIFT:-yes}" in
  no)
    echo "No changes. Your infrastructure matches the configuration."
    exit 0 ;;
  error)
    echo "Error: Failed to query available provider packages" >&2
    exit 1 ;;
esac
echo "Terraform will perform the following actions in ${DAYOPS_ENV:-unknown}:"
echo "  # aws_security_group.api will be updated in-place"
echo "  ~ resource \"aws_security_group\" \"api\" {"
echo "      ~ ingress = [ + { cidr_blocks = [\"0.0.0.0/0\"], from_port = 22 } ]"
echo "    }"
echo "Plan: 0 to add, 1 to change, 0 to destroy."
exit 2
