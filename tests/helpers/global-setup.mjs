export { setup as default } from './run-scope.mjs';
