#!/bin/sh
# Prints the function names cpp/include/weakbind.h declares: the runtime's
# exports, listed once, in the header.
sed -n 's/^[a-z].*[ *]\(weakbind_[a-z0-9_]*\)(.*/\1/p' "$(dirname "$0")/../cpp/include/weakbind.h"
