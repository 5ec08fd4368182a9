/*
 * A Node addon with one function, clear(), that executes EMMS: it marks every x87 register
 * empty again after MMX use.
 *
 * Why: LiteSVM 0.8's SBPF JIT spills a register into MM0 on its `callx` path (programs making
 * indirect calls: the ATA and Memo programs, some failing builtins...) and never issues EMMS, so
 * it returns with the x87 tag word full. The next x87 user on that thread computes NaN: a double
 * `%` in JS, or libstdc++'s hash table growth inside V8's garbage collector, which then throws
 * std::bad_alloc and aborts Node (LiteSVM/litesvm#171, #396; fixed upstream by #398, which adds
 * the same EMMS after each transaction). localnet calls clear() right after every LiteSVM
 * execution.
 *
 * N-API is a stable C ABI exported by the node binary, so the few declarations below replace
 * node_api.h: no headers or node-gyp needed, just `cc -shared -fPIC`.
 */
#include <stddef.h>

typedef struct napi_env__ *napi_env;
typedef struct napi_value__ *napi_value;
typedef struct napi_callback_info__ *napi_callback_info;
typedef int napi_status;
typedef napi_value (*napi_callback)(napi_env, napi_callback_info);

extern napi_status napi_create_function(napi_env, const char *, size_t, napi_callback, void *,
                                        napi_value *);
extern napi_status napi_set_named_property(napi_env, napi_value, const char *, napi_value);
extern napi_status napi_get_undefined(napi_env, napi_value *);

static napi_value clear(napi_env env, napi_callback_info info) {
  (void)info;
#if defined(__x86_64__) || defined(__i386__)
  __asm__ volatile("emms");
#endif
  napi_value undefined;
  napi_get_undefined(env, &undefined);
  return undefined;
}

napi_value napi_register_module_v1(napi_env env, napi_value exports) {
  napi_value fn;
  if (napi_create_function(env, "clear", 5, clear, NULL, &fn) == 0) {
    napi_set_named_property(env, exports, "clear", fn);
  }
  return exports;
}
