{
  "targets": [{
    "target_name": "tree_sitter_alloy_binding",
    "dependencies": ["<!(node -p \"require('node-addon-api').targets\"):node_addon_api_except"],
    "include_dirs": ["../../grammars/alloy/src"],
    "sources": ["binding.cc", "../../grammars/alloy/src/parser.c", "../../grammars/alloy/src/scanner.c"],
    "cflags_c": ["-std=c11"]
  }]
}
