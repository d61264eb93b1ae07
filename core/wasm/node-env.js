// --pre-js of the programs run under Node.js (tests, benchmarks): Emscripten
// gives getenv() a fixed environment; copy the process's into it.
Module['preRun'] = Module['preRun'] || [];
Module['preRun'].push(function () {
  if (typeof process === 'object' && process.env) Object.assign(ENV, process.env);
});
