// Node binding of the Alloy grammar for the benchmark only: the same src/parser.c that the .wasm is
// built from, compiled natively, so bench/parse.ts can compare web-tree-sitter with node tree-sitter.
#include <napi.h>

typedef struct TSLanguage TSLanguage;
extern "C" TSLanguage *tree_sitter_alloy();

// The type tag node tree-sitter checks on a language object.
const napi_type_tag LANGUAGE_TYPE_TAG = {0x8AF2E5212AD58ABF, 0xD5006CAD83ABBA16};

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports["name"] = Napi::String::New(env, "alloy");
  auto language = Napi::External<TSLanguage>::New(env, tree_sitter_alloy());
  language.TypeTag(&LANGUAGE_TYPE_TAG);
  exports["language"] = language;
  return exports;
}

NODE_API_MODULE(tree_sitter_alloy_binding, Init)
