#!/bin/sh
# An example apply runbook (what a drift check's Apply runs), standing in for
#   terraform apply -auto-approve -input=false
echo "aws_security_group.api: Modifying... in ${DAYOPS_ENV:-unknown}"
echo "Apply complete! Resources: 0 added, 1 changed, 0 destroyed."
