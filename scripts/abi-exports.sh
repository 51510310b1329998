#!/bin/sh
# Prints the function names cpp/include/weakbind.h marks WEAKBIND_LOADER:
# the runtime's exports (what the JS loader calls), listed once, in the
# header.
sed -n 's/^WEAKBIND_LOADER .*[ *]\(weakbind_[a-z0-9_]*\)(.*/\1/p' "$(dirname "$0")/../cpp/include/weakbind.h"
