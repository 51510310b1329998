// What the two shim modules share: the test module's memory (handed over by
// the test's init call) and the JS-value table.
"use strict";
module.exports = { memory: null, values: null };
