/**
 * Vitest's jsdom environment, keeping Node's binary types on the test global: jsdom's window
 * brings its own realm's typed arrays, while web3.js, @noble and Buffer check
 * `instanceof Uint8Array` against Node's.
 */
import { builtinEnvironments, type Environment } from "vitest/runtime";

type Patchable = Record<string, unknown>;

const BINARY_TYPES = [
  "ArrayBuffer",
  "DataView",
  "Int8Array",
  "Uint8Array",
  "Uint8ClampedArray",
  "Int16Array",
  "Uint16Array",
  "Int32Array",
  "Uint32Array",
  "Float32Array",
  "Float64Array",
  "BigInt64Array",
  "BigUint64Array",
  "TextEncoder",
  "TextDecoder",
] as const;

const jsdom = builtinEnvironments.jsdom;
const environment: Environment = {
  ...jsdom,
  name: "jsdom-node-binary",
  async setup(global, options) {
    const scope = global as Patchable;
    const node = Object.fromEntries(BINARY_TYPES.map((name) => [name, scope[name]]));
    const result = await jsdom.setup(global, options);
    Object.assign(scope, node);
    return result;
  },
};
export default environment;
