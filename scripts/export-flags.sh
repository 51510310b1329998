#!/bin/sh
# Prints a `-Wl,--export=NAME` flag for every symbol the given wasm objects
# define with default visibility. Objects are compiled with
# -fvisibility=hidden, so these are exactly what the code marked
# WEAKBIND_EXPORT. (wasm-ld's --export-dynamic would also export every
# default-visibility symbol of libc++, and keep it alive.)
LLVM_READOBJ=${LLVM_READOBJ:-llvm-readobj-19}
"$LLVM_READOBJ" --symbols "$@" | awk '
  /^  Symbol \{/      { name = ""; type = ""; skip = 0 }
  /^    Name: /       { name = $2 }
  /^    Type: /       { type = $2 }
  /VISIBILITY_HIDDEN|BINDING_LOCAL|UNDEFINED|BINDING_WEAK/ { skip = 1 }
  /^  \}/ { if (name != "" && !skip && (type == "FUNCTION" || type == "DATA")) print "-Wl,--export=" name }
' | sort -u
