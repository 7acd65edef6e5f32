export { teardown as default } from './run-scope.mjs';
