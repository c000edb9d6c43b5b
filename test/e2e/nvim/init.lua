-- Drives the Headroom server from Neovim's built-in LSP client (headless). For each file: open it,
-- wait for diagnostics, ask for a hover and for code actions, and write what came back as JSON.
-- Environment: HEADROOM_SERVER (dist/server.js), HEADROOM_FILES (files:line:col;…), HEADROOM_OUT.
local server = os.getenv('HEADROOM_SERVER')
local out = os.getenv('HEADROOM_OUT')
local results = {}

local filetypes = { alloy = 'alloy', yaml = 'yaml', xml = 'xml' }

local client_id = vim.lsp.start_client({
  name = 'headroom',
  cmd = { 'node', server, '--stdio' },
  root_dir = vim.fn.getcwd(),
})

-- Open every file first, so that cross-file findings (an Alloy config against its pod) are complete.
local opened = {}
for spec in string.gmatch(os.getenv('HEADROOM_FILES'), '[^;]+') do
  local file, line, col = string.match(spec, '^(.+):(%d+):(%d+)$')
  vim.cmd('edit ' .. file)
  local buf = vim.api.nvim_get_current_buf()
  vim.bo[buf].filetype = filetypes[string.match(file, '%.(%w+)$')] or 'text'
  vim.lsp.buf_attach_client(buf, client_id)
  table.insert(opened, { file = file, buf = buf, line = tonumber(line), col = tonumber(col) })
end
for _, o in ipairs(opened) do
  vim.wait(15000, function() return #vim.diagnostic.get(o.buf) > 0 end, 100)
end
-- Let the re-lint after the last file's facts settle (the server debounces by 120 ms).
vim.wait(1500, function() return false end, 100)

for _, o in ipairs(opened) do
  local buf = o.buf
  local codes = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(codes, { code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code), line = d.lnum + 1 })
  end
  local position = { line = o.line - 1, character = o.col - 1 }
  local uri = vim.uri_from_bufnr(buf)
  local hover = vim.lsp.buf_request_sync(buf, 'textDocument/hover', { textDocument = { uri = uri }, position = position }, 10000)
  local hover_text = ''
  for _, response in pairs(hover or {}) do
    if response.result and response.result.contents then hover_text = response.result.contents.value or '' end
  end
  local lsp_diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.user_data and d.user_data.lsp then table.insert(lsp_diagnostics, d.user_data.lsp) end
  end
  local actions = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', {
    textDocument = { uri = uri },
    range = { start = { line = 0, character = 0 }, ['end'] = { line = vim.api.nvim_buf_line_count(buf), character = 0 } },
    context = { diagnostics = lsp_diagnostics },
  }, 10000)
  local titles = {}
  for _, response in pairs(actions or {}) do
    for _, action in ipairs(response.result or {}) do table.insert(titles, action.title) end
  end
  table.insert(results, { file = o.file, diagnostics = codes, hover = hover_text, actions = titles })
end

-- Editor features on one Alloy file (HEADROOM_EDITOR, JSON: file, module, positions): workspace symbols
-- (waiting for the server's workspace scan to index the module), semantic tokens decoded with the
-- server's legend, signature help, and a rename through vim.lsp.buf.rename, applied by Neovim itself.
local editor = os.getenv('HEADROOM_EDITOR')
if editor then
  local spec = vim.fn.json_decode(editor)
  vim.cmd('edit ' .. spec.file)
  local buf = vim.api.nvim_get_current_buf()
  vim.bo[buf].filetype = 'alloy'
  vim.lsp.buf_attach_client(buf, client_id)
  local uri = vim.uri_from_bufnr(buf)
  local client = vim.lsp.get_client_by_id(client_id)
  local module_path = vim.fn.fnamemodify(spec.module, ':p')

  local symbols = {}
  vim.wait(20000, function()
    symbols = {}
    local scanned = false
    local response = vim.lsp.buf_request_sync(buf, 'workspace/symbol', { query = spec.symbols }, 5000)
    for _, r in pairs(response or {}) do
      for _, s in ipairs(r.result or {}) do
        local fname = vim.uri_to_fname(s.location.uri)
        if fname == module_path then scanned = true end
        table.insert(symbols, s.name .. ' ' .. vim.fn.fnamemodify(fname, ':t'))
      end
    end
    return scanned
  end, 200)

  local tokens = {}
  local legend = client.server_capabilities.semanticTokensProvider.legend
  local response = vim.lsp.buf_request_sync(buf, 'textDocument/semanticTokens/full', { textDocument = { uri = uri } }, 10000)
  for _, r in pairs(response or {}) do
    local data = (r.result or {}).data or {}
    local line, char = 0, 0
    for i = 1, #data, 5 do
      line = line + data[i]
      char = (data[i] == 0) and (char + data[i + 1]) or data[i + 1]
      local kinds = { legend.tokenTypes[data[i + 3] + 1] }
      for bit, name in ipairs(legend.tokenModifiers) do
        if math.floor(data[i + 4] / 2 ^ (bit - 1)) % 2 == 1 then table.insert(kinds, name) end
      end
      local text = string.sub(vim.api.nvim_buf_get_lines(buf, line, line + 1, false)[1], char + 1, char + data[i + 2])
      table.insert(tokens, string.format('%d:%d %s %s', line + 1, char + 1, text, table.concat(kinds, '+')))
    end
  end

  local signature = ''
  response = vim.lsp.buf_request_sync(buf, 'textDocument/signatureHelp', {
    textDocument = { uri = uri }, position = { line = spec.signature[1] - 1, character = spec.signature[2] - 1 },
  }, 10000)
  for _, r in pairs(response or {}) do
    if r.result and r.result.signatures and r.result.signatures[1] then
      signature = r.result.signatures[1].label .. ' #' .. tostring(r.result.activeParameter)
    end
  end

  vim.api.nvim_win_set_cursor(0, { spec.rename[1], spec.rename[2] - 1 })
  vim.lsp.buf.rename(spec.newName)
  local module_text = function()
    local module_buf = vim.fn.bufnr(module_path)
    if module_buf < 0 then return '' end
    return table.concat(vim.api.nvim_buf_get_lines(module_buf, 0, -1, false), '\n')
  end
  vim.wait(10000, function() return string.find(module_text(), spec.newName, 1, true) ~= nil end, 100)
  table.insert(results, {
    file = '(editor features)', symbols = symbols, tokens = tokens, signature = signature,
    renamed = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n'), module = module_text(),
  })
end

-- Formatting: the whole file with vim.lsp.buf.format (formatting_sync before Neovim 0.8), and one line with
-- textDocument/rangeFormatting.
local format_file = os.getenv('HEADROOM_FORMAT')
if format_file then
  local formatted = {}
  for _, kind in ipairs({ 'document', 'range' }) do
    vim.cmd('edit! ' .. format_file)
    local buf = vim.api.nvim_get_current_buf()
    vim.bo[buf].filetype = 'alloy'
    vim.lsp.buf_attach_client(buf, client_id)
    vim.wait(10000, function() local c = vim.lsp.get_client_by_id(client_id); return c ~= nil and c.initialized end, 50)
    if kind == 'document' then
      -- vim.lsp.buf.format arrived in Neovim 0.8; Debian's 0.7 has formatting_sync.
      if vim.lsp.buf.format then vim.lsp.buf.format({ bufnr = buf, timeout_ms = 10000 })
      else vim.lsp.buf.formatting_sync(nil, 10000) end
    else
      local line = tonumber(os.getenv('HEADROOM_FORMAT_LINE')) - 1
      local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, options = { tabSize = 4, insertSpaces = false },
        range = { start = { line = line, character = 0 }, ['end'] = { line = line, character = 1 } } }
      for _, response in pairs(vim.lsp.buf_request_sync(buf, 'textDocument/rangeFormatting', params, 10000) or {}) do
        if response.result then vim.lsp.util.apply_text_edits(response.result, buf, 'utf-16') end
      end
    end
    formatted[kind] = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n') .. '\n'
    vim.cmd('bwipeout! ' .. buf)
  end
  table.insert(results, { file = format_file, formatted = formatted })
end

local handle = io.open(out, 'w')
handle:write(vim.fn.json_encode(results))
handle:close()
vim.lsp.stop_client(client_id)
vim.cmd('qa!')
