// weakbind's side of bench/exceptions: the Thrower as a typed class.
#include "weakbind/bind.hpp"
#include "thrower.hpp"

WEAKBIND_CLASS(Thrower);
WEAKBIND_CONSTRUCTOR(Thrower);
WEAKBIND_METHOD(Thrower, check, i32, i32);
WEAKBIND_METHOD(Thrower, throw_catch, i32, i32);
