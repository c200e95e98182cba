// The part of the global WebAssembly API that the build scripts (packages/*/scripts/build-wasm.mjs) use: the
// packages compile without the DOM typings, which is where TypeScript declares the WebAssembly object.
declare let WebAssembly: {
  validate(bytes: ArrayBufferView | ArrayBuffer): boolean;
  Module: new (bytes: ArrayBufferView | ArrayBuffer) => object;
  Instance: new (module: object, imports?: object) => { exports: Record<string, unknown> };
};
