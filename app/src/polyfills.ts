// web3.js and Anchor expect Node's `Buffer` as a global; it must exist before they load.
import { Buffer } from "buffer";

globalThis.Buffer ??= Buffer;
